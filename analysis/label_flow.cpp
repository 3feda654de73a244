#include "analysis/label_flow.h"

#include <utility>

namespace analysis {

LabelFlow::LabelFlow(const core::Topology& topology, bool providers_delay, std::vector<bool> corrupt)
    : topology_(&topology), tracker_(topology, providers_delay), corrupt_(std::move(corrupt)), last_(topology.client(0)) {}

bool LabelFlow::corrupt(core::NodeId n) const {
  if (topology_->role(n) != core::Role::Mix) return false;
  const auto m = static_cast<std::size_t>(topology_->index(n));
  return m < corrupt_.size() && corrupt_[m];
}

}  // namespace analysis
