#include "analysis/pool_occupancy.h"

namespace analysis {

PoolOccupancy::PoolOccupancy(const core::Topology& topology, sim::Time warmup)
    : first_mix_(topology.mix(0, 0)),
      pools_(topology, /*providers_delay=*/false),
      gauges_(static_cast<std::size_t>(topology.layers() * topology.mixes_per_layer()), PoolGauge(warmup)) {}

void PoolOccupancy::on_hop(const core::HopRecord& r) {
  pools_.on_hop(r, [&](const PoolStep& step) {
    gauges_[step.node - first_mix_].change(step.time, step.what == PoolStep::What::Enter ? +1 : -1);
  });
}

void PoolOccupancy::finish(sim::Time horizon) {
  for (PoolGauge& g : gauges_) g.advance(horizon);
}

}  // namespace analysis
