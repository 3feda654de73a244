#include "analysis/disclosure_attack.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/config/corrupt_nodes.h"

namespace analysis {

DisclosureAttack::DisclosureAttack(const core::Scenario& s, const core::Topology& t)
    : topology_(t),
      targets_(s.disclosure_targets.clients),
      target_of_(static_cast<std::size_t>(t.clients()), -1),
      receiver_seen_(static_cast<std::size_t>(t.clients()), false),
      warmup_(sim::from_seconds(s.warmup)),
      round_(std::max<sim::Time>(1, sim::from_seconds(s.disclosure_round))),
      rounds_(static_cast<std::size_t>((sim::from_seconds(s.horizon) - warmup_) / round_)) {
  const std::vector<bool> corrupt = core::corrupt_providers(s);
  const bool ingress = s.provider_role != core::ProviderRole::Egress;
  const bool egress = s.provider_role != core::ProviderRole::Ingress;
  for (int c = 0; c < t.clients(); ++c) receiver_seen_[static_cast<std::size_t>(c)] = egress && corrupt[t.provider_of(t.client(c))];
  for (std::size_t i = 0; i < targets_.size(); ++i) {
    const int c = targets_[i];
    target_of_[static_cast<std::size_t>(c)] = static_cast<int>(i);
    const bool at_provider = ingress && corrupt[t.provider_of(t.client(c))];
    send_evidence_.push_back(s.gpa ? core::ObservationKind::Link : core::ObservationKind::Send);
    sends_seen_.push_back(s.gpa || at_provider);
  }
  const std::size_t n = targets_.size(), clients = static_cast<std::size_t>(t.clients());
  sent_.assign(n, 0);
  deposited_.assign(clients, 0);
  sum_a_.assign(n, 0);
  sum_o_.assign(clients, 0);
  sum_a2_.assign(n, 0);
  sum_o2_.assign(clients, 0);
  sum_ao_.assign(n * clients, 0);
  scores_.reserve(rounds_ * n * clients);
}

void DisclosureAttack::on_observation(const core::Observation& o) {
  if (targets_.empty() || o.time < warmup_) return;
  close_rounds_until(o.time);
  if (closed_ >= rounds_) return;
  const core::Topology& t = topology_;
  auto client = [&](core::NodeId n) { return n < t.nodes() && t.role(n) == core::Role::Client ? t.index(n) : -1; };
  switch (o.what) {
    case core::ObservationKind::Deposit:
      if (const int c = client(o.peer); c >= 0 && receiver_seen_[static_cast<std::size_t>(c)]) ++deposited_[static_cast<std::size_t>(c)];
      return;
    case core::ObservationKind::Send:
    case core::ObservationKind::Link: {
      const int c = client(o.what == core::ObservationKind::Send ? o.peer : o.node);
      if (c < 0 || target_of_[static_cast<std::size_t>(c)] < 0) return;
      if (o.what == core::ObservationKind::Link && (o.peer >= t.nodes() || t.role(o.peer) != core::Role::Provider)) return;
      const auto i = static_cast<std::size_t>(target_of_[static_cast<std::size_t>(c)]);
      if (send_evidence_[i] == o.what) ++sent_[i];
      return;
    }
    default:
      return;
  }
}

void DisclosureAttack::finish() { close_rounds_until(sim::kNever); }

void DisclosureAttack::close_rounds_until(sim::Time time) {
  const std::size_t clients = deposited_.size();
  while (closed_ < rounds_ && warmup_ + static_cast<sim::Time>(closed_ + 1) * round_ <= time) {
    ++closed_;
    const double r = static_cast<double>(closed_);
    for (std::size_t j = 0; j < clients; ++j) {
      const double o = deposited_[j];
      sum_o_[j] += o;
      sum_o2_[j] += o * o;
    }
    for (std::size_t i = 0; i < targets_.size(); ++i) {
      const double a = sent_[i];
      sum_a_[i] += a;
      sum_a2_[i] += a * a;
      double* ao = sum_ao_.data() + i * clients;
      for (std::size_t j = 0; j < clients; ++j) ao[j] += a * deposited_[j];
      // The covariance over the rounds so far of the target's sends and each client's deposits.
      for (std::size_t j = 0; j < clients; ++j)
        scores_.push_back(static_cast<float>(ao[j] / r - (sum_a_[i] / r) * (sum_o_[j] / r)));
    }
    std::fill(sent_.begin(), sent_.end(), 0);
    std::fill(deposited_.begin(), deposited_.end(), 0);
  }
}

DisclosureResult DisclosureAttack::result(const std::vector<std::vector<int>>& contacts) const {
  DisclosureResult out;
  const std::size_t clients = deposited_.size(), n = targets_.size();
  out.targets = static_cast<int>(n);
  out.observed_receivers = static_cast<int>(std::count(receiver_seen_.begin(), receiver_seen_.end(), true));
  const bool seen = out.observed_receivers > 0 && std::find(sends_seen_.begin(), sends_seen_.end(), true) != sends_seen_.end();
  out.evidence = seen ? "deposits at corrupt providers" : "none";
  if (!seen) return out;
  std::vector<std::size_t> first_exact(n, 0);  // per target: the round count from which its guess stays exact
  std::vector<bool> scored(n, false);
  for (std::size_t r = 0; r < closed_; ++r) {
    DisclosureRound round;
    round.end_s = sim::to_seconds(warmup_ + static_cast<sim::Time>(r + 1) * round_);
    double precision = 0, rank = 0;
    std::size_t counted = 0, ranked = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!sends_seen_[i]) continue;
      std::vector<int> candidates;
      for (std::size_t j = 0; j < clients; ++j)
        if (receiver_seen_[j] && static_cast<int>(j) != targets_[i]) candidates.push_back(static_cast<int>(j));
      std::vector<bool> contact(clients, false);
      std::size_t k = 0;
      for (int c : contacts[i])
        if (receiver_seen_[static_cast<std::size_t>(c)] && c != targets_[i]) contact[static_cast<std::size_t>(c)] = true, ++k;
      if (k == 0 || candidates.empty()) continue;
      const float* score = scores_.data() + (r * n + i) * clients;
      std::stable_sort(candidates.begin(), candidates.end(), [&](int a, int b) { return score[a] > score[b]; });
      std::size_t hits = 0;
      for (std::size_t place = 0; place < candidates.size(); ++place) {
        if (!contact[static_cast<std::size_t>(candidates[place])]) continue;
        hits += place < k;
        rank += static_cast<double>(place) / static_cast<double>(candidates.size());
        ++ranked;
      }
      precision += static_cast<double>(hits) / static_cast<double>(k);
      ++counted;
      scored[i] = true;
      if (hits < k) first_exact[i] = r + 1;  // not exact yet: at the earliest from the next round
    }
    round.precision = counted ? precision / static_cast<double>(counted) : 0;
    round.mean_rank = ranked ? rank / static_cast<double>(ranked) : 0;
    out.rounds.push_back(round);
  }
  double sum = 0;
  std::size_t identified = 0, scored_targets = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!scored[i]) continue;
    ++scored_targets;
    if (first_exact[i] < closed_) sum += static_cast<double>(first_exact[i] + 1), ++identified;
  }
  if (scored_targets > 0 && identified == scored_targets) out.rounds_to_identify = sum / static_cast<double>(identified);
  out.flow = flow(contacts);
  return out;
}

