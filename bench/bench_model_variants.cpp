// The cost of the model's seams: bench_network's network (4 providers, 3 layers of 3 mixes,
// 1,000 clients, every rate 1/s, 200 simulated s, crypto none) under each mix strategy,
// topology kind, with service capacity and bandwidth, and with reply blocks, as ratios of wall time against the
// default (Poisson mixes, stratified, no service) measured alternately in the same run.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "bench/network_scenario.h"
#include "core/model/network.h"
#include "core/observer.h"

namespace {

constexpr int kRounds = 3;  // alternations of default and variant, the median of each kept


struct Counting final : core::Observer {
  std::uint64_t arrivals = 0;
  void on_hop(const core::HopRecord& r) override { arrivals += r.event == core::HopEvent::Arrive; }
};

struct Run {
  double seconds;
  std::uint64_t arrivals;
};

Run run(const core::Scenario& s) {
  Counting observer;
  core::Network network(s, observer);
  const auto start = std::chrono::steady_clock::now();
  network.run();
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), observer.arrivals};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main() {
  const std::vector<std::pair<std::string, std::function<void(core::Scenario&)>>> variants = {
      {"round mixes (1 s rounds)", [](core::Scenario& s) { s.mix_strategy.name = "round"; }},
      {"timed pools (1 s, keep 10)", [](core::Scenario& s) { s.mix_strategy.name = "timed_pool"; s.mix_keep = 10; }},
      {"threshold mixes (100)", [](core::Scenario& s) { s.mix_strategy.name = "threshold"; s.mix_threshold = 100; }},
      {"cascade (3 chains)", [](core::Scenario& s) { s.topology_kind.name = "cascade"; s.chains = 3; }},
      {"free routes (distinct hops)", [](core::Scenario& s) { s.topology_kind.name = "free_route"; s.distinct_hops = true; }},
      {"service Exp(1 ms), 2 processors", [](core::Scenario& s) {
         s.service_time.distribution = core::LatencyDistribution::Exponential;
         s.service_time.mean = 0.001;
         s.processors = 2;
       }},
      {"bandwidth 10 MB/s per link", [](core::Scenario& s) { s.bandwidth = 1e7; }},
      {"reply blocks, every message acked", [](core::Scenario& s) {
         s.reply_probability = 1;
         s.reply_ack = true;
       }},
  };
  std::printf("bench_network's network, 200 simulated s; median of %d alternated runs each\n", kRounds);
  std::printf("%-34s %10s %10s %9s %12s\n", "variant", "default s", "variant s", "ratio", "hops/wall s");
  for (const auto& [name, apply] : variants) {
    core::Scenario variant = bench::network_scenario();
    apply(variant);
    std::vector<double> defaults, times;
    std::uint64_t hops = 0;
    for (int round = 0; round < kRounds; ++round) {
      defaults.push_back(run(bench::network_scenario()).seconds);
      const Run r = run(variant);
      times.push_back(r.seconds);
      hops = r.arrivals;
    }
    const double d = median(defaults), v = median(times);
    std::printf("%-34s %10.3f %10.3f %9.3f %12.3e\n", name.c_str(), d, v, v / d, static_cast<double>(hops) / v);
  }
  return 0;
}
