#include "analysis/unobservability.h"

#include <algorithm>

#include "core/config/corrupt_nodes.h"

namespace analysis {
namespace {

// The ROC of "n >= t" over (positive, negative) histograms of window counts.
WindowTest roc_of(const std::vector<std::uint64_t>& pos, const std::vector<std::uint64_t>& neg, double window_s) {
  WindowTest w;
  w.window_s = window_s;
  for (std::uint64_t n : pos) w.positives += n;
  for (std::uint64_t n : neg) w.negatives += n;
  const std::size_t top = std::max(pos.size(), neg.size());
  auto at = [](const std::vector<std::uint64_t>& h, std::size_t i) { return i < h.size() ? h[i] : 0; };
  const double p = static_cast<double>(w.positives), q = static_cast<double>(w.negatives);
  std::uint64_t pos_at_least = 0, neg_at_least = 0;  // samples counting >= t
  w.roc.push_back({static_cast<std::uint32_t>(top), 0.0, 0.0});
  for (std::size_t t = top; t-- > 0;) {
    const std::uint64_t a = at(pos, t), b = at(neg, t);
    if (a == 0 && b == 0) continue;
    // A positive at t beats every negative below t and ties with those at t.
    const double below = q - static_cast<double>(neg_at_least + b);
    w.auc += static_cast<double>(a) * (below + 0.5 * static_cast<double>(b)) / (p * q);
    pos_at_least += a;
    neg_at_least += b;
    const RocPoint point{static_cast<std::uint32_t>(t), static_cast<double>(neg_at_least) / q,
                         static_cast<double>(pos_at_least) / p};
    w.advantage = std::max(w.advantage, point.true_positive_rate - point.false_positive_rate);
    w.roc.push_back(point);
  }
  return w;
}

}  // namespace

UnobservabilityTest::UnobservabilityTest(Side side, const core::Scenario& s, const core::Topology& t)
    : topology_(t),
      warmup_(sim::from_seconds(s.warmup)),
      window_(std::max<sim::Time>(1, sim::from_seconds(s.adversary_window))),
      windows_(static_cast<std::size_t>((sim::from_seconds(s.horizon) - warmup_) / window_)),
      evidence_(static_cast<std::size_t>(t.clients()), Evidence::None),
      slot_(static_cast<std::size_t>(t.clients()), -1) {
  const std::vector<bool> corrupt = core::corrupt_providers(s);
  const bool ingress = s.provider_role != core::ProviderRole::Egress;
  const bool egress = s.provider_role != core::ProviderRole::Ingress;
  std::int64_t rows = 0;
  for (int c = 0; c < t.clients(); ++c) {
    const bool at_provider = corrupt[t.provider_of(t.client(c))] && (side == Side::Receiver ? egress : ingress);
    Evidence& e = evidence_[static_cast<std::size_t>(c)];
    if (at_provider) e = side == Side::Receiver ? Evidence::Deposits : Evidence::ProviderSends;
    else if (s.gpa) e = side == Side::Receiver ? Evidence::PullAnswers : Evidence::LinkSends;
    if (e != Evidence::None) slot_[static_cast<std::size_t>(c)] = rows++;
  }
  counts_.assign(static_cast<std::size_t>(rows) * windows_, 0);
}

void UnobservabilityTest::on_observation(const core::Observation& o) {
  using K = core::ObservationKind;
  const core::Topology& t = topology_;
  auto evidence_of = [&](core::NodeId client) {
    return client < t.nodes() && t.role(client) == core::Role::Client ? evidence_[static_cast<std::size_t>(t.index(client))]
                                                                        : Evidence::None;
  };
  switch (o.what) {
    case K::Deposit:
      if (evidence_of(o.peer) == Evidence::Deposits) count(o.peer, o.time);
      return;
    case K::Send:
      if (evidence_of(o.peer) == Evidence::ProviderSends) count(o.peer, o.time);
      return;
    case K::Link:
      if (o.node < t.nodes() && t.role(o.node) == core::Role::Provider && evidence_of(o.peer) == Evidence::PullAnswers)
        count(o.peer, o.time);
      if (o.peer < t.nodes() && t.role(o.peer) == core::Role::Provider && evidence_of(o.node) == Evidence::LinkSends)
        count(o.node, o.time);
      return;
    case K::Pull:
    case K::CoverDrop:
    case K::MixIo:
    case K::Target:
      return;
  }
}

void UnobservabilityTest::count(core::NodeId client, sim::Time t) {
  if (t < warmup_) return;
  const auto window = static_cast<std::size_t>((t - warmup_) / window_);
  if (window >= windows_) return;
  const std::int64_t row = slot_[static_cast<std::size_t>(topology_.index(client))];
  ++counts_[static_cast<std::size_t>(row) * windows_ + window];
}

UnobservabilityResult UnobservabilityTest::result(const std::vector<bool>& positive, double target) const {
  UnobservabilityResult r;
  Evidence seen = Evidence::None;  // the one kind of evidence, or None once kinds differ
  bool mixed = false;
  for (std::size_t c = 0; c < evidence_.size(); ++c) {
    if (evidence_[c] == Evidence::None) continue;
    ++r.observed_clients;
    r.positive_clients += positive[c] ? 1 : 0;
    const Evidence kind = evidence_[c] == Evidence::LinkSends ? Evidence::ProviderSends : evidence_[c];
    mixed = mixed || (seen != Evidence::None && seen != kind);
    seen = kind;
  }
  r.evidence = mixed                                ? "mixed"
               : seen == Evidence::Deposits         ? "deposits"
               : seen == Evidence::PullAnswers      ? "pull_answers"
               : seen == Evidence::ProviderSends    ? "sends"
                                                    : "none";
  if (r.positive_clients == 0 || r.positive_clients == r.observed_clients) return r;
  for (std::size_t span = 1; span <= windows_; span *= 2) {
    std::vector<std::uint64_t> histogram[2];  // [negative, positive]: windows per count
    for (std::size_t c = 0; c < evidence_.size(); ++c) {
      if (slot_[c] < 0) continue;
      const std::uint32_t* row = counts_.data() + static_cast<std::size_t>(slot_[c]) * windows_;
      std::vector<std::uint64_t>& h = histogram[positive[c] ? 1 : 0];
      for (std::size_t first = 0; first + span <= windows_; first += span) {
        std::uint64_t n = 0;
        for (std::size_t i = first; i < first + span; ++i) n += row[i];
        if (n >= h.size()) h.resize(n + 1, 0);
        ++h[n];
      }
    }
    r.windows.push_back(roc_of(histogram[1], histogram[0], sim::to_seconds(window_ * static_cast<sim::Time>(span))));
    if (r.time_to_advantage_s < 0 && r.windows.back().advantage >= target) r.time_to_advantage_s = r.windows.back().window_s;
  }
  return r;
}

RealTraffic::RealTraffic(const core::Scenario& s, const core::Topology& t)
    : topology_(t),
      warmup_(sim::from_seconds(s.warmup)),
      horizon_(sim::from_seconds(s.horizon)),
      receivers_(static_cast<std::size_t>(t.clients()), false),
      senders_(static_cast<std::size_t>(t.clients()), false) {}

void RealTraffic::on_hop(const core::HopRecord& r) {
  if (r.time < warmup_ || r.time > horizon_ || !core::is_real(r.kind)) return;
  const core::Topology& t = topology_;
  auto client = [&](core::NodeId n) { return n < t.nodes() && t.role(n) == core::Role::Client; };
  if (r.event == core::HopEvent::Deliver && t.role(r.node) == core::Role::Provider && client(r.peer))
    receivers_[static_cast<std::size_t>(t.index(r.peer))] = true;
  if (r.event == core::HopEvent::Create && client(r.node)) senders_[static_cast<std::size_t>(t.index(r.node))] = true;
}

}  // namespace analysis
