// The Student t confidence interval of a sample's mean, for the replications of a sweep point.
#pragma once
#include <cstddef>
#include <vector>

namespace analysis {

struct MeanInterval {
  std::size_t n = 0;
  // NaN when n is 0; sd, low and high NaN when n < 2 (no spread to estimate).
  double mean = 0, sd = 0, low = 0, high = 0;
};

// mean -+ t(1 - (1 - level)/2; n - 1) * sd / sqrt(n), sd the sample standard deviation (n - 1).
MeanInterval mean_interval(const std::vector<double>& values, double level = 0.95);

}  // namespace analysis
