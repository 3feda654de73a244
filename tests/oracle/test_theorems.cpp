// Theorems 1 and 2 of Loopix (Sec. 3.3) by Monte Carlo through core's Poisson mix: a network
// of one provider and one mix; each trial injects n packets, built by core's route builder
// for provider -> mix -> provider, at the provider, which relays them at once to the mix;
// once n - k of them have left the mix, l more; the mix's next output (a departure, or with
// mix loops at lambda_M one of its own loops) is m.
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "core/model/network.h"
#include "core/model/topology/route_builder.h"

using core::HopEvent;

namespace {

struct Outcomes {
  std::vector<double> message;  // per message: the share of trials in which it was the output m
  double loop = 0;              // the share in which the output was one of the mix's own loops
};

// Watches the mix's outputs: the departures of the trial's packets, and its loops. Stops the
// kernel after the departure numbered `stop_after`, or at the first output once `await` is set.
struct MixWatch final : core::Observer {
  core::NodeId mix = core::kNoNode;
  sim::Simulator* simulator = nullptr;
  std::uint64_t first_message = 0;  // of the current trial
  int departures = 0, stop_after = 0;
  bool await = false;
  int output = 0;  // the awaited output: a message index, or -1 for a loop

  void on_hop(const core::HopRecord& r) override {
    if (r.node != mix) return;
    const bool loop = r.event == HopEvent::Send && r.kind == core::TrafficKind::MixLoop;
    if (r.event != HopEvent::Depart && !loop) return;
    if (await) {
      output = loop ? -1 : static_cast<int>(r.message - first_message);
      await = false;
      simulator->stop();
    }
    if (!loop && ++departures == stop_after) simulator->stop();
  }
};

// One provider, one mix, one client (the packets' recipient) sending nothing; no provider
// delay, zero link latency, mix loops at lambda_M.
core::Scenario one_mix(double mu, double lambda_M) {
  core::Scenario s;
  s.crypto = core::CryptoMode::None;
  s.seed = 2017;
  s.horizon = 1e7;  // far beyond the trials
  s.warmup = 0;
  s.providers = 1;
  s.layers = 1;
  s.mixes_per_layer = 1;
  s.clients = 1;
  s.payload_rate = s.loop_rate = s.drop_rate = s.workload_rate = 0;
  s.mix_loop_rate = lambda_M;
  s.mu = mu;
  s.provider_delay = false;
  s.pull_period = 0;
  return s;
}

Outcomes run_trials(int n, int k, int l, double mu, double lambda_M, int trials) {
  const core::Scenario s = one_mix(mu, lambda_M);
  MixWatch watch;
  core::Network net(s, watch);
  const core::Topology& t = net.topology();
  watch.mix = t.mix(0, 0);
  watch.simulator = &net.simulator();
  const core::RouteBuilder routes(s, t);
  sim::RandomStream rng = sim::RandomStream::derive(s.seed, 0, 1);
  std::vector<std::uint8_t> bytes(net.format().packet_size());
  std::uint64_t next_message = 1u << 30;  // above the ids of the mix's loops
  auto inject = [&](int count) {
    for (int i = 0; i < count; ++i) {
      const core::Route r =
          routes.client_route(t.provider(0), t.provider(0), {core::HopFlag::Dest, t.client(0), 0}, rng);
      net.format().build(r, 0, next_message, bytes, rng);  // numbered apart from the mix's loops
      net.inject(t.client(0), t.provider(0), bytes, core::TrafficKind::Payload, next_message++);
    }
  };
  std::vector<std::uint64_t> wins(static_cast<std::size_t>(n + l), 0);
  std::uint64_t loop_wins = 0;
  for (int trial = 0; trial < trials; ++trial) {
    watch.first_message = next_message;
    watch.departures = 0;
    watch.stop_after = n - k;
    inject(n);
    net.run();  // until n - k have left
    REQUIRE(watch.departures == n - k);
    inject(l);
    watch.await = true;
    net.run();  // until the next output
    REQUIRE_FALSE(watch.await);
    if (watch.output < 0) {
      ++loop_wins;
    } else {
      ++wins[static_cast<std::size_t>(watch.output)];
    }
    watch.stop_after = n + l;
    if (watch.departures < n + l) net.run();  // until the pool is empty again
    REQUIRE(watch.departures == n + l);
  }
  Outcomes o;
  for (std::uint64_t w : wins) o.message.push_back(static_cast<double>(w) / trials);
  o.loop = static_cast<double>(loop_wins) / trials;
  return o;
}

// The binomial standard error of a share estimated from `trials` trials, if its probability is p.
double se(double p, int trials) { return std::sqrt(p * (1 - p) / trials); }

constexpr int kN = 10, kK = 4, kL = 6, kTrials = 20000;
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
  // received (1/(n+l)) and uniform over the pool as if it surely were still there (1/(l+k)).
  for (double naive : {1.0 / (kN + kL), 1.0 / (kL + kK)}) CHECK(std::fabs(o.message[0] - naive) > 5 * se(naive, kTrials));
}

TEST_CASE("theorem 2: with mix loops at lambda_M the output is a first message, a later one or a loop as stated",
          "[oracle][statistical]") {
  const double lambda_M = 5;
  const int trials = 25000;  // enough to tell the loop rate from one 10% off
  const Outcomes o = run_trials(kN, kK, kL, kMu, lambda_M, trials);
  auto shares = [&](double rate) {  // Theorem 2's probabilities with loops at `rate`
    const double total = (kL + kK) * kMu + rate;
    return std::array<double, 3>{double(kK) / kN * kMu / total, kMu / total, rate / total};
  };
  const auto [first, later, loop] = shares(lambda_M);  // 4/150, 1/15, 1/3
  for (int i = 0; i < kN + kL; ++i) {
    const double p = i < kN ? first : later;
    INFO("message " << i << ": share " << o.message[i] << ", expected " << p << ", standard error " << se(p, trials));
    CHECK(std::fabs(o.message[i] - p) < 5 * se(p, trials));
  }
  INFO("loop: share " << o.loop << ", expected " << loop << ", standard error " << se(loop, trials));
  CHECK(std::fabs(o.loop - loop) < 5 * se(loop, trials));
  // Power: loops at a rate 10% off (0.355 or 0.310) are rejected, and so are Theorem 1's
  // shares, which ignore the loops.
  for (double wrong : {1.1 * lambda_M, 0.9 * lambda_M}) CHECK(std::fabs(o.loop - shares(wrong)[2]) > 5 * se(loop, trials));
  CHECK(std::fabs(o.message[0] - 0.04) > 5 * se(0.04, trials));
  CHECK(std::fabs(o.message[kN] - 0.10) > 5 * se(0.10, trials));
}
