#include "analysis/sender_anonymity.h"

#include <cmath>

#include "sim/random.h"

namespace analysis {

namespace {

std::vector<std::uint32_t> sender_labels(const core::Topology& t) {
  std::vector<std::uint32_t> labels(t.nodes(), kNoLabel);
  for (core::NodeId n = 0; n < t.nodes(); ++n)
    if (t.role(n) != core::Role::Provider) labels[n] = n;
  return labels;
}

}  // namespace

SenderAnonymity::SenderAnonymity(const core::Scenario& s, const core::Topology& t, std::vector<bool> corrupt)
    : vectors_(t, s.provider_delay, std::move(corrupt), sender_labels(t)),
      sender_(t.nodes(), s.anonymity_senders.clients.empty()),
      warmup_(sim::from_seconds(s.warmup)),
      seed_(s.seed),
      sample_(s.anonymity_sample),
      labels_(t.nodes() - static_cast<std::uint32_t>(t.providers())) {
  for (core::NodeId n = 0; n < t.nodes(); ++n)
    if (t.role(n) != core::Role::Client) sender_[n] = false;
  for (int c : s.anonymity_senders.clients) sender_[t.client(c)] = true;
}

bool SenderAnonymity::is_target(core::NodeId sender, std::uint64_t message) const {
  if (!sender_[sender] || sample_ <= 0) return false;
  if (sample_ >= 1) return true;
  // A uniform draw in [0, 1) from the message id alone.
  const std::uint64_t h = sim::splitmix64_mix(sim::splitmix64_mix(seed_) ^ message);
  return static_cast<double>(h >> 11) * 0x1.0p-53 < sample_;
}

void SenderAnonymity::on_hop(const core::HopRecord& r) {
  if (r.event == core::HopEvent::Send && r.kind == core::TrafficKind::Payload && r.time >= warmup_ &&
      is_target(r.node, r.message)) {
    pending_[r.message] = {r.node, r.time};
    ++targets_;
  }
  vectors_.on_hop(r, [&](const core::HopRecord& end, const LabelVector& v) {
    auto it = pending_.find(end.message);
    // A replay drops one of two copies of a message; the other goes on.
    if (it == pending_.end() || end.reason == core::DropReason::Replay) return;
    if (end.event == core::HopEvent::Deliver) {
      delivered_.push_back({end.message, it->second.sender, end.peer, it->second.time, end.time, entropy_bits(v),
                            mass(v, it->second.sender)});
    } else {
      ++dropped_;
    }
    pending_.erase(it);
  });
}

}  // namespace analysis
