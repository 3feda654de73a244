// Pearson's chi-square goodness-of-fit test for the statistical tests: observed counts
// against expected ones, with the p-value of the chi-square distribution.
#pragma once
#include <boost/math/distributions/chi_squared.hpp>
#include <cstddef>
#include <stdexcept>
#include <vector>

namespace test_support {

struct ChiSquareResult {
  double statistic = 0;
  double p_value = 0;
};

// `observed` and `expected` cell by cell; `constraints`: how many linear constraints the
// expected counts were fitted with (1 for a single multinomial whose total is fixed, one per
// row for several), taken off the degrees of freedom.
inline ChiSquareResult chi_square(const std::vector<double>& observed, const std::vector<double>& expected,
                                  std::size_t constraints = 1) {
  if (observed.size() != expected.size() || observed.size() <= constraints)
    throw std::invalid_argument("chi_square: as many expected counts as observed, more cells than constraints");
  double x2 = 0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    const double d = observed[i] - expected[i];
    x2 += d * d / expected[i];
  }
  const boost::math::chi_squared_distribution<double> dist(static_cast<double>(observed.size() - constraints));
  return {x2, boost::math::cdf(boost::math::complement(dist, x2))};
}

}  // namespace test_support
