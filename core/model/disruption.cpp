#include "core/model/disruption.h"

#include "core/model/random_purpose.h"

namespace core {

Disruption::Disruption(const Scenario& s, const Topology& t)
    : topology_(t),
      fraction_(s.block_fraction),
      hold_(sim::from_seconds(s.block_delay)),
      spared_(static_cast<std::size_t>(t.clients()), false) {
  const auto mixes = static_cast<std::size_t>(t.layers() * t.mixes_per_layer());
  auto period = [](double start, double duration) {
    return Period{sim::from_seconds(start), duration > 0 ? sim::from_seconds(start + duration) : sim::kNever};
  };
  attack_ = period(s.block_start, s.block_duration);
  outage_ = period(s.outage_start, s.outage_duration);
  blocked_.assign(mixes, 0);
  down_.assign(mixes, 0);
  if (s.block_fraction > 0)
    for (int m : s.block_mixes.mixes) blocked_[static_cast<std::size_t>(m)] = 1, any_ = true;
  for (int m : s.outage_mixes.mixes) down_[static_cast<std::size_t>(m)] = 1, any_ = true;
  for (int c : s.block_spare.clients) spared_[static_cast<std::size_t>(c)] = true;
  if (s.block_fraction > 0)
    for (std::size_t m = 0; m < mixes; ++m)
      draws_.push_back(sim::RandomStream::derive(s.seed, t.entity(t.mix(static_cast<int>(m) / t.mixes_per_layer(),
                                                                        static_cast<int>(m) % t.mixes_per_layer())),
                                                 Purpose::Block));
}

Disruption::Fate Disruption::fate(NodeId node, PacketPool::Slot slot, const PacketTruth& truth, sim::Time now) {
  if (topology_.role(node) != Role::Mix) return {};
  const auto mix = static_cast<std::size_t>(topology_.index(node));
  const bool released = hold_ > 0 && released_.erase(slot) > 0;  // it was held already
  if (down_[mix] && outage_.covers(now)) return {DropReason::Outage, 0};
  if (released || !blocked_[mix] || !attack_.covers(now) || truth.kind == TrafficKind::Flood) return {};
  const bool blocked = draws_[mix].uniform01() < fraction_;
  const bool spared = is_real(truth.kind) && topology_.role(truth.origin) == Role::Client &&
                      spared_[static_cast<std::size_t>(topology_.index(truth.origin))];
  if (!blocked || spared) return {};
  if (hold_ == 0) return {DropReason::Blocked, 0};
  released_.insert(slot);
  return {DropReason::None, hold_};
}

}  // namespace core
