#include "analysis/sender_anonymity.h"

#include <algorithm>
#include <cmath>

#include "analysis/shannon.h"

namespace analysis {

namespace {

// A pool's backward sum R = scale * sum, kept lazily so that a departure costs O(1) when the
// departing packet carries nothing.
struct BackwardPool {
  LabelVector sum;
  double scale = 1;
  std::uint64_t size = 0;  // the pool's size at this point of the forward records

  // R <- R (n - 1) / n + b / n, n the size before the departure (reverse of a Leave);
  // `scratch` for the merge.
  void departure(LabelVector b, LabelVector& scratch) {
    const double n = static_cast<double>(++size);
    if (size == 1) {
      sum.clear();
      scale = 1;
    } else {
      scale *= (n - 1) / n;
    }
    if (b.empty()) {
      if (scale < 1e-3) rescale();
      return;
    }
    for (LabelMass& m : b) m.p /= n * scale;
    add(sum, b, scratch);
    if (scale < 1e-3) rescale();
  }
  // R itself, without masses below the floor (reverse of an Enter).
  LabelVector value() const {
    LabelVector v;
    for (const LabelMass& m : sum)
      if (m.p * scale >= SenderAnonymity::kFloor) v.push_back({m.label, m.p * scale});
    return v;
  }
  // sum <- R in place (its masses below the floor forgotten), scale <- 1.
  void rescale() {
    std::size_t kept = 0;
    for (const LabelMass& m : sum)
      if (m.p * scale >= SenderAnonymity::kFloor) sum[kept++] = {m.label, m.p * scale};
    sum.resize(kept);
    scale = 1;
  }
};

}  // namespace

struct SenderAnonymity::Sink {
  SenderAnonymity& a;
  void start(const core::HopRecord& r) { a.log_.push_back({r.packet, r.node, What::Start}); }
  void copy(const core::HopRecord& r, std::uint64_t original) {
    a.log_.push_back({original, 0, What::CopyOf});
    a.log_.push_back({r.packet, 0, What::Copy});
  }
  void enter(core::NodeId node, std::uint64_t packet, const core::HopRecord&) {
    a.log_.push_back({packet, node, What::Enter});
    ++a.pool_size_[node];
  }
  void leave(core::NodeId node, std::uint64_t packet, const core::HopRecord&) {
    a.log_.push_back({packet, node, What::Leave});
    --a.pool_size_[node];
  }
  void end(const core::HopRecord& r) {
    auto it = a.pending_.find(r.message);
    // A replay drops one of two copies of a message; the other goes on.
    if (it == a.pending_.end() || r.reason == core::DropReason::Replay) return;
    if (r.event == core::HopEvent::Deliver) {
      a.exits_.push_back({a.log_.size()});
      a.exit_sizes_.insert(a.exit_sizes_.end(), a.pool_size_.begin(), a.pool_size_.end());
      a.log_.push_back({r.packet, static_cast<std::uint32_t>(a.delivered_.size()), What::Exit});
      a.delivered_.push_back({r.message, it->second.sender, r.peer, it->second.time, r.time, 0, 0});
    } else {
      ++a.dropped_;
    }
    a.pending_.erase(it);
  }
};

SenderAnonymity::SenderAnonymity(const core::Scenario& s, const core::Topology& t, std::vector<bool> corrupt,
                                 Direction direction, std::size_t row_budget)
    : flow_(t, corrupt),
      choice_(s, t),
      pool_size_(t.client(0)),
      sent_(t.nodes(), false),
      row_budget_(row_budget) {
  if (direction == Direction::Automatic) direction = cheaper(s, t);
  if (direction == Direction::Forward) forward_ = std::make_unique<LabelVectors>(t, std::move(corrupt));
}

SenderAnonymity::Direction SenderAnonymity::cheaper(const core::Scenario& s, const core::Topology& t) {
  const double eligible = s.anonymity_senders.clients.empty() ? s.clients : static_cast<double>(s.anonymity_senders.clients.size());
  const double real = s.sending == core::Sending::Buffer ? std::min(s.workload_rate, s.payload_rate) : s.workload_rate;
  double per_second = eligible * real * s.anonymity_sample;
  if (s.anonymity_targets > 0) per_second = std::min(per_second, s.anonymity_targets / (s.horizon - s.warmup));
  const double cone = per_second * std::log(1 / kFloor) / s.mu;                     // backward, per pool step
  const double labels = s.clients + static_cast<double>(t.layers()) * t.mixes_per_layer();  // forward, at most
  return cone < labels ? Direction::Backward : Direction::Forward;
}

void SenderAnonymity::on_hop(const core::HopRecord& r) {
  const bool sender = r.event == core::HopEvent::Send && flow_.topology().role(r.node) != core::Role::Provider;
  if (sender) {
    if (choice_.on_send(r) != TargetChoice::kNone) pending_[r.message] = {r.node, r.time};
    if (!sent_[r.node]) {
      sent_[r.node] = true;
      ++labels_;
    }
  }
  if (forward_) {
    return forward_->on_hop(r, sender ? r.node : kNoLabel,
                            [&](const core::HopRecord& end, const LabelVector& v) { forward_end(end, v); });
  }
  Sink sink{*this};
  flow_.on_hop(r, sink);
}

void SenderAnonymity::forward_end(const core::HopRecord& r, const LabelVector& v) {
  auto it = pending_.find(r.message);
  // A replay drops one of two copies of a message; the other goes on.
  if (it == pending_.end() || r.reason == core::DropReason::Replay) return;
  if (r.event == core::HopEvent::Deliver) {
    delivered_.push_back({r.message, it->second.sender, r.peer, it->second.time, r.time, entropy_bits(v),
                          mass(v, it->second.sender)});
  } else {
    ++dropped_;
  }
  pending_.erase(it);
}

void SenderAnonymity::finish() {
  if (forward_) return;  // every delivered target was measured on its delivery
  // The targets' distributions over senders are dense rows (one entry per node), so the
  // reverse pass runs over batches of targets (consecutive in delivery order) small enough
  // for their rows to fit in the budget (by default 2^22 doubles, 32 MiB), one buffer for
  // every pass. A pass starts at its batch's last delivery and stops once no mass of its batch
  // is left, so the passes together read the log about (batch span + backward reach) / batch
  // span times.
  const std::size_t nodes = sent_.size();
  const std::size_t batch = std::max<std::size_t>(1, row_budget_ / nodes);
  std::vector<double> senders(std::min(batch, delivered_.size()) * nodes);
  for (std::size_t first = 0; first < delivered_.size(); first += batch)
    reverse_pass(first, std::min(delivered_.size(), first + batch), senders);
  log_ = {};
  exits_ = {};
}

void SenderAnonymity::reverse_pass(std::size_t first, std::size_t last, std::vector<double>& senders) {
  const Exit& latest = exits_[last - 1];
  std::vector<BackwardPool> pools(pool_size_.size());
  for (std::size_t n = 0; n < pools.size(); ++n) pools[n].size = exit_sizes_[(last - 1) * pools.size() + n];
  std::size_t holding = 0;  // pools whose backward sum holds mass
  std::unordered_map<std::uint64_t, LabelVector> carried;  // by packet: mass over this batch's targets
  auto take = [&](std::uint64_t packet) {
    auto it = carried.find(packet);
    if (it == carried.end()) return LabelVector{};
    LabelVector v = std::move(it->second);
    carried.erase(it);
    return v;
  };
  const std::size_t nodes = sent_.size(), width = last - first;
  // Sender-major: a packet's Start adds its masses (sorted by target) to one sender's
  // `width` consecutive entries, a few cache lines, not one line per target in a matrix of
  // many megabytes.
  std::fill(senders.begin(), senders.begin() + static_cast<std::ptrdiff_t>(width * nodes), 0.0);
  LabelVector copied, scratch;
  for (std::size_t at = latest.step + 1; at-- > 0;) {
    if (at < exits_[first].step && carried.empty() && holding == 0) break;  // the batch's mass is all placed
    const Step& step = log_[at];
    switch (step.what) {
      case What::Exit:
        if (step.value >= first && step.value < last)
          carried[step.packet] = {{static_cast<std::uint32_t>(step.value - first), 1.0}};
        break;
      case What::Copy: copied = take(step.packet); break;
      case What::CopyOf:
        if (!copied.empty()) add(carried[step.packet], copied, scratch);
        copied.clear();
        break;
      case What::Leave: {
        BackwardPool& pool = pools[step.value];
        const bool held = !pool.sum.empty();
        pool.departure(take(step.packet), scratch);
        if (held != !pool.sum.empty()) held ? --holding : ++holding;
        break;
      }
      case What::Enter: {
        BackwardPool& pool = pools[step.value];
        --pool.size;
        LabelVector v = pool.value();
        if (!v.empty()) carried[step.packet] = std::move(v);
        break;
      }
      case What::Start:
        for (const LabelMass& m : take(step.packet)) senders[step.value * width + m.label] += m.p;
        break;
    }
  }
  // Each target's terms are summed over senders in increasing order, reading the matrix once
  // in memory order.
  std::vector<double> h(width, 0.0);
  for (std::size_t n = 0; n < nodes; ++n)
    for (std::size_t t = 0; t < width; ++t) h[t] += surprisal_term(senders[n * width + t]);
  for (std::size_t i = first; i < last; ++i) {
    delivered_[i].entropy_bits = h[i - first];
    delivered_[i].p_sender = senders[delivered_[i].sender * width + (i - first)];
  }
}

}  // namespace analysis
