// Sender and receiver unobservability (Sec. 4.1.2) measured from the adversary's observations:
// a corrupt egress provider tells receivers from clients that only get their own loops as
// well as two Poisson counts can (the closed form), while the global passive adversary, which
// sees only padded pull answers, learns nothing; a corrupt ingress provider learns nothing of
// who sends under Loopix's cover, and everything without it.
//
// Set-up: 80 clients on 4 providers (round robin); "talkers" (clients 0 to 39) write to each
// other at 0.5 message/s, so each receives real messages at rho = 0.5/s; "quiet" clients
// (40 to 79) write nothing and so receive nothing. Every client sends loops at lambda_L = 1/s.
// A talker's deposits are Poisson at lambda_L + rho (its buffer's output is Poisson by Burke's
// theorem, and Poisson streams through independent delays stay Poisson), a quiet client's at
// lambda_L; a window of length w holds Poisson counts, independent across windows.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <random>

#include "analysis/unobservability.h"
#include "core/adversary/adversary_view.h"
#include "core/model/network.h"
#include "../support/network_fixture.h"

namespace {

constexpr double kRho = 0.5, kLoopRate = 1.0;

core::Scenario talkers_and_quiet(std::uint64_t seed) {
  core::Scenario s = test_support::small_scenario(seed);
  s.providers = 4;
  s.clients = 80;
  s.horizon = 660;
  s.warmup = 20;
  s.payload_rate = 2;
  s.loop_rate = kLoopRate;
  s.drop_rate = 1;
  s.pull_period = 1;
  s.adversary_window = 5;
  s.anonymity_levels = {false, false};
  core::ClientClass talkers{"talkers", 40, -1, s.profile()}, quiet{"quiet", 40, -1, s.profile()};
  talkers.profile.workload_rate = kRho;
  talkers.profile.recipients.resize(40);
  std::iota(talkers.profile.recipients.begin(), talkers.profile.recipients.end(), 0);
  quiet.profile.workload_rate = 0;
  s.classes = {talkers, quiet};
  return s;
}

// One side's test fed from the adversary's view of a run, with the run's ground truth.
struct Measured {
  core::Topology topology;
  analysis::RealTraffic truth;
  analysis::UnobservabilityTest test;
  Measured(const core::Scenario& s, analysis::Side side) : topology(s), truth(s, topology), test(side, s, topology) {
    core::AdversaryView view(s, topology, test);
    core::ObserverList both;
    both.add(truth);
    both.add(view);
    core::Network net(s, both);
    net.run();
  }
  const std::vector<bool>& labels(analysis::Side side) const {
    return side == analysis::Side::Receiver ? truth.receivers() : truth.senders();
  }
};

// P(Poisson(m) >= t).
double at_least(int t, double m) {
  double below = 0, term = std::exp(-m);
  for (int k = 0; k < t; ++k, term *= m / k) below += term;
  return std::max(0.0, 1.0 - below);
}

struct Optimum {
  double advantage, tpr, fpr;
};
// max over t of P(Pois(a) >= t) - P(Pois(b) >= t): the advantage of the count test.
Optimum poisson_advantage(double a, double b) {
  Optimum best{0, 0, 0};
  for (int t = 0; t < 10 * static_cast<int>(a) + 50; ++t) {
    const double tpr = at_least(t, a), fpr = at_least(t, b);
    if (tpr - fpr > best.advantage) best = {tpr - fpr, tpr, fpr};
  }
  return best;
}

// Per window length, the largest advantage over PERMUTATIONS shuffles of the clients' labels
// (a client keeps its windows together, so the dependence between them is kept): what the
// test shows by chance with these clients and windows. An advantage above it has a chance of
// about 1 / (PERMUTATIONS + 1) under "the evidence does not depend on the label".
std::vector<double> permuted_bounds(const Measured& m, analysis::Side side, int permutations) {
  std::vector<bool> labels = m.labels(side);
  std::mt19937_64 rng(7);
  std::vector<double> bound;
  for (int i = 0; i < permutations; ++i) {
    std::shuffle(labels.begin(), labels.end(), rng);
    const std::vector<analysis::WindowTest> windows = m.test.result(labels, 1).windows;
    bound.resize(windows.size(), 0.0);
    for (std::size_t k = 0; k < windows.size(); ++k) bound[k] = std::max(bound[k], windows[k].advantage);
  }
  return bound;
}

// Every window's advantage is within its permutation noise, and the shortest window's noise
// is small (the test could see an advantage there).
void require_no_advantage(const analysis::UnobservabilityResult& r, const std::vector<double>& noise) {
  REQUIRE(r.windows.size() == noise.size());
  CHECK(noise[0] < 0.1);
  for (std::size_t k = 0; k < noise.size(); ++k) {
    INFO("window " << r.windows[k].window_s << " s: advantage " << r.windows[k].advantage << ", noise " << noise[k]);
    CHECK(r.windows[k].advantage <= noise[k]);
  }
}

}  // namespace

