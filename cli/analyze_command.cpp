// `loopix-sim analyze`: every metric of a run computed again from its trace, into
// DIR/offline/ or the -o folder (analysis.json and the same CSV files as the run's), equal to
// the online ones; or with another warm-up (--warmup), counted from there.
#include <cstdio>
#include <filesystem>
#include <string>

#include "analysis/metrics.h"
#include "cli/commands.h"
#include "cli/results_writer.h"
#include "cli/user_error.h"
#include "core/config/scenario.h"
#include "core/model/topology/topology.h"

namespace cli {

namespace fs = std::filesystem;

namespace {

std::string seconds(double s) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", s);
  return text;
}

}  // namespace

int analyze_command(const AnalyzeOptions& options, std::ostream& out, std::ostream&) {
  const fs::path dir(options.results);
  const fs::path trace = dir / "trace.bin";
  if (!fs::exists(dir / "scenario.json"))
    throw UserError((dir / "scenario.json").string() + ": cannot read file (is " + dir.string() +
                    " the results folder of a run?)");
  if (!fs::exists(trace))
    throw UserError(trace.string() + ": cannot read file (analyze needs a run made with --trace)");
  core::Scenario scenario = core::load_scenario((dir / "scenario.json").string());
  if (options.warmup) {
    if (!(*options.warmup < scenario.horizon))
      throw UserError("--warmup: expected a number of seconds below the run's horizon (" + seconds(scenario.horizon) +
                      " s), got " + seconds(*options.warmup));
    scenario.warmup = *options.warmup;
  }
  const core::Topology topology(scenario);
  const fs::path offline = options.output.empty() ? dir / "offline" : fs::path(options.output);
  std::error_code same;
  if (fs::exists(offline) && fs::equivalent(offline, dir, same))
    throw UserError("-o " + options.output + ": expected a folder other than the run's own (its files would be overwritten)");
  try {
    const std::unique_ptr<analysis::Metrics> metrics = analysis::metrics_from_trace(trace.string(), scenario, topology);
    std::error_code ec;
    fs::create_directories(offline, ec);
    if (ec) throw UserError(offline.string() + ": cannot create folder: " + ec.message());
    const nlohmann::json document = metrics_json(*metrics);
    write_metric_files(offline, "analysis.json", document, *metrics);
    out << "offline analysis of " << trace.string() << '\n';
    print_short_summary(out, document);
    out << "  written to " << offline.string() << '\n';
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
  return 0;
}

}  // namespace cli
