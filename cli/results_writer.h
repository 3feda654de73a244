// The files of a results folder: the resolved scenario, summary.json and nodes.csv.
#pragma once
#include <nlohmann/json.hpp>
#include <ostream>

#include "analysis/run_summary.h"
#include "core/network.h"

namespace cli {

struct Timing {
  double wall_seconds = 0;
};

// summary.json's content. Everything but the "timing" object is a pure function of
// (scenario, seed).
nlohmann::json summary_json(const core::Network& network, const analysis::RunSummary& summary, const Timing& timing);
// One row per node: its role, place in the topology, hop events after the warm-up and,
// for mixes, pool occupancy.
void write_nodes_csv(std::ostream& out, const core::Network& network, const analysis::RunSummary& summary);
// A few lines for the terminal.
void print_short_summary(std::ostream& out, const nlohmann::json& summary);

}  // namespace cli
