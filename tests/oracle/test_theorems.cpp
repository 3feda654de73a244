// Theorems 1 and 2 of Loopix (Sec. 3.3) by Monte Carlo on one Poisson mix run by its real
// mechanism: an Exp(mu) holding time drawn for each message at its arrival, and the mix's own
// loops as a Poisson process of rate lambda_M.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/random.h"

namespace {

struct Outcomes {
  std::vector<double> message;  // per message: the share of trials in which it was the output m
  double loop = 0;              // the share in which the output was one of the mix's own loops
};

// Each trial: n messages arrive at time 0; once n - k of them have left, l more arrive at
// that instant; the next output event of the mix is m. Messages 0..n-1 are the first n,
// n..n+l-1 the later l.
Outcomes run_trials(int n, int k, int l, double mu, double lambda_M, int trials) {
  sim::RandomStream delays = sim::RandomStream::derive(2017, 0, 0);
  sim::RandomStream loops = sim::RandomStream::derive(2017, 0, 1);
  std::vector<std::uint64_t> wins(static_cast<std::size_t>(n + l), 0);
  std::uint64_t loop_wins = 0;
  std::vector<sim::Time> departs_at(static_cast<std::size_t>(n + l)), first(static_cast<std::size_t>(n));
  for (int trial = 0; trial < trials; ++trial) {
    for (int i = 0; i < n; ++i) departs_at[i] = first[i] = delays.exponential(mu);
    std::nth_element(first.begin(), first.begin() + (n - k - 1), first.end());
    const sim::Time t = first[n - k - 1];  // the (n - k)-th departure: k of the first n remain
    for (int j = n; j < n + l; ++j) departs_at[j] = t + delays.exponential(mu);

    int m = -1;
    sim::Time next = sim::kNever;
    for (int i = 0; i < n + l; ++i) {
      if (departs_at[i] > t && departs_at[i] < next) {
        m = i;
        next = departs_at[i];
      }
    }
    if (lambda_M > 0) {
      sim::Time loop = 0;  // the loop process has run since time 0: its first emission after t
      do loop += loops.exponential(lambda_M);
      while (loop <= t);
      if (loop < next) m = -1;
    }
    if (m < 0) {
      ++loop_wins;
    } else {
      ++wins[m];
    }
  }
  Outcomes o;
  for (std::uint64_t w : wins) o.message.push_back(static_cast<double>(w) / trials);
  o.loop = static_cast<double>(loop_wins) / trials;
  return o;
}

// The binomial standard error of a share estimated from `trials` trials, if its probability is p.
double se(double p, int trials) { return std::sqrt(p * (1 - p) / trials); }

constexpr int kN = 10, kK = 4, kL = 6, kTrials = 200000;
constexpr double kMu = 1;

}  // namespace

TEST_CASE("theorem 1: m is each of the first n with probability k/(n(l+k)) and each later one with 1/(l+k)",
          "[oracle][statistical]") {
  const Outcomes o = run_trials(kN, kK, kL, kMu, 0, kTrials);
  const double first = double(kK) / (kN * (kL + kK)), later = 1.0 / (kL + kK);  // 0.04, 0.10
  for (int i = 0; i < kN + kL; ++i) {
    const double p = i < kN ? first : later;
    INFO("message " << i << ": share " << o.message[i] << ", expected " << p << ", standard error " << se(p, kTrials));
    CHECK(std::fabs(o.message[i] - p) < 5 * se(p, kTrials));
  }
  CHECK(o.loop == 0);
  // Power: a first message is told apart from the naive answers, uniform over every message
  // received (1/(n+l)) and uniform over the pool (1/(l+k)).
  for (double naive : {1.0 / (kN + kL), 1.0 / (kL + kK)}) CHECK(std::fabs(o.message[0] - naive) > 5 * se(naive, kTrials));
}

TEST_CASE("theorem 2: with mix loops at lambda_M the output is a first message, a later one or a loop as stated",
          "[oracle][statistical]") {
  const double lambda_M = 2;
  const Outcomes o = run_trials(kN, kK, kL, kMu, lambda_M, kTrials);
  const double total = (kL + kK) * kMu + lambda_M;
  const double first = double(kK) / kN * kMu / total, later = kMu / total, loop = lambda_M / total;  // 1/30, 1/12, 1/6
  for (int i = 0; i < kN + kL; ++i) {
    const double p = i < kN ? first : later;
    INFO("message " << i << ": share " << o.message[i] << ", expected " << p << ", standard error " << se(p, kTrials));
    CHECK(std::fabs(o.message[i] - p) < 5 * se(p, kTrials));
  }
  INFO("loop: share " << o.loop << ", expected " << loop);
  CHECK(std::fabs(o.loop - loop) < 5 * se(loop, kTrials));
  // Power: the loops are seen; Theorem 1's shares, which ignore them, are rejected.
  CHECK(std::fabs(o.message[0] - 0.04) > 5 * se(0.04, kTrials));
  CHECK(std::fabs(o.message[kN] - 0.10) > 5 * se(0.10, kTrials));
}
