#include "analysis/pool_occupancy.h"

namespace analysis {

PoolOccupancy::PoolOccupancy(const core::Topology& topology, sim::Time warmup)
    : first_mix_(topology.mix(0, 0)),
      gauges_(static_cast<std::size_t>(topology.layers() * topology.mixes_per_layer()), PoolGauge(warmup)) {}

void PoolOccupancy::on_hop(const core::HopRecord& r) {
  if (const auto step = mix_pool_step(r, first_mix_, gauges_.size())) gauges_[step->mix].change(r.time, step->enter ? +1 : -1);
}

void PoolOccupancy::finish(sim::Time horizon) {
  for (PoolGauge& g : gauges_) g.advance(horizon);
}

}  // namespace analysis