TEST_CASE("unobservability: a corrupt egress provider tells receivers as well as two Poisson counts can",
          "[oracle][adversary]") {
  core::Scenario s = talkers_and_quiet(11);
  s.corrupt_providers.fraction = 1;
  s.provider_role = core::ProviderRole::Egress;
  const Measured m(s, analysis::Side::Receiver);
  const analysis::UnobservabilityResult r = m.test.result(m.labels(analysis::Side::Receiver), 0.5);
  CHECK(r.evidence == "deposits");
  CHECK(r.observed_clients == 80);
  CHECK(r.positive_clients == 40);
  REQUIRE(r.windows.size() == 8);  // 5 s to 640 s
  for (std::size_t k = 0; k < 4; ++k) {
    const analysis::WindowTest& w = r.windows[k];
    const double window = 5.0 * static_cast<double>(1 << k);
    REQUIRE(w.window_s == window);
    CHECK(w.positives == 40 * (128u >> k));
    const Optimum expected = poisson_advantage((kLoopRate + kRho) * window, kLoopRate * window);
    const double se = std::sqrt(expected.tpr * (1 - expected.tpr) / static_cast<double>(w.positives) +
                                expected.fpr * (1 - expected.fpr) / static_cast<double>(w.negatives));
    INFO("window " << window << " s: advantage " << w.advantage << " against " << expected.advantage << ", SE " << se);
    CHECK(std::abs(w.advantage - expected.advantage) < 5 * se);
    // Power: a receive rate twice rho, or none, is rejected.
    CHECK(std::abs(w.advantage - poisson_advantage((kLoopRate + 2 * kRho) * window, kLoopRate * window).advantage) > 5 * se);
    CHECK(w.advantage > 5 * se);
  }
  // The closed form reaches 0.5 at 10 s (0.524; 0.384 at 5 s).
  CHECK(r.time_to_advantage_s == 10.0);
}

TEST_CASE("unobservability: the GPA learns nothing from padded pull answers, what a corrupt egress provider learns "
          "stands far above that noise",
          "[oracle][adversary]") {
  core::Scenario s = talkers_and_quiet(12);
  s.gpa = true;
  s.latency.distribution = core::LatencyDistribution::Exponential;  // pull answers not in lockstep
  s.latency.mean = 0.05;
  const Measured honest(s, analysis::Side::Receiver);
  const analysis::UnobservabilityResult r = honest.test.result(honest.labels(analysis::Side::Receiver), 0.5);
  CHECK(r.evidence == "pull_answers");
  REQUIRE(r.windows.size() == 8);
  const std::vector<double> noise = permuted_bounds(honest, analysis::Side::Receiver, 200);
  require_no_advantage(r, noise);
  CHECK(r.time_to_advantage_s < 0);

  s.gpa = false;
  s.corrupt_providers.fraction = 1;
  const Measured corrupt(s, analysis::Side::Receiver);
  const analysis::UnobservabilityResult c = corrupt.test.result(corrupt.labels(analysis::Side::Receiver), 0.5);
  CHECK(c.windows[3].advantage > 0.8);  // 40 s: 0.845 in closed form
  CHECK(c.windows[3].advantage > 3 * noise[3]);
}

TEST_CASE("unobservability: a corrupt ingress provider learns nothing of who sends under cover, and everything "
          "without it",
          "[oracle][adversary]") {
  core::Scenario s = talkers_and_quiet(13);
  s.corrupt_providers.listed = {0, 1, 2, 3};
  s.provider_role = core::ProviderRole::Ingress;
  const Measured covered(s, analysis::Side::Sender);
  const analysis::UnobservabilityResult r = covered.test.result(covered.labels(analysis::Side::Sender), 0.5);
  CHECK(r.evidence == "sends");
  CHECK(r.positive_clients == 40);
  const std::vector<double> noise = permuted_bounds(covered, analysis::Side::Sender, 200);
  require_no_advantage(r, noise);

  // Without cover (each real message sent at once, no loops or drops), a window with a send
  // is a sender's: advantage 1 - exp(-rho w).
  s.payload_rate = s.loop_rate = s.drop_rate = 0;
  for (core::ClientClass& c : s.classes) c.profile.payload_rate = c.profile.loop_rate = c.profile.drop_rate = 0;
  s.sending = core::Sending::Immediately;
  const Measured bare(s, analysis::Side::Sender);
  const analysis::UnobservabilityResult b = bare.test.result(bare.labels(analysis::Side::Sender), 0.5);
  REQUIRE(b.windows.size() == 8);
  const double expected = 1 - std::exp(-kRho * 5);
  const double se = std::sqrt(expected * (1 - expected) / static_cast<double>(b.windows[0].positives));
  INFO("advantage " << b.windows[0].advantage << " against " << expected << ", SE " << se);
  CHECK(std::abs(b.windows[0].advantage - expected) < 5 * se);
  CHECK(b.windows[0].advantage > 3 * noise[0]);
  CHECK(b.time_to_advantage_s == 5.0);
}
