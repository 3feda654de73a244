#include "analysis/inbox_figures.h"

#include <stdexcept>
#include <string>

#include "core/model/random_purpose.h"

namespace analysis {

InboxFigures::InboxFigures(const core::Scenario& s, const core::Topology& t)
    : topology_(t), classes_(s), seed_(s.seed), warmup_(sim::from_seconds(s.warmup)),
      horizon_(sim::from_seconds(s.horizon)), stored_(static_cast<std::size_t>(t.providers()), PoolGauge(warmup_)) {
  bool alternating = false;
  for (const core::ClientClasses::Class& c : classes_.all()) {
    models_.emplace_back(c.profile, t.clients());
    alternating |= !models_.back().always();
  }
  if (!alternating) return;
  for (int c = 0; c < t.clients(); ++c)
    online_.push_back(models_[classes_.class_of(c)].start(
        c, sim::RandomStream::derive(seed_, t.entity(t.client(c)), core::Purpose::Online)));
}

bool InboxFigures::offline(core::NodeId client, sim::Time t) {
  if (online_.empty()) return false;
  const int c = topology_.index(client);
  return !models_[classes_.class_of(c)].online_at(online_[static_cast<std::size_t>(c)], t);
}

void InboxFigures::on_hop(const core::HopRecord& r) {
  if (r.time > horizon_ || topology_.role(r.node) != core::Role::Provider || r.peer == core::kNoNode ||
      topology_.role(r.peer) != core::Role::Client)
    return;
  const bool kept = classes_.profile(topology_.index(r.peer)).pull_period > 0;
  if (r.event == core::HopEvent::Deliver && kept) {  // into the peer's inbox
    stored_[static_cast<std::size_t>(topology_.index(r.node))].enter(r.time);
    if (r.kind != core::TrafficKind::Payload || r.sent < warmup_) return;
    const bool away = offline(r.peer, r.time);
    waiting_[r.packet] = {r.time, away};
    ++deposited_;
    deposited_offline_ += away ? 1 : 0;
  } else if (r.event == core::HopEvent::Depart) {  // out of it, in a pull answer
    if (!stored_[static_cast<std::size_t>(topology_.index(r.node))].leave(r.time))
      throw std::runtime_error("expected a message deposited at provider node " + std::to_string(r.node) +
                               " before one departs it to client node " + std::to_string(r.peer) +
                               ", but its inboxes are empty");
    auto it = waiting_.find(r.packet);
    if (it == waiting_.end()) return;
    wait_.add(r.time - it->second.time);
    if (it->second.offline) wait_offline_.add(r.time - it->second.time);
    waiting_.erase(it);
  }
}

void InboxFigures::finish() {
  for (PoolGauge& g : stored_) g.advance(horizon_);
}

}  // namespace analysis
