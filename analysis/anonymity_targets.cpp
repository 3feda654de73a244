#include "analysis/anonymity_targets.h"

#include "sim/random.h"

namespace analysis {

TargetChoice::TargetChoice(const core::Scenario& s, const core::Topology& t)
    : sender_(t.nodes(), false),
      warmup_(sim::from_seconds(s.warmup)),
      seed_(s.seed),
      sample_(s.anonymity_sample),
      limit_(static_cast<std::uint32_t>(s.anonymity_targets)) {
  if (s.anonymity_senders.clients.empty()) {
    for (int c = 0; c < t.clients(); ++c) sender_[t.client(c)] = true;
  } else {
    for (int c : s.anonymity_senders.clients) sender_[t.client(c)] = true;
  }
}

bool TargetChoice::sampled(std::uint64_t message) const {
  if (sample_ >= 1) return true;
  // A uniform draw in [0, 1) from the message id alone.
  const std::uint64_t h = sim::splitmix64_mix(sim::splitmix64_mix(seed_) ^ message);
  return static_cast<double>(h >> 11) * 0x1.0p-53 < sample_;
}

std::uint32_t TargetChoice::on_send(const core::HopRecord& r) {
  if (r.kind != core::TrafficKind::Payload || r.time < warmup_ || r.node >= sender_.size() || !sender_[r.node] ||
      sample_ <= 0 || (limit_ > 0 && chosen_ >= limit_) || !sampled(r.message))
    return kNone;
  return chosen_++;
}

}  // namespace analysis
