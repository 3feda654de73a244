#include "core/adversary/block_targets.h"

namespace core {

BlockTargets::BlockTargets(const Scenario& s, const Topology& t)
    : topology_(&t),
      start_(sim::from_seconds(s.block_start)),
      end_(s.block_duration > 0 ? sim::from_seconds(s.block_start + s.block_duration) : sim::kNever),
      watched_(static_cast<std::size_t>(t.layers() * t.mixes_per_layer()), false),
      spared_(static_cast<std::size_t>(t.clients()), false) {
  for (int m : s.block_mixes.mixes) watched_[static_cast<std::size_t>(m)] = true, any_ = true;
  for (int c : s.block_spare.clients) spared_[static_cast<std::size_t>(c)] = true;
}

bool BlockTargets::watched(NodeId n) const {
  return n < topology_->nodes() && topology_->role(n) == Role::Mix && watched_[static_cast<std::size_t>(topology_->index(n))];
}

bool BlockTargets::entering(const HopRecord& r) {
  if (!any_) return false;
  switch (r.event) {
    case HopEvent::Send:
      if (is_real(r.kind) && r.node < topology_->nodes() && topology_->role(r.node) == Role::Client &&
          spared_[static_cast<std::size_t>(topology_->index(r.node))])
        in_flight_.insert(r.packet);
      return false;
    case HopEvent::Drop:
    case HopEvent::Deliver:
      if (is_real(r.kind)) in_flight_.erase(r.packet);  // only real packets are ever in it
      return false;
    case HopEvent::Enter:
      return r.time >= start_ && r.time < end_ && watched(r.node) && in_flight_.count(r.packet) > 0;
    default:
      return false;
  }
}

}  // namespace core
