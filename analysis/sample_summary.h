// Mean, standard deviation and quantiles of a sample of values, for the per-message metrics.
#pragma once
#include <cstddef>
#include <vector>

namespace analysis {

struct SampleSummary {
  std::size_t count = 0;
  // NaN when count is 0 (sd: when count < 2).
  double mean, sd, min, q1, median, q3, max;
};

// Quantiles interpolate linearly between order statistics (numpy's default, "type 7");
// sd is the sample standard deviation (n - 1).
SampleSummary summarize(std::vector<double> values);

}  // namespace analysis
