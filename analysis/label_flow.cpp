#include "analysis/label_flow.h"

#include <sstream>
#include <stdexcept>
#include <utility>

namespace analysis {

LabelFlow::LabelFlow(const core::Topology& topology, std::vector<bool> corrupt)
    : topology_(&topology), corrupt_(std::move(corrupt)), last_(topology.client(0)) {}

bool LabelFlow::corrupt(core::NodeId n) const {
  if (topology_->role(n) != core::Role::Mix) return false;
  const auto m = static_cast<std::size_t>(topology_->index(n));
  return m < corrupt_.size() && corrupt_[m];
}

void LabelFlow::not_a_pool(const core::HopRecord& r) const {
  std::ostringstream message;
  message << "at " << sim::to_seconds(r.time) << " s, " << core::name(r.event) << " of packet " << r.packet << " at "
          << core::name(topology_->role(r.node)) << ' ' << r.node << ": only providers and mixes have pools";
  throw std::runtime_error(message.str());
}

}  // namespace analysis
