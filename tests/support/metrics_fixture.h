// Helpers for tests that measure a whole network: a run with every metric observing it, and
// the batch-means standard error the statistical tests take their tolerance from.
#pragma once
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

#include "analysis/message_anonymity.h"
#include "analysis/metrics.h"
#include "core/model/network.h"
#include "network_fixture.h"

namespace test_support {

// Runs the scenario to its horizon with analysis::Metrics observing it, then finishes them.
struct MeasuredRun {
  core::Topology topology;
  analysis::Metrics metrics;
  explicit MeasuredRun(const core::Scenario& s) : topology(s), metrics(s, topology) {
    core::Network net(s, metrics);
    net.run();
    metrics.finish();
  }
};

struct BatchMeans {
  double mean;  // of every value
  double se;    // of that mean, from the spread of the batches' means
};

// `values`: (batch in [0, batches), value). Batches must be long enough for their means to be
// nearly independent, and none may be empty.
inline BatchMeans batch_means(const std::vector<std::pair<std::size_t, double>>& values, std::size_t batches) {
  std::vector<double> sum(batches, 0.0), count(batches, 0.0);
  double all = 0;
  for (const auto& [b, v] : values) {
    sum[b] += v;
    count[b] += 1;
    all += v;
  }
  const double mean = all / static_cast<double>(values.size());
  double sq = 0;
  for (std::size_t b = 0; b < batches; ++b) sq += (sum[b] / count[b] - mean) * (sum[b] / count[b] - mean);
  const double k = static_cast<double>(batches);
  return {mean, std::sqrt(sq / (k - 1) / k)};
}

// The Python simulators' reference case, small enough for a test: `clients` each sending one
// Poisson stream of 1 message/s through L layers of W mixes with 1/mu = 0.1 s, no provider
// delay, no cover; the first 200 payloads after a 3 s warm-up (20 a second) are the targets.
inline core::Scenario reference_case(std::uint64_t seed, int clients, int layers, int width) {
  core::Scenario s = small_scenario(seed);
  s.providers = 3;
  s.layers = layers;
  s.mixes_per_layer = width;
  s.clients = clients;
  s.payload_rate = 1;
  s.loop_rate = s.drop_rate = s.mix_loop_rate = 0;
  s.workload_rate = 20.0 / clients;
  s.mu = 10;
  s.provider_delay = false;
  s.pull_period = 1000;
  s.warmup = 3;
  s.horizon = 16;
  s.anonymity_targets = 200;
  return s;
}

// Runs S and returns its targets' mean message-level entropy and its standard error, from
// batch means over 10 batches of 1 s of sending time after the warm-up (the targets must be
// sent within 10 s of it, each batch longer than the time over which neighbours' exits
// overlap). Every one of the `targets` must be complete.
inline BatchMeans message_entropy_by_second(const core::Scenario& s, std::size_t targets) {
  const MeasuredRun run(s);
  std::vector<std::pair<std::size_t, double>> entropies;  // (second of sending after the warm-up, bits)
  for (const analysis::MessageTarget& target : run.metrics.message_anonymity()->targets()) {
    REQUIRE(target.complete());
    const auto b = std::min<std::size_t>(9, static_cast<std::size_t>(sim::to_seconds(target.sent) - s.warmup));
    entropies.emplace_back(b, target.entropy_bits);
  }
  REQUIRE(entropies.size() == targets);
  return batch_means(entropies, 10);
}

}  // namespace test_support
