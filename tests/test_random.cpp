// Random streams: reproducible, independent per (seed, entity, purpose), and exponential
// draws that are Exp(rate) by a Kolmogorov-Smirnov test.
#include <boost/math/distributions/exponential.hpp>
#include <catch2/catch.hpp>
#include <vector>

#include "sim/random.h"
#include "support/ks.h"

TEST_CASE("random: the same (seed, entity, purpose) gives the same draws", "[random]") {
  auto a = sim::RandomStream::derive(42, 7, 3);
  auto b = sim::RandomStream::derive(42, 7, 3);
  for (int i = 0; i < 1000; ++i) REQUIRE(a() == b());
  CHECK(a.exponential(2.0) == b.exponential(2.0));
  CHECK(a.below(10) == b.below(10));
}

TEST_CASE("random: changing seed, entity or purpose changes the stream", "[random]") {
  auto first = [](std::uint64_t seed, std::uint64_t entity, std::uint64_t purpose) {
    auto s = sim::RandomStream::derive(seed, entity, purpose);
    return std::vector<std::uint64_t>{s(), s(), s()};
  };
  const auto base = first(1, 2, 3);
  CHECK(first(2, 2, 3) != base);
  CHECK(first(1, 3, 3) != base);
  CHECK(first(1, 2, 4) != base);
  CHECK(first(1, 3, 2) != first(1, 2, 3));  // entity and purpose are not interchangeable
  CHECK(sizeof(sim::RandomStream) == 32);   // a million streams take 32 MB
}

TEST_CASE("random: exponential draws pass a Kolmogorov-Smirnov test", "[random][statistical]") {
  const double rate = 3.0;
  auto s = sim::RandomStream::derive(2024, 1, 1);
  std::vector<double> sample;
  for (int i = 0; i < 20000; ++i) sample.push_back(sim::to_seconds(s.exponential(rate)));
  boost::math::exponential_distribution<double> exp_dist(rate);
  auto r = test_support::ks_test(sample, [&](double x) { return boost::math::cdf(exp_dist, x); });
  CHECK(r.p_value > test_support::kKsAlpha);
  // The test has power: the same draws are not Exp(rate * 1.05).
  boost::math::exponential_distribution<double> wrong(rate * 1.05);
  CHECK(test_support::ks_test(sample, [&](double x) { return boost::math::cdf(wrong, x); }).p_value < test_support::kKsAlpha);
}

TEST_CASE("random: below(n) is uniform over 0 to n - 1", "[random][statistical]") {
  auto s = sim::RandomStream::derive(5, 5, 5);
  const int n = 7, draws = 70000;
  std::vector<int> counts(n, 0);
  for (int i = 0; i < draws; ++i) {
    auto v = s.below(n);
    REQUIRE(v < static_cast<std::uint64_t>(n));
    ++counts[v];
  }
  const double expected = static_cast<double>(draws) / n;
  const double se = std::sqrt(expected * (1.0 - 1.0 / n));  // binomial standard deviation
  for (int c : counts) CHECK(std::fabs(c - expected) < 5 * se);
}
