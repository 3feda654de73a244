#include "analysis/pool_occupancy.h"

#include <stdexcept>
#include <string>

namespace analysis {

PoolOccupancy::PoolOccupancy(const core::Topology& topology, sim::Time warmup)
    : first_mix_(topology.mix(0, 0)),
      gauges_(static_cast<std::size_t>(topology.layers() * topology.mixes_per_layer()), PoolGauge(warmup)) {}

void PoolOccupancy::on_hop(const core::HopRecord& r) {
  const auto step = mix_pool_step(r, first_mix_, gauges_.size());
  if (!step) return;
  PoolGauge& gauge = gauges_[step->mix];
  if (step->enter) return gauge.enter(r.time);
  if (!gauge.leave(r.time))
    throw std::runtime_error("expected a packet to enter mix node " + std::to_string(r.node) +
                             "'s pool before one leaves it, but the pool is empty");
}

void PoolOccupancy::finish(sim::Time horizon) {
  for (PoolGauge& g : gauges_) g.advance(horizon);
}

}  // namespace analysis