FlowCorrelation DisclosureAttack::flow(const std::vector<std::vector<int>>& contacts) const {
  FlowCorrelation f;
  if (closed_ < 2) return f;
  const std::size_t clients = deposited_.size();
  const double r = static_cast<double>(closed_);
  std::vector<std::pair<double, bool>> pairs;  // (correlation, is a contact pair)
  for (std::size_t i = 0; i < targets_.size(); ++i) {
    if (!sends_seen_[i]) continue;
    std::vector<bool> contact(clients, false);
    for (int c : contacts[i]) contact[static_cast<std::size_t>(c)] = true;
    const double var_a = sum_a2_[i] / r - (sum_a_[i] / r) * (sum_a_[i] / r);
    for (std::size_t j = 0; j < clients; ++j) {
      if (!receiver_seen_[j] || static_cast<int>(j) == targets_[i]) continue;
      const double var_o = sum_o2_[j] / r - (sum_o_[j] / r) * (sum_o_[j] / r);
      const double cov = sum_ao_[i * clients + j] / r - (sum_a_[i] / r) * (sum_o_[j] / r);
      // No variance on either side: nothing to correlate, the pair scores 0.
      const double correlation = var_a > 0 && var_o > 0 ? cov / std::sqrt(var_a * var_o) : 0.0;
      pairs.emplace_back(correlation, contact[j]);
    }
  }
  f.pairs = pairs.size();
  for (const auto& p : pairs) f.contact_pairs += p.second;
  const double p = static_cast<double>(f.contact_pairs), q = static_cast<double>(f.pairs - f.contact_pairs);
  if (p == 0 || q == 0) return f;
  std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  double tp = 0, fp = 0;
  for (std::size_t k = 0; k < pairs.size();) {
    double a = 0, b = 0;  // contact and other pairs at this correlation
    const double threshold = pairs[k].first;
    for (; k < pairs.size() && pairs[k].first == threshold; ++k) (pairs[k].second ? a : b) += 1;
    f.auc += a * (q - fp - b + 0.5 * b) / (p * q);
    tp += a;
    fp += b;
    f.roc.push_back({threshold, fp / q, tp / p});
    f.advantage = std::max(f.advantage, tp / p - fp / q);
  }
  return f;
}

TargetContacts::TargetContacts(const core::Scenario& s, const core::Topology& t, const std::vector<int>& targets)
    : topology_(t),
      warmup_(sim::from_seconds(s.warmup)),
      horizon_(sim::from_seconds(s.horizon)),
      target_of_(static_cast<std::size_t>(t.clients()), -1),
      wrote_(targets.size(), std::vector<bool>(static_cast<std::size_t>(t.clients()), false)) {
  for (std::size_t i = 0; i < targets.size(); ++i) target_of_[static_cast<std::size_t>(targets[i])] = static_cast<int>(i);
}

void TargetContacts::on_hop(const core::HopRecord& r) {
  if (r.event != core::HopEvent::Create || r.kind != core::TrafficKind::Payload || r.time < warmup_ || r.time > horizon_) return;
  const core::Topology& t = topology_;
  if (r.node >= t.nodes() || t.role(r.node) != core::Role::Client || r.peer >= t.nodes() || t.role(r.peer) != core::Role::Client)
    return;
  const int i = target_of_[static_cast<std::size_t>(t.index(r.node))];
  if (i >= 0) wrote_[static_cast<std::size_t>(i)][static_cast<std::size_t>(t.index(r.peer))] = true;
}

std::vector<std::vector<int>> TargetContacts::contacts() const {
  std::vector<std::vector<int>> out;
  for (const std::vector<bool>& row : wrote_) {
    out.emplace_back();
    for (std::size_t c = 0; c < row.size(); ++c)
      if (row[c]) out.back().push_back(static_cast<int>(c));
  }
  return out;
}

}  // namespace analysis
