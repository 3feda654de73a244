#include "analysis/sender_anonymity.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numbers>
#include <utility>

// The reverse pass is compiled twice, for AVX2 (4 doubles an instruction) and for any x86-64
// processor (2), and the loader takes the one the processor runs: its rows' arithmetic is most
// of its time. The helpers it calls are always inlined into it, to take its instruction set.
// Neither uses fused multiply-adds, so both give the same numbers. (Clang makes a function
// multiversioned only before its first call: reverse_pass is defined above finish().)
#if defined(__x86_64__) && defined(__GNUC__)
#define LOOPIX_AVX2_CLONE __attribute__((target_clones("avx2", "default")))
#else
#define LOOPIX_AVX2_CLONE
#endif

namespace analysis {

namespace {

// A mass, or 0 below the floor.
[[gnu::always_inline]] inline double above_floor(double m) { return m >= SenderAnonymity::kFloor ? m : 0.0; }

// to <- b, b = from * scale without its masses below the floor (`to` may be `from`); whether
// b holds any mass.
[[gnu::always_inline]] inline bool floored(const double* from, double scale, double* to, std::size_t width) {
  for (std::size_t t = 0; t < width; ++t) to[t] = above_floor(from[t] * scale);
  return std::any_of(to, to + width, [](double m) { return m != 0; });
}

// to += b * factor, b as for floored(); whether b holds any mass.
[[gnu::always_inline]] inline bool add_floored(double* to, const double* from, double scale, double factor,
                                               std::size_t width) {
  std::uint64_t bits = 0;  // of every entry of b, or-ed: 0 only if b is all 0 (and vectorizable)
  for (std::size_t t = 0; t < width; ++t) {
    const double b = above_floor(from[t] * scale);
    bits |= std::bit_cast<std::uint64_t>(b);
    to[t] += b * factor;
  }
  return bits != 0;
}

// log2 x to a few ulp for a normal x, in a form the compiler vectorizes (std::log2 is a call
// per entry): x = 2^e z, z in [sqrt(1/2), sqrt(2)), read off the bits, and
// ln z = 2 atanh f = 2 (f + f^3/3 + f^5/5 + ...), f = (z - 1) / (z + 1), |f| < 0.172, to the
// f^21 term (the next is below 2^-60 of the sum). 0 reads as 2^-1023, so x log2 x is 0 there.
[[gnu::always_inline]] inline double log2_mass(double x) {
  constexpr std::uint64_t kRootHalf = 0x3fe6a09e667f3bcd;     // the bits of sqrt(1/2)
  constexpr std::uint64_t kBias = std::uint64_t{2048} << 52;  // so that e + 2048 fills the top 12 bits
  constexpr std::uint64_t kTop = ~((std::uint64_t{1} << 52) - 1);
  const std::uint64_t bits = std::bit_cast<std::uint64_t>(x), shifted = bits - kRootHalf + kBias;
  const double z = std::bit_cast<double>(bits - (shifted & kTop) + kBias);
  const double e = std::bit_cast<double>((shifted >> 52) | std::bit_cast<std::uint64_t>(0x1p52)) - 0x1p52 - 2048;
  const double f = (z - 1) / (z + 1), f2 = f * f;
  double series = 1.0 / 21;
  for (int k = 9; k >= 0; --k) series = series * f2 + 1.0 / (2 * k + 1);
  return e + 2 * f * series * std::numbers::log2e;
}

// Asks for a row (`width` doubles) in the cache before it is written.
void prefetch(const double* row, std::size_t width) {
  for (std::size_t t = 0; t < width; t += 64 / sizeof(double)) __builtin_prefetch(row + t, 1);
}

// Dense rows of `width` masses (one per target of a pass) that packets carry, from an arena
// with a free list: a pass allocates only while the rows carried at once grow.
class Rows {
 public:
  explicit Rows(std::size_t width) : width_(width) {}
  std::uint32_t make() {
    if (free_.empty()) {
      masses_.resize(masses_.size() + width_);
      return static_cast<std::uint32_t>(masses_.size() / width_ - 1);
    }
    const std::uint32_t row = free_.back();
    free_.pop_back();
    return row;
  }
  void release(std::uint32_t row) { free_.push_back(row); }
  double* operator[](std::uint32_t row) { return masses_.data() + std::size_t{row} * width_; }

