// Wall time of a full 3x3 network with 100 clients for 60 simulated seconds: real Sphinx
// against the crypto-free mode, and Sphinx with 1 against 2 threads, measured in one run.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "core/model/network.h"

namespace {

constexpr int kRounds = 3;

core::Scenario scenario(core::CryptoMode mode) {
  core::Scenario s;
  s.name = "bench-crypto-3x3-100";
  s.horizon = 60.0;
  s.warmup = 0.0;
  s.providers = 3;
  s.layers = 3;
  s.mixes_per_layer = 3;
  s.clients = 100;
  s.payload_rate = s.loop_rate = s.drop_rate = s.mix_loop_rate = 1.0;
  s.workload_rate = 0.5;
  s.mu = 2.0;
  s.crypto = mode;
  return s;
}

struct Counter final : core::Observer {
  std::uint64_t records = 0;
  void on_hop(const core::HopRecord&) override { ++records; }
};

struct Run {
  double seconds;
  std::uint64_t records;
};

Run run(core::CryptoMode mode, int threads) {
  Counter counter;
  core::Network network(scenario(mode), counter, threads);
  const auto start = std::chrono::steady_clock::now();
  network.run();
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), counter.records};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main() {
  std::vector<double> none, sphinx1, sphinx2;
  std::uint64_t records = 0;
  bool same = true;
  for (int round = 0; round < kRounds; ++round) {
    const Run a = run(core::CryptoMode::None, 1);
    const Run b = run(core::CryptoMode::Sphinx, 1);
    const Run c = run(core::CryptoMode::Sphinx, 2);
    if (round == 0) records = a.records;
    same = same && a.records == records && b.records == records && c.records == records;
    none.push_back(a.seconds);
    sphinx1.push_back(b.seconds);
    sphinx2.push_back(c.seconds);
  }
  const double n = median(none), s1 = median(sphinx1), s2 = median(sphinx2);
  std::printf("3x3 network, 100 clients, 60 simulated s, %llu hop records per run, median of %d rounds\n\n",
              static_cast<unsigned long long>(records), kRounds);
  std::printf("%-22s %10s\n", "mode", "wall s");
  std::printf("%-22s %10.3f\n", "none, 1 thread", n);
  std::printf("%-22s %10.3f\n", "sphinx, 1 thread", s1);
  std::printf("%-22s %10.3f\n", "sphinx, 2 threads", s2);
  std::printf("\nsphinx (1 thread) / none: %.1f x\n", s1 / n);
  std::printf("sphinx speed-up, 2 threads over 1: %.2f x\n", s1 / s2);
  std::printf("%s\n", same ? "every run produced the same number of hop records" : "MISMATCH in hop records");
  return same ? 0 : 1;
}
