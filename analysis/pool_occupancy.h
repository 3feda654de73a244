// Pool occupancy of every mix over time, from the hop records (Lemma 1's quantities).
#pragma once
#include <vector>

#include "analysis/pool_gauge.h"
#include "analysis/mix_pool_step.h"
#include "core/model/topology/topology.h"

namespace analysis {

// A PoolGauge per mix (by Topology::index), moved by the mixes' Enter and Leave records, and
// counting from `warmup`.
class PoolOccupancy final : public core::Observer {
 public:
  PoolOccupancy(const core::Topology& topology, sim::Time warmup);
  void on_hop(const core::HopRecord& record) override;
  // Integrates every gauge up to the horizon. Call once the records end.
  void finish(sim::Time horizon);

  const PoolGauge& mix(int index) const { return gauges_[static_cast<std::size_t>(index)]; }

 private:
  core::NodeId first_mix_;
  std::vector<PoolGauge> gauges_;
};

}  // namespace analysis
