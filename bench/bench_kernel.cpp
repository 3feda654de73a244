// Hold-model benchmark: sim::Simulator's run loop against a bare std::priority_queue.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <queue>
#include <vector>

#include "sim/random.h"
#include "sim/simulator.h"

namespace {

constexpr std::size_t kHolds = 5'000'000;  // hold operations per measurement
constexpr int kRounds = 5;                 // measurements per variant, interleaved

// The pre-drawn random times both variants consume: N initial event times, then one
// Exp(1) increment per hold.
struct Workload {
  std::vector<sim::Time> prefill;
  std::vector<sim::Time> increments;
};

struct Measurement {
  std::uint64_t holds = 0;
  double seconds = 0;
  std::uint64_t checksum = 0;
  double mops() const { return static_cast<double>(holds) / seconds / 1e6; }
};

Workload draw(std::size_t pending) {
  sim::RandomStream rng = sim::RandomStream::derive(1, pending, 0);
  Workload w;
  w.prefill.resize(pending);
  w.increments.resize(kHolds);
  for (sim::Time& t : w.prefill) t = rng.exponential(1.0);
  for (sim::Time& t : w.increments) t = rng.exponential(1.0);
  return w;
}

// An order-sensitive fold of the popped events: equal checksums mean the same pop sequence.
std::uint64_t fold(std::uint64_t checksum, const sim::Event& e) {
  return (checksum ^ static_cast<std::uint64_t>(e.time) ^ (e.seq << 32)) * 0x100000001b3ULL;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// (a) The kernel: every handled event reschedules itself one increment later.
class Hold {
 public:
  Hold(sim::Simulator& sim, const std::vector<sim::Time>& increments) : sim_(sim), increments_(increments) {}

  void handle(const sim::Event& e) {
    checksum_ = fold(checksum_, e);
    sim_.schedule_in(increments_[next_], e.target, e.kind);
    if (++next_ == increments_.size()) sim_.stop();
  }
  std::uint64_t checksum() const { return checksum_; }

 private:
  sim::Simulator& sim_;
  const std::vector<sim::Time>& increments_;
  std::size_t next_ = 0;
  std::uint64_t checksum_ = 0;
};

Measurement run_kernel(const Workload& w) {
  sim::Simulator sim;
  sim.reserve(w.prefill.size() + 1);
  for (sim::Time t : w.prefill) sim.schedule_at(t, 0, 0);
  Hold hold(sim, w.increments);
  const auto start = std::chrono::steady_clock::now();
  const std::uint64_t holds = sim.run(hold);
  return {holds, seconds_since(start), hold.checksum()};
}

// (b) A bare binary min-heap on (time, seq), popping and pushing the same events.
struct Later {
  bool operator()(const sim::Event& a, const sim::Event& b) const { return sim::before(b, a); }
};

Measurement run_bare(const Workload& w) {
  std::vector<sim::Event> storage;
  storage.reserve(w.prefill.size() + 1);
  std::priority_queue<sim::Event, std::vector<sim::Event>, Later> queue(Later{}, std::move(storage));
  std::uint64_t seq = 0;
  for (sim::Time t : w.prefill) queue.push({t, seq++, 0, 0, 0});
  std::uint64_t checksum = 0;
  const auto start = std::chrono::steady_clock::now();
  for (sim::Time increment : w.increments) {
    const sim::Event e = queue.top();
    queue.pop();
    checksum = fold(checksum, e);
    queue.push({e.time + increment, seq++, 0, e.target, e.kind});
  }
  return {w.increments.size(), seconds_since(start), checksum};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main() {
  std::printf("hold model: %zu holds (pop + push of Exp(1) increment) per measurement, median of %d rounds\n\n",
              kHolds, kRounds);
  std::printf("%9s  %12s  %12s  %11s  %15s  %16s\n", "pending", "kernel Mop/s", "bare Mop/s", "kernel/bare",
              "paired range", "checksum");
  bool all_equal = true;
  for (std::size_t pending : {std::size_t{1'000}, std::size_t{100'000}, std::size_t{1'000'000}}) {
    const Workload w = draw(pending);
    std::vector<double> kernel, bare, paired;
    std::uint64_t checksum = 0;
    for (int round = 0; round < kRounds; ++round) {
      Measurement k, b;
      if (round % 2 == 0) {
        k = run_kernel(w);
        b = run_bare(w);
      } else {
        b = run_bare(w);
        k = run_kernel(w);
      }
      if (round == 0) checksum = b.checksum;
      const bool equal = k.holds == kHolds && b.holds == kHolds && k.checksum == checksum && b.checksum == checksum;
      if (!equal) {
        std::printf("N=%zu round %d: kernel %llu holds checksum %016llx, bare %llu holds checksum %016llx\n", pending,
                    round, static_cast<unsigned long long>(k.holds), static_cast<unsigned long long>(k.checksum),
                    static_cast<unsigned long long>(b.holds), static_cast<unsigned long long>(b.checksum));
        all_equal = false;
      }
      kernel.push_back(k.mops());
      bare.push_back(b.mops());
      paired.push_back(k.mops() / b.mops());
    }
    const auto [low, high] = std::minmax_element(paired.begin(), paired.end());
    std::printf("%9zu  %12.2f  %12.2f  %11.3f  %7.3f-%-7.3f  %016llx\n", pending, median(kernel), median(bare),
                median(kernel) / median(bare), *low, *high, static_cast<unsigned long long>(checksum));
  }
  std::printf("\n%s\n", all_equal ? "both variants popped the same events in the same order"
                                  : "MISMATCH: the variants popped different event sequences");
  return all_equal ? 0 : 1;
}