 private:
  std::size_t width_;
  std::vector<double> masses_;
  std::vector<std::uint32_t> free_;
};

// Which row each carried packet holds, by packet: open addressing with linear probing (a
// packet carries a row only from its Enter back to its previous step, so few do at once).
class Carried {
 public:
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  bool empty() const { return size_ == 0; }
  // The packet's row (kNone if none), no longer carried.
  std::uint32_t take(std::uint64_t packet) {
    if (size_ == 0) return kNone;
    std::size_t i = home(packet);
    while (slots_[i].row != kNone && slots_[i].packet != packet) i = next(i);
    const std::uint32_t row = slots_[i].row;
    if (row != kNone) erase(i);
    return row;
  }
  // The packet's row, or nullptr.
  std::uint32_t* find(std::uint64_t packet) {
    if (size_ == 0) return nullptr;
    for (std::size_t i = home(packet); slots_[i].row != kNone; i = next(i))
      if (slots_[i].packet == packet) return &slots_[i].row;
    return nullptr;
  }
  // The packet, carrying no row yet, now carries `row`.
  void put(std::uint64_t packet, std::uint32_t row) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    std::size_t i = home(packet);
    while (slots_[i].row != kNone) i = next(i);
    slots_[i] = {packet, row};
    ++size_;
  }

 private:
  struct Slot {
    std::uint64_t packet = 0;
    std::uint32_t row = kNone;
  };
  std::size_t home(std::uint64_t packet) const { return (packet * 0x9E3779B97F4A7C15ull) >> shift_; }
  std::size_t next(std::size_t i) const { return (i + 1) & (slots_.size() - 1); }
  // Empties slot i, moving back the entries after it that probed past it.
  void erase(std::size_t i) {
    for (std::size_t j = next(i); slots_[j].row != kNone; j = next(j)) {
      const std::size_t h = home(slots_[j].packet);
      if (i <= j ? i < h && h <= j : i < h || h <= j) continue;  // h in (i, j]: j stays
      slots_[i] = slots_[j];
      i = j;
    }
    slots_[i].row = kNone;
    --size_;
  }
  void grow() {
    std::vector<Slot> old(std::exchange(slots_, std::vector<Slot>(2 * slots_.size())));
    --shift_;
    size_ = 0;
    for (const Slot& s : old)
      if (s.row != kNone) put(s.packet, s.row);
  }
  std::vector<Slot> slots_ = std::vector<Slot>(64);
  int shift_ = 64 - 6;
  std::size_t size_ = 0;
};

// A pool's backward sum R = scale * sum over the pass's targets, kept lazily so that a
// departure costs O(1) when the departing packet carries nothing.
struct BackwardPool {
  double* sum;  // `width` entries
  double scale = 1;
  std::uint64_t size = 0;  // the pool's size at this point of the forward records
  bool holds = false;      // whether some entry of sum is not 0

