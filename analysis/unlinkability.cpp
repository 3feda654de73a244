#include "analysis/unlinkability.h"

#include <cmath>
#include <limits>

namespace analysis {

double Challenge::epsilon_nats() const {
  return zero() ? std::numeric_limits<double>::infinity() : std::abs(std::log(p0 / p1));
}

double Challenge::epsilon_bits() const { return epsilon_nats() / std::log(2.0); }

Unlinkability::Unlinkability(const core::Scenario& s, const core::Topology& t, std::vector<bool> corrupt)
    : vectors_(t, std::move(corrupt)),
      challengers_{t.client(s.challenge_senders.clients[0]), t.client(s.challenge_senders.clients[1])},
      recipient_(t.client(s.challenge_recipient)),
      warmup_(sim::from_seconds(s.warmup)) {}

void Unlinkability::on_hop(const core::HopRecord& r) {
  if (r.event == core::HopEvent::Send && r.kind == core::TrafficKind::Payload && r.time >= warmup_ &&
      (r.node == challengers_[0] || r.node == challengers_[1]))
    pending_[r.message] = {r.node == challengers_[0] ? 0 : 1, r.time};
  const std::uint32_t label = r.node == challengers_[0] ? 0 : r.node == challengers_[1] ? 1 : kNoLabel;
  vectors_.on_hop(r, label, [&](const core::HopRecord& end, const LabelVector& v) {
    auto it = pending_.find(end.message);
    // A replay drops one of two copies of a message; the other goes on.
    if (it == pending_.end() || end.reason == core::DropReason::Replay) return;
    if (end.event == core::HopEvent::Deliver && end.peer == recipient_)
      challenges_.push_back({end.message, it->second.challenger, challengers_[it->second.challenger], it->second.time,
                             end.time, mass(v, 0), mass(v, 1)});
    pending_.erase(it);
  });
}

double Unlinkability::delta() const {
  if (challenges_.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::size_t zero = 0;
  for (const Challenge& c : challenges_) zero += c.zero();
  return static_cast<double>(zero) / static_cast<double>(challenges_.size());
}

SampleSummary Unlinkability::finite(double (Challenge::*epsilon)() const) const {
  std::vector<double> values;
  for (const Challenge& c : challenges_)
    if (!c.zero()) values.push_back((c.*epsilon)());
  return summarize(std::move(values));
}

}  // namespace analysis
