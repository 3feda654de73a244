// Memory against simulated time: peak resident memory of 1,000 clients at the paper's rates
// (3 x 3 mixes, every rate 1/s, crypto none) simulated for 600 s and for 3,600 s, without key
// epochs (every node keeps every replay tag) and with 60 s epochs (two epochs of tags), each
// run in a child process of its own.
#include <chrono>
#include <cstdio>

#include "analysis/metrics.h"
#include "bench/child_process.h"
#include "core/model/network.h"

namespace {

struct Figures {
  double wall;
  unsigned long long hops;
};

core::Scenario scenario(double horizon, double epoch_length) {
  core::Scenario s;
  s.name = "bench-epochs";
  s.horizon = horizon;
  s.warmup = 60;
  s.clients = 1000;
  s.crypto = core::CryptoMode::None;
  s.anonymity_sample = 0;
  s.epoch_length = epoch_length;
  s.epoch_grace = epoch_length > 0 ? 10 : 0;
  return s;
}

Figures simulate(const core::Scenario& s) {
  core::ObserverList observers;
  core::Network network(s, observers);
  analysis::Metrics metrics(s, network.topology());
  observers.add(metrics);
  const auto start = std::chrono::steady_clock::now();
  network.run();
  metrics.finish();
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), metrics.summary().events()};
}

}  // namespace

int main() {
  std::printf("1,000 clients, 3 x 3 mixes, rates 1/s, crypto none; each run in its own child process\n");
  std::printf("%-22s %12s %12s %10s %14s\n", "epochs", "RSS 600 s", "RSS 3600 s", "ratio", "wall 3600 s");
  for (double length : {0.0, 60.0}) {
    const auto short_run = bench::in_child([&] { return simulate(scenario(600, length)); });
    const auto long_run = bench::in_child([&] { return simulate(scenario(3600, length)); });
    std::printf("%-22s %8.0f MiB %8.0f MiB %10.2f %12.1f s\n", length > 0 ? "60 s (grace 10 s)" : "none",
                short_run.max_rss_kib / 1024.0, long_run.max_rss_kib / 1024.0,
                static_cast<double>(long_run.max_rss_kib) / static_cast<double>(short_run.max_rss_kib),
                long_run.result.wall);
  }
  return 0;
}
