// Service capacity and bandwidth through core's network: a node with Poisson arrivals and
// exponential service on c processors is an M/M/c queue (mean wait: Erlang C), a limited
// queue drops as M/M/1/K does, a link with a bandwidth sends its packets one after another
// (FIFO, each taking its Sphinx size / bandwidth), and both packet formats agree throughout.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "analysis/closed_forms.h"
#include "../support/metrics_fixture.h"
#include "../support/network_fixture.h"

using core::HopEvent;

namespace {

// 20 providers with one client each, one mix: every client packet crosses the mix, which
// receives a Poisson stream of 40 packets/s (each client's payload-or-drop and loop streams,
// 1/s each); a provider sees about 4 packets/s, so its own queue hardly matters.
core::Scenario one_mix_queue(std::uint64_t seed) {
  core::Scenario s = test_support::single_mix_scenario(seed, 1);
  s.providers = 20;
  s.provider_delay = false;
  s.pull_period = 100;
  s.warmup = 20;
  s.horizon = 2020;  // at rho = 0.8 a queue's batches of 20 s vary a lot: 100 of them
  s.service_time.distribution = core::LatencyDistribution::Exponential;
  return s;
}

// Per 20 s batch of arrival time after the warm-up (100 batches): (batch, value) pairs for batch_means.
std::size_t batch_of(const core::Scenario& s, sim::Time time) {
  return static_cast<std::size_t>((sim::to_seconds(time) - s.warmup) / 20.0);
}

}  // namespace

TEST_CASE("service: the closed forms of M/M/c waits and M/M/1/K blocking, checked by hand", "[oracle][service]") {
  // c = 2, a = 1.6: C = (1.28 * 2 / 0.4) / (1 + 1.6 + 6.4) = 0.7111, over c mu - lambda = 10.
  CHECK(analysis::erlang_c_wait(2, 40, 25) == Approx(6.4 / 9.0 / 10.0).epsilon(1e-12));
  CHECK(analysis::erlang_c_wait(1, 20, 25) == Approx(0.8 / 5.0).epsilon(1e-12));  // M/M/1: rho / (mu - lambda)
  CHECK(std::isinf(analysis::erlang_c_wait(2, 50, 25)));
  // rho = 1.25, K = 3: (1 - rho) rho^4 / (1 - rho^5).
  CHECK(analysis::mm1k_blocking(3, 40, 32) == Approx(-0.25 * 2.44140625 / (1 - 3.0517578125)).epsilon(1e-12));
  CHECK(analysis::mm1k_blocking(3, 10, 10) == Approx(0.2).epsilon(1e-12));
}

TEST_CASE("service: a mix with Poisson arrivals and exponential service on c processors waits as Erlang C says",
          "[oracle][service][statistical]") {
  for (int c : {1, 2}) {
    core::Scenario s = one_mix_queue(31 + static_cast<std::uint64_t>(c));
    s.processors = c;
    const double mu = c == 1 ? 50.0 : 25.0;  // rho = 0.8 either way
    s.service_time.mean = 1 / mu;
    const auto records = test_support::run_and_record(s);
    const core::NodeId mix = core::Topology(s).mix(0, 0);
    std::map<std::uint64_t, sim::Time> arrived;
    std::vector<std::pair<std::size_t, double>> sojourns;  // Arrive to Enter: wait + service
    for (const auto& r : records) {
      if (r.node != mix) continue;
      if (r.event == HopEvent::Arrive && r.time >= sim::from_seconds(s.warmup)) arrived[r.packet] = r.time;
      if (r.event != HopEvent::Enter) continue;
      auto it = arrived.find(r.packet);
      if (it == arrived.end()) continue;
      if (r.time <= sim::from_seconds(s.horizon)) sojourns.emplace_back(batch_of(s, it->second), sim::to_seconds(r.time - it->second));
      arrived.erase(it);
    }
    REQUIRE(sojourns.size() > 75000);  // 40/s for 2,000 s
    const auto [mean, se] = test_support::batch_means(sojourns, 100);
    const double expected = analysis::erlang_c_wait(c, 40, mu) + 1 / mu;
    INFO(c << " processors: mean sojourn " << mean << " s, Erlang C " << expected << " s, standard error " << se);
    CHECK(se < 0.006);
    CHECK(std::fabs(mean - expected) < 5 * se);
    // Power: without queueing (service alone) the mean would be 1/mu.
    CHECK(std::fabs(mean - 1 / mu) > 10 * se);
  }
}

