// `loopix-sim run`: load the scenario, simulate it, write the results folder.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>

#include "analysis/run_summary.h"
#include "cli/commands.h"
#include "cli/histogram_csv.h"
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
  const core::Topology& topology = network.topology();
  analysis::RunSummary summary(topology.nodes(), sim::from_seconds(scenario.warmup));
  observers.add(summary);
  analysis::MixEntropyObserver entropy(topology, sim::from_seconds(scenario.warmup), entropy_period(scenario));
  observers.add(entropy);
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
  entropy.finish(sim::from_seconds(scenario.horizon));
  const Timing timing{std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};

  try {
    const nlohmann::json summary_doc = summary_json(network, summary, entropy, timing);
    core::AtomicFile scenario_file((dir / "scenario.json").string());
    write_json(core::to_json(scenario), scenario_file);
    core::AtomicFile summary_file((dir / "summary.json").string());
    write_json(summary_doc, summary_file);
    core::AtomicFile nodes_file((dir / "nodes.csv").string());
    write_nodes_csv(nodes_file.stream(), network, summary);
    core::AtomicFile entropy_file((dir / "entropy.csv").string());
    write_entropy_csv(entropy_file.stream(), topology, entropy);
    core::AtomicFile latency_file((dir / "latency.csv").string());
    write_latency_csv(latency_file.stream(), network, summary);
    core::AtomicFile pool_file((dir / "pool.csv").string());
    write_pool_csv(pool_file.stream(), network, summary);

    scenario_file.commit();
    summary_file.commit();
    nodes_file.commit();
    entropy_file.commit();
    latency_file.commit();
    pool_file.commit();
    if (trace) {
      trace->commit();
    } else {
      fs::remove(dir / "trace.bin");  // a stale trace from an earlier run would not match
    }
    if (!o.quiet) {
      print_short_summary(out, summary_doc);
      out << "  results in " << dir.string() << '\n';
    }
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
  return 0;
}

}  // namespace cli