  // R <- R (n - 1) / n + b / n, n the size before the departure (reverse of a Leave), b the
  // departing packet's masses: `from` * `from_scale` as for floored() (nullptr: none).
  void departure(const double* from, double from_scale, std::size_t width) {
    const double n = static_cast<double>(++size);
    if (size == 1) {
      if (holds) std::fill(sum, sum + width, 0.0);
      holds = false;
      scale = 1;
    } else {
      scale *= (n - 1) / n;
    }
    if (from) holds = add_floored(sum, from, from_scale, 1 / (n * scale), width) || holds;
    if (scale < 1e-3) {  // sum <- R, its masses below the floor forgotten
      holds = holds && floored(sum, scale, sum, width);
      scale = 1;
    }
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
                                 Direction direction, std::size_t batch)
    : flow_(t, corrupt),
      choice_(s, t),
      pool_size_(t.client(0)),
      sent_(t.nodes(), false),
      batch_(std::max<std::size_t>(1, batch)),
      reach_(sim::from_seconds(std::log(1 / kFloor) / s.mu)) {
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
  // (an active adversary's own packet has no sender among the labels, whichever node it came by)
  const bool sender = r.event == core::HopEvent::Send && flow_.topology().role(r.node) != core::Role::Provider &&
                      r.kind != core::TrafficKind::Flood;
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

LOOPIX_AVX2_CLONE void SenderAnonymity::reverse_pass(std::size_t first, std::size_t last,
                                                     std::vector<double>& senders) {
  const std::size_t nodes = sent_.size(), width = last - first;
  std::vector<double> sums(pool_size_.size() * width, 0.0);
  std::vector<BackwardPool> pools(pool_size_.size());
  for (std::size_t n = 0; n < pools.size(); ++n) {
    pools[n].sum = &sums[n * width];
    pools[n].size = exit_sizes_[(last - 1) * pools.size() + n];
  }
  std::size_t holding = 0;  // pools whose backward sum holds mass
  Rows rows(width);
  Carried carried;  // by packet: its masses over this pass's targets
  // Sender-major: a packet's Start adds its masses to one sender's `width` consecutive entries.
  std::fill(senders.begin(), senders.begin() + static_cast<std::ptrdiff_t>(width * nodes), 0.0);
  // A packet's Leave and Start, given its masses `from` * `scale` as for floored() (nullptr:
  // none).
  auto leave = [&](const Step& step, const double* from, double scale) {
    BackwardPool& pool = pools[step.value];
    const bool held = pool.holds;
    pool.departure(from, scale, width);
    if (held != pool.holds) held ? --holding : ++holding;
  };
  auto start = [&](const Step& step, const double* from, double scale) {
    if (from) add_floored(&senders[step.value * width], from, scale, 1, width);
  };
  // The same with the row the packet carries, if any.
  auto carried_by = [&](const Step& step, auto&& then) {
    const std::uint32_t row = carried.take(step.packet);
    then(step, row == Carried::kNone ? nullptr : rows[row], 1.0);
    if (row != Carried::kNone) rows.release(row);
  };
  // A Start adds to a sender's row, one among `nodes` (10 MB for 128 targets and 10,000
  // senders): it is fetched kAhead steps before.
  constexpr std::size_t kAhead = 16;
  std::size_t fetched = exits_[last - 1].step + 1;  // Starts from here on are fetched
  std::uint32_t copied = Carried::kNone;
  for (std::size_t at = fetched; at-- > 0;) {
    if (at < exits_[first].step && carried.empty() && holding == 0) break;  // the batch's mass is all placed
    for (; fetched > 0 && fetched + kAhead > at; --fetched)
      if (const Step& s = log_[fetched - 1]; s.what == What::Start) prefetch(&senders[s.value * width], width);
    const Step& step = log_[at];
    switch (step.what) {
      case What::Exit:
        if (step.value >= first && step.value < last) {
          const std::uint32_t row = rows.make();
          std::fill(rows[row], rows[row] + width, 0.0);
          rows[row][step.value - first] = 1;
          carried.put(step.packet, row);
        }
        break;
      case What::Copy: copied = carried.take(step.packet); break;
      case What::CopyOf:
        if (copied == Carried::kNone) break;
        if (std::uint32_t* original = carried.find(step.packet)) {
          add_floored(rows[*original], rows[copied], 1, 1, width);
          rows.release(copied);
        } else {
          carried.put(step.packet, copied);
        }
        copied = Carried::kNone;
        break;
      case What::Leave: carried_by(step, leave); break;
      case What::Start: carried_by(step, start); break;
      case What::Enter: {
        BackwardPool& pool = pools[step.value];
        --pool.size;
        if (!pool.holds) break;
        // The packet takes R. With no link latency its previous step, its Leave from another
        // pool or its Start, is mostly the next one back: R then goes straight there.
        const Step* previous = at > 0 && log_[at - 1].packet == step.packet ? &log_[at - 1] : nullptr;
        if (previous && previous->what == What::Leave && previous->value != step.value) {
          leave(*previous, pool.sum, pool.scale);
          --at;
        } else if (previous && previous->what == What::Start) {
          start(*previous, pool.sum, pool.scale);
          --at;
        } else if (const std::uint32_t row = rows.make(); floored(pool.sum, pool.scale, rows[row], width)) {
          carried.put(step.packet, row);
        } else {
          rows.release(row);
        }
        break;
      }
    }
  }
  // Each target's terms are summed over senders in increasing order, reading the matrix once
  // in memory order.
  std::vector<double> h(width, 0.0);
  for (std::size_t n = 0; n < nodes; ++n)
    for (std::size_t t = 0; t < width; ++t) {
      const double p = senders[n * width + t];
      h[t] -= p * log2_mass(p);
    }
  for (std::size_t i = first; i < last; ++i) {
    delivered_[i].entropy_bits = h[i - first];
    delivered_[i].p_sender = senders[delivered_[i].sender * width + (i - first)];
  }
}

void SenderAnonymity::finish() {
  if (forward_) return;  // every delivered target was measured on its delivery
  // The reverse pass runs over batches of targets consecutive in delivery order: at most
  // batch_ of them, delivered within one backward reach of the batch's first (so that
  // targets far apart in time do not pay for each other's cones), one buffer for every pass.
  const std::size_t nodes = sent_.size();
  std::vector<double> senders(std::min(batch_, delivered_.size()) * nodes);
  for (std::size_t first = 0; first < delivered_.size();) {
    std::size_t last = first + 1;
    while (last < delivered_.size() && last - first < batch_ &&
           delivered_[last].delivered - delivered_[first].delivered <= reach_)
      ++last;
    reverse_pass(first, last, senders);
    first = last;
  }
  log_ = {};
  exits_ = {};
}

}  // namespace analysis
