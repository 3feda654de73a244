#include "cli/simulate.h"

#include <chrono>
#include <memory>

#include "analysis/metrics.h"
#include "cli/results_writer.h"
#include "cli/user_error.h"
#include "core/adversary/adversary_view.h"
#include "core/adversary/observation_stream.h"
#include "core/atomic_file.h"
#include "core/digest.h"
#include "core/model/network.h"
#include "core/trace.h"

namespace cli {

namespace fs = std::filesystem;

nlohmann::json simulate_into(const core::Scenario& scenario, const fs::path& dir, const SimulateOptions& o) {
  // The observers join the list after the network is built, from its own topology; none
  // hears anything before run().
  core::ObserverList observers;
  core::Network network(scenario, observers, o.threads);
  analysis::Metrics metrics(scenario, network.topology());
  observers.add(metrics);
  std::unique_ptr<core::TraceWriter> trace;
  std::unique_ptr<core::ObservationWriter> observations;
  try {
    if (o.trace) trace = std::make_unique<core::TraceWriter>((dir / "trace.bin").string());
    if (o.observations) observations = std::make_unique<core::ObservationWriter>((dir / "observations.bin").string());
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
  if (trace) observers.add(*trace);
  std::unique_ptr<core::AdversaryView> view;
  if (observations) {
    view = std::make_unique<core::AdversaryView>(scenario, network.topology(), *observations);
    observers.add(*view);
  }

  const auto start = std::chrono::steady_clock::now();
  network.run(o.progress);
  metrics.finish();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  try {
    nlohmann::json summary = metrics_json(metrics);
    const double events = static_cast<double>(network.simulator().events_processed());
    const double simulated = scenario.horizon + sim::to_seconds(network.drained());
    summary["events_processed"] = network.simulator().events_processed();
    summary["drained_until_s"] = simulated;
    const std::string scenario_text = json_text(core::to_json(scenario));
    summary["provenance"] = o.provenance;
    summary["provenance"]["scenario_sha256"] = core::sha256_hex(scenario_text);  // of scenario.json's bytes
    summary["timing"] = {{"wall_time_s", wall},
                         {"events_per_s", wall > 0 ? events / wall : 0.0},
                         {"simulated_s_per_s", wall > 0 ? simulated / wall : 0.0}};
    core::AtomicFile scenario_file((dir / "scenario.json").string());
    scenario_file.stream() << scenario_text;
    write_metric_files(dir, "summary.json", summary, metrics, o.run_id);
    scenario_file.commit();
    // A stale trace or observation stream from an earlier run would not match.
    if (trace) trace->commit();
    else fs::remove(dir / "trace.bin");
    if (observations) observations->commit();
    else fs::remove(dir / "observations.bin");
    return summary;
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
}

}  // namespace cli
