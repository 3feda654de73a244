// Helpers for tests that measure a whole network: a run with every metric observing it, and
// the batch-means standard error the statistical tests take their tolerance from.
#pragma once
#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

#include "analysis/metrics.h"
#include "core/model/network.h"

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

}  // namespace test_support
