#include "analysis/message_anonymity.h"

#include "analysis/shannon.h"

namespace analysis {

MessageAnonymity::MessageAnonymity(const core::Scenario& s, const core::Topology& t, std::vector<bool> corrupt)
    : topology_(&t),
      exit_(s.anonymity_exit),
      choice_(s, t),
      vectors_(t, std::move(corrupt), kFloor) {}

void MessageAnonymity::on_hop(const core::HopRecord& r) {
  std::uint32_t label = kNoLabel;
  if (r.event == core::HopEvent::Send) {
    label = choice_.on_send(r);
    if (label != TargetChoice::kNone) {
      targets_.push_back({r.message, r.node, r.time});
      own_[r.message] = label;
    }
  }
  vectors_.on_hop(r, label, [&](const core::HopRecord& end, const LabelVector& v) { exit(end, v); });
  const core::Topology& t = *topology_;
  // A route's last mix is the one that sends it to a provider (the last layer's, when there are layers).
  if (exit_ == core::AnonymityExit::LastMix && r.event == core::HopEvent::Depart && t.role(r.node) == core::Role::Mix &&
      r.peer < t.nodes() && t.role(r.peer) == core::Role::Provider)
    exit(r, vectors_.take(r.packet));
}

void MessageAnonymity::exit(const core::HopRecord& r, const LabelVector& v) {
  // A replaying mix sends two packets with the same mass; the next hop drops one of them as a
  // replay (never pooled), and the other goes on with the mass: the dropped one is no exit.
  if (r.event == core::HopEvent::Drop && r.reason == core::DropReason::Replay) return;
  for (const LabelMass& m : v) {
    MessageTarget& target = targets_[m.label];
    target.exited += m.p;
    target.entropy_bits += surprisal_term(m.p);
  }
  auto own = own_.find(r.message);
  if (own == own_.end()) return;
  MessageTarget& target = targets_[own->second];
  target.exit = r.time;
  target.p_exit = mass(v, own->second);
  own_.erase(own);
}

void MessageAnonymity::finish() {
  for (const LabelMass& m : vectors_.remaining()) targets_[m.label].remaining = m.p;
}

}  // namespace analysis
