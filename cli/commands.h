// The subcommands of loopix-sim and their options, as the command-line parser fills them.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sim/progress.h"

namespace cli {

struct RunOptions {
  std::string scenario;
  std::string output;  // default: results/<scenario name>
  std::optional<std::uint64_t> seed;
  std::vector<std::string> overrides;  // --set KEY=VALUE
  bool trace = false;
  bool observations = false;  // also write observations.bin (the adversary's view)
  bool force = false;
  bool progress = false;  // force progress on
  bool quiet = false;     // progress off, no summary on stdout
  int threads = 0;        // threads for Sphinx work; 0: every core
  nlohmann::json provenance = nlohmann::json::object();  // cli::provenance of this invocation
  sim::ProgressListener listener;  // told of the run's progress too (none: nobody)
};
int run_command(const RunOptions& options, std::ostream& out, std::ostream& err);

// `loopix-sim analyze DIR`: the metrics again, offline, from DIR's trace and resolved scenario.
struct AnalyzeOptions {
  std::string results;               // a run's results folder (with its trace)
  std::string output;                // default: results/offline
  std::optional<double> warmup;      // seconds: overrides the scenario's warm-up
};
int analyze_command(const AnalyzeOptions& options, std::ostream& out, std::ostream& err);

int validate_command(const std::vector<std::string>& scenarios, std::ostream& out, std::ostream& err);

struct TraceExportOptions {
  std::string trace;
  std::string output;  // empty: standard output (CSV), or the trace's name with .npy (NumPy)
  bool csv = false;
  bool npy = false;
};
// `loopix-sim sweep`: list a sweep's runs, run them into a sweep folder, or aggregate one.
struct SweepOptions {
  std::string sweep;                 // the sweep file; empty with --merge
  std::string output;                // the sweep folder (default: results/<sweep name>)
  bool list = false;                 // print the runs only
  int jobs = 0;                      // runs at once; 0: every core
  std::optional<std::string> shard;  // "I/N"
  std::optional<std::string> merge;  // a sweep folder to aggregate
  bool quiet = false;                // no line per run
  nlohmann::json provenance = nlohmann::json::object();  // cli::provenance of this invocation
  sim::ProgressListener listener;    // told of each run done too (none: nobody)
};
int sweep_command(const SweepOptions& options, std::ostream& out, std::ostream& err);

int trace_export_command(const TraceExportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace cli
