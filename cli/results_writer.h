// The files of a results folder: the resolved scenario, the metrics' JSON document and their
// tidy CSV files, written all together or not at all.
#pragma once
#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>

#include "analysis/metrics.h"
#include "core/atomic_file.h"

namespace cli {

// Every metric as JSON: the content of analyze's analysis.json, and of a run's summary.json
// but for what only a run knows ("events_processed", "drained_until_s" and "timing").
nlohmann::json metrics_json(const analysis::Metrics& metrics);
// entropy.csv: one row per mix and sample of the time series.
void write_entropy_csv(std::ostream& out, const analysis::Metrics& metrics);
// nodes.csv: one row per node: its role, place in the topology, hop events from the
// warm-up to the horizon and, for mixes, pool occupancy and whether it is corrupt.
void write_nodes_csv(std::ostream& out, const analysis::Metrics& metrics);
// anonymity.csv: one row per delivered target (empty, header only, when there is none).
void write_anonymity_csv(std::ostream& out, const analysis::Metrics& metrics);
// challenge.csv: one row per challenge message delivered to the recipient.
void write_challenge_csv(std::ostream& out, const analysis::Metrics& metrics);

// Writes `document` as `json_name` and every metric CSV into `dir`, each through a temporary
// file; all are renamed into place only once all are written. With a `run_id` (a sweep's run)
// every CSV starts with a `run` column holding it. Throws std::runtime_error.
void write_metric_files(const std::filesystem::path& dir, const std::string& json_name, const nlohmann::json& document,
                        const analysis::Metrics& metrics, const std::string& run_id = "");

// Writes a JSON document (indented, with a final newline) into a results file.
std::string json_text(const nlohmann::json& document);  // as write_json writes it: indented, a final newline
void write_json(const nlohmann::json& document, core::AtomicFile& file);
// A few lines for the terminal.
void print_short_summary(std::ostream& out, const nlohmann::json& summary);

}  // namespace cli
