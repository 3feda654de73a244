// `loopix-sim run`: load the scenario, simulate it, write the results folder.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>

#include "analysis/metrics.h"
#include "cli/commands.h"
#include "cli/results_writer.h"
#include "cli/user_error.h"
#include "core/atomic_file.h"
#include "core/network.h"
#include "core/trace.h"

namespace cli {

namespace fs = std::filesystem;

namespace {

void prepare_folder(const fs::path& dir, bool force) {
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) throw UserError(dir.string() + ": exists and is not a folder");
    if (!fs::is_empty(dir, ec) && !force)
      throw UserError(dir.string() + ": results folder is not empty (use --force to overwrite it)");
  }
  fs::create_directories(dir, ec);
  if (ec) throw UserError(dir.string() + ": cannot create folder: " + ec.message());
}

}  // namespace

int run_command(const RunOptions& o, std::ostream& out, std::ostream& err) {
  std::vector<std::string> overrides = o.overrides;
  if (o.seed) overrides.push_back("seed=" + std::to_string(*o.seed));
  const core::Scenario scenario = core::load_scenario(o.scenario, overrides);
  const fs::path dir = o.output.empty() ? fs::path("results") / scenario.name : fs::path(o.output);
  prepare_folder(dir, o.force);

  // The observers join the list after the network is built, from its own topology; none
  // hears anything before run().
  core::ObserverList observers;
  const int threads = o.threads > 0 ? o.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  core::Network network(scenario, observers, threads);
  analysis::Metrics metrics(scenario, network.topology());
  observers.add(metrics);
  std::unique_ptr<core::TraceWriter> trace;
  try {
    if (o.trace) trace = std::make_unique<core::TraceWriter>((dir / "trace.bin").string());
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
  if (trace) observers.add(*trace);

  const bool show_progress = !o.quiet && (o.progress || isatty(STDERR_FILENO));
  sim::ProgressReporter progress(err, sim::from_seconds(scenario.horizon), show_progress);
  const auto start = std::chrono::steady_clock::now();
  network.run(&progress);
  metrics.finish();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  try {
    nlohmann::json summary = metrics_json(metrics);
    const double events = static_cast<double>(network.simulator().events_processed());
    summary["events_processed"] = network.simulator().events_processed();
    summary["timing"] = {{"wall_time_s", wall},
                         {"events_per_s", wall > 0 ? events / wall : 0.0},
                         {"simulated_s_per_s", wall > 0 ? scenario.horizon / wall : 0.0}};
    core::AtomicFile scenario_file((dir / "scenario.json").string());
    write_json(core::to_json(scenario), scenario_file);
    write_metric_files(dir, "summary.json", summary, metrics);
    scenario_file.commit();
    if (trace) {
      trace->commit();
    } else {
      fs::remove(dir / "trace.bin");  // a stale trace from an earlier run would not match
    }
    if (!o.quiet) {
      print_short_summary(out, summary);
      out << "  results in " << dir.string() << '\n';
    }
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
  return 0;
}

}  // namespace cli
