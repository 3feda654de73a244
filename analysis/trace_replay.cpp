#include "analysis/trace_replay.h"

#include <stdexcept>

namespace analysis {

core::TraceBounds run_bounds(const core::Scenario& scenario, const core::Topology& topology) {
  return {topology.nodes(), sim::from_seconds(scenario.horizon + scenario.drain)};
}

core::ObservationBounds observation_bounds(const core::Scenario& scenario, const core::Topology& topology) {
  const core::TraceBounds b = run_bounds(scenario, topology);
  return {b.nodes, b.end, static_cast<std::uint32_t>(scenario.pull_messages)};
}

void feed_trace(const std::string& path, const core::TraceBounds& bounds, core::Observer& observer) {
  core::TraceReader reader(path, bounds);
  core::HopRecord r;
  for (std::uint64_t index = 0; reader.next(r); ++index) {
    try {
      observer.on_hop(r);
    } catch (const std::runtime_error& e) {
      throw std::runtime_error(core::record_location(path, index) + ": " + e.what());
    }
  }
}

}  // namespace analysis
