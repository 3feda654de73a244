// Throughput and memory of a 3x3 Loopix network with 1000 clients at the paper's rates,
// against a bare std::priority_queue hold loop measured in the same run.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <queue>
#include <vector>

#include "bench/network_scenario.h"
#include "core/model/network.h"
#include "core/observer.h"
#include "sim/random.h"

namespace {

constexpr int kRounds = 3;                         // network runs, each followed by a baseline run
constexpr std::size_t kBaselineHolds = 5'000'000;  // holds per baseline run


// Counts records and packets in flight (created and not yet delivered nor dropped), and
// samples the kernel's pending-event count at every record.
class CountingObserver final : public core::Observer {
 public:
  void watch(const sim::Simulator& sim) { sim_ = &sim; }
  void on_hop(const core::HopRecord& r) override {
    ++records;
    switch (r.event) {
      case core::HopEvent::Send: peak_in_flight = std::max(peak_in_flight, ++in_flight); break;
      case core::HopEvent::Deliver:
      case core::HopEvent::Drop: --in_flight; break;
      case core::HopEvent::Arrive: ++arrivals; break;
      default: break;
    }
    peak_pending = std::max(peak_pending, sim_->pending());
  }

  std::uint64_t records = 0;
  std::uint64_t arrivals = 0;
  std::int64_t in_flight = 0;
  std::int64_t peak_in_flight = 0;
  std::size_t peak_pending = 0;

 private:
  const sim::Simulator* sim_ = nullptr;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct NetworkRun {
  double seconds = 0;
  std::uint64_t events = 0;
  std::uint64_t records = 0;
  std::uint64_t arrivals = 0;
  std::int64_t peak_in_flight = 0;
  std::size_t peak_pending = 0;
  std::size_t pool_capacity = 0;
  std::size_t bytes_per_packet = 0;
};

NetworkRun run_network(const core::Scenario& s) {
  CountingObserver observer;
  core::Network network(s, observer);
  observer.watch(network.simulator());
  const auto start = std::chrono::steady_clock::now();
  network.run();
  const double seconds = seconds_since(start);
  return {seconds,
          network.simulator().events_processed(),
          observer.records,
          observer.arrivals,
          observer.peak_in_flight,
          observer.peak_pending,
          network.pool().capacity(),
          network.pool().bytes_per_packet()};
}

// The baseline: holds/s of a bare binary heap of `pending` events on (time, seq), each
// hold popping the earliest event and pushing it back an Exp(1) increment later.
volatile std::uint64_t sink;  // the baseline's checksum goes here, so its work cannot be optimised away

struct Later {
  bool operator()(const sim::Event& a, const sim::Event& b) const { return sim::before(b, a); }
};

double bare_holds_per_second(std::size_t pending, const std::vector<sim::Time>& increments) {
  std::vector<sim::Event> storage;
  storage.reserve(pending + 1);
  std::priority_queue<sim::Event, std::vector<sim::Event>, Later> queue(Later{}, std::move(storage));
  std::uint64_t seq = 0;  // initial times: the first `pending` increments
  for (std::size_t i = 0; i < pending; ++i) queue.push({increments[i], seq++, 0, 0, 0});
  std::uint64_t checksum = 0;
  const auto start = std::chrono::steady_clock::now();
  for (sim::Time increment : increments) {
    const sim::Event e = queue.top();
    queue.pop();
    checksum += static_cast<std::uint64_t>(e.time);
    queue.push({e.time + increment, seq++, 0, e.target, e.kind});
  }
  const double seconds = seconds_since(start);
  sink = checksum;
  return static_cast<double>(increments.size()) / seconds;
}

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main() {
  const core::Scenario s = bench::network_scenario();
  sim::RandomStream rng = sim::RandomStream::derive(1, 0, 0);
  std::vector<sim::Time> increments(kBaselineHolds);
  for (sim::Time& t : increments) t = rng.exponential(1.0);
  const double rss_before = peak_rss_mib();

  std::vector<double> events_per_s, hops_per_s, sim_per_wall, baseline, fraction;
  NetworkRun last;
  for (int round = 0; round < kRounds; ++round) {
    const NetworkRun run = run_network(s);
    if (round > 0 && run.events != last.events) {
      std::fprintf(stderr, "the network is not deterministic: %llu then %llu events\n",
                   static_cast<unsigned long long>(last.events), static_cast<unsigned long long>(run.events));
      return 1;
    }
    last = run;
    const double bare = bare_holds_per_second(last.peak_pending, increments);
    events_per_s.push_back(static_cast<double>(last.events) / last.seconds);
    hops_per_s.push_back(static_cast<double>(last.arrivals) / last.seconds);
    sim_per_wall.push_back(s.horizon / last.seconds);
    baseline.push_back(bare);
    fraction.push_back(events_per_s.back() / bare);
  }

  std::printf("network: %d providers, %d layers x %d mixes, %d clients, all rates 1/s, workload 0.5/s, mu %.0f/s,\n"
              "pull every %.0f s (K=%d), zero link latency, %.0f simulated s; median of %d runs\n\n",
              s.providers, s.layers, s.mixes_per_layer, s.clients, s.mu, s.pull_period, s.pull_messages, s.horizon,
              kRounds);
  std::printf("%-44s %14s\n", "quantity", "value");
  std::printf("%-44s %14llu\n", "kernel events processed", static_cast<unsigned long long>(last.events));
  std::printf("%-44s %14llu\n", "observer records", static_cast<unsigned long long>(last.records));
  std::printf("%-44s %14llu\n", "packet hops (Arrive records)", static_cast<unsigned long long>(last.arrivals));
  std::printf("%-44s %14.3e\n", "kernel events / wall s", median(events_per_s));
  std::printf("%-44s %14.3e\n", "packet hops / wall s", median(hops_per_s));
  std::printf("%-44s %14.1f\n", "simulated s / wall s", median(sim_per_wall));
  std::printf("%-44s %14zu\n", "peak pending kernel events", last.peak_pending);
  std::printf("%-44s %14lld\n", "peak packets in flight (Send - Deliver/Drop)",
              static_cast<long long>(last.peak_in_flight));
  std::printf("%-44s %14zu\n", "packet pool slots after run (peak live)", last.pool_capacity);
  std::printf("%-44s %14zu\n", "bytes per packet in the pool", last.bytes_per_packet);
  std::printf("%-44s %14zu\n", "  + its pending kernel event (sizeof Event)",
              last.bytes_per_packet + sizeof(sim::Event));
  std::printf("%-44s %14.1f\n", "peak RSS before the network runs (MiB)", rss_before);
  std::printf("%-44s %14.1f\n", "peak RSS (MiB)", peak_rss_mib());
  std::printf("%-44s %14.3e\n", "baseline: bare heap holds / s at peak pending", median(baseline));
  std::printf("%-44s %14.3f\n", "network events/s as fraction of baseline", median(fraction));
  return 0;
}