TEST_CASE("service: a full queue drops arrivals as overflow, as often as M/M/1/K blocks",
          "[oracle][service][statistical]") {
  core::Scenario s = one_mix_queue(33);
  s.service_time.mean = 1.0 / 32;  // rho = 1.25 at the mix
  s.queue_limit = 3;
  const auto records = test_support::run_and_record(s);
  const core::NodeId mix = core::Topology(s).mix(0, 0);
  std::vector<double> arrivals(100, 0.0), drops(100, 0.0);
  for (const auto& r : records) {
    if (r.node != mix || r.time < sim::from_seconds(s.warmup) || r.time >= sim::from_seconds(s.horizon)) continue;
    if (r.event == HopEvent::Arrive) arrivals[batch_of(s, r.time)] += 1;
    if (r.event == HopEvent::Drop) {
      REQUIRE(r.reason == core::DropReason::Overflow);
      drops[batch_of(s, r.time)] += 1;
    }
  }
  std::vector<std::pair<std::size_t, double>> fractions;
  double total_arrivals = 0;
  for (std::size_t b = 0; b < 100; ++b) {
    fractions.emplace_back(b, drops[b] / arrivals[b]);
    total_arrivals += arrivals[b];
  }
  const auto [mean, se] = test_support::batch_means(fractions, 100);
  // The mix's arrival rate, measured (a provider drops a few packets too).
  const double lambda = total_arrivals / (s.horizon - s.warmup);
  const double expected = analysis::mm1k_blocking(3, lambda, 32);
  INFO("dropped " << mean << ", M/M/1/3 " << expected << " at lambda " << lambda << ", standard error " << se);
  CHECK(std::fabs(mean - expected) < 5 * se);
  CHECK(std::fabs(mean - analysis::mm1k_blocking(4, lambda, 32)) > 5 * se);  // one place more: fewer drops
}

TEST_CASE("service: a link with a bandwidth sends one packet after another, each for its Sphinx size / bandwidth",
          "[service]") {
  core::Scenario s = test_support::small_scenario(34);
  s.latency.distribution = core::LatencyDistribution::Constant;
  s.latency.value = 0.005;
  s.bandwidth = 1.2e6;  // a 1,200-byte Sphinx packet (4 hops, 1,024-byte payload) takes 1 ms
  s.pull_messages = 5;
  const sim::Time send = sim::from_seconds(0.001), latency = sim::from_seconds(0.005);
  const auto records = test_support::run_and_record(s);
  // Replays the FIFO per link: a packet starts when it is put on the link or when the one
  // before it there has been sent, whichever is later, and arrives a latency after it is sent.
  std::map<std::pair<core::NodeId, core::NodeId>, sim::Time> free;
  std::map<std::pair<std::uint64_t, core::NodeId>, sim::Time> due;  // (packet, to) -> arrival
  std::uint64_t checked = 0, queued = 0;
  for (const auto& r : records) {
    if (r.event == HopEvent::Send || r.event == HopEvent::Depart) {
      sim::Time& f = free[{r.node, r.peer}];
      const sim::Time start = std::max(r.time, f);
      queued += start > r.time;
      f = start + send;
      due[{r.packet, r.peer}] = f + latency;
    }
    const bool arrives = r.event == HopEvent::Arrive || r.event == HopEvent::Fetch ||
                         (r.event == HopEvent::Deliver && r.kind == core::TrafficKind::Dummy);
    if (!arrives) continue;
    auto it = due.find({r.packet, r.node});
    REQUIRE(it != due.end());
    REQUIRE(r.time == it->second);
    due.erase(it);
    ++checked;
  }
  CHECK(checked > 10000);
  CHECK(queued > 1000);  // pull answers of 5 messages and busy links queue
}

TEST_CASE("service: sphinx and none give the same records with processors, queues and bandwidth", "[service][sphinx]") {
  std::vector<std::vector<core::HopRecord>> runs;
  for (core::CryptoMode mode : {core::CryptoMode::Sphinx, core::CryptoMode::None}) {
    core::Scenario s = test_support::small_scenario(35);
    s.crypto = mode;
    s.horizon = 10;
    s.service_time.distribution = core::LatencyDistribution::Exponential;
    s.service_time.mean = 0.05;
    s.processors = 2;
    s.queue_limit = 2;
    s.bandwidth = 2e6;
    s.replay.mixes = {1};
    runs.push_back(test_support::run_and_record(s));
  }
  test_support::require_same_records(runs[0], runs[1]);
  int overflow = 0;
  for (const auto& a : runs[0]) overflow += a.reason == core::DropReason::Overflow;
  CHECK(overflow > 10);
}
