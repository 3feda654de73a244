// The files of a results folder: the resolved scenario, summary.json and nodes.csv.
#pragma once
#include <nlohmann/json.hpp>
#include <ostream>

#include "analysis/mix_entropy.h"
#include "analysis/run_summary.h"
#include "core/atomic_file.h"
#include "core/network.h"

namespace cli {

struct Timing {
  double wall_seconds = 0;
};

// The sampling period of the entropy time series: 1/1000 of the horizon.
sim::Time entropy_period(const core::Scenario& scenario);

// summary.json's content. Everything but the "timing" object is a pure function of
// (scenario, seed).
nlohmann::json summary_json(const core::Network& network, const analysis::RunSummary& summary,
                            const analysis::MixEntropyObserver& entropy, const Timing& timing);
// The per-mix entropy figures (summary.json's "entropy", and analyze's analysis.json).
nlohmann::json entropy_json(const core::Topology& topology, const analysis::MixEntropyObserver& entropy, sim::Time period);
// entropy.csv: one row per mix and sample of the time series.
void write_entropy_csv(std::ostream& out, const core::Topology& topology, const analysis::MixEntropyObserver& entropy);
// One row per node: its role, place in the topology, hop events after the warm-up and,
// for mixes, pool occupancy.
void write_nodes_csv(std::ostream& out, const core::Network& network, const analysis::RunSummary& summary);
// Writes a JSON document (indented, with a final newline) into a results file.
void write_json(const nlohmann::json& document, core::AtomicFile& file);
// A few lines for the terminal.
void print_short_summary(std::ostream& out, const nlohmann::json& summary);

}  // namespace cli
