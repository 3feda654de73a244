// Sender anonymity and sender-receiver unlinkability on whole networks: the target rule,
// honest mixes against every mix corrupt (the paper's full-linkability limit), and corrupt
// fractions drawn from the seed.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "analysis/metrics.h"
#include "analysis/sample_summary.h"
#include "core/corrupt_mixes.h"
#include "../support/metrics_fixture.h"
#include "../support/network_fixture.h"

namespace {

// small_scenario with challengers 0 and 1 sending to client 2 for the whole run after the
// warm-up, and no ingress delay, so that the mixes are the only pools.
core::Scenario challenge_scenario(std::uint64_t seed) {
  core::Scenario s = test_support::small_scenario(seed);
  s.horizon = 120;
  s.provider_delay = false;
  s.challenge_senders = {{0, 1}};
  s.challenge_recipient = 2;
  s.challenge_rate = 1;
  s.challenge_duration = 100;
  s.anonymity_levels = {true, true};
  return s;
}

using Run = test_support::MeasuredRun;

}  // namespace

TEST_CASE("unlinkability: with honest mixes no challenge is certain, and delta counts the one-sided ones",
          "[oracle][unlinkability]") {
  const Run run(challenge_scenario(3));
  const analysis::Unlinkability* u = run.metrics.unlinkability();
  REQUIRE(u != nullptr);
  REQUIRE(u->challenges().size() > 100);  // about 2 x 100 s at 1/s, less those still in flight
  std::size_t zero = 0;
  for (const analysis::Challenge& c : u->challenges()) {
    const double own = c.challenger == 0 ? c.p0 : c.p1;
    CHECK(own > 0);          // the true sender is always possible
    CHECK(c.p0 + c.p1 < 1);  // and never certain: the other senders share the rest
    CHECK(c.sender == run.topology.client(c.challenger));
    zero += c.zero();  // the other challenger had no mass in the pools this message crossed
  }
  // Small pools here (about 4 messages each): a few challenges are one-sided.
  CHECK(u->delta() == static_cast<double>(zero) / u->challenges().size());
  CHECK(u->delta() < 0.1);
  const analysis::SampleSummary e = u->epsilon_bits();
  CHECK(e.count == u->challenges().size() - zero);
  CHECK(std::isfinite(e.max));
  CHECK(u->epsilon_nats().mean == Approx(e.mean * std::log(2.0)).epsilon(1e-12));
}

TEST_CASE("unlinkability: with every mix corrupt the adversary links every challenge (delta = 1)",
          "[oracle][unlinkability]") {
  core::Scenario s = challenge_scenario(3);
  s.corrupt = {{}, 1.0};
  const Run run(s);
  const analysis::Unlinkability* u = run.metrics.unlinkability();
  REQUIRE(u != nullptr);
  REQUIRE(u->challenges().size() > 100);
  CHECK(u->delta() == 1.0);
  for (const analysis::Challenge& c : u->challenges()) {
    CHECK(c.zero());
    CHECK(std::isinf(c.epsilon_bits()));
    CHECK((c.challenger == 0 ? c.p0 : c.p1) == 1.0);  // the true sender, with certainty
  }
  CHECK(u->epsilon_bits().count == 0);
  // And every target's sender is known: entropy 0.
  const analysis::SenderAnonymity* a = run.metrics.sender_anonymity();
  REQUIRE(a != nullptr);
  REQUIRE(a->delivered().size() > 100);
  for (const analysis::DeliveredTarget& d : a->delivered()) {
    CHECK(d.entropy_bits == 0.0);
    CHECK(d.p_sender == 1.0);
  }
}

TEST_CASE("anonymity: targets are the listed senders' payload messages after the warm-up, sampled by hash",
          "[oracle][anonymity]") {
  core::Scenario s = test_support::small_scenario(8);
  s.horizon = 200;
  s.anonymity_levels = {true, true};
  const Run all(s);
  const analysis::SenderAnonymity* a = all.metrics.sender_anonymity();
  REQUIRE(a != nullptr);
  // Every payload message sent after the warm-up is a target.
  CHECK(a->targets() == all.metrics.summary().kind(core::TrafficKind::Payload).sent);
  CHECK(a->in_flight() + a->delivered().size() + a->dropped() == a->targets());
  CHECK(all.metrics.message_anonymity()->targets().size() == a->targets());  // the same choice at both levels
  for (const analysis::DeliveredTarget& d : a->delivered()) {
    CHECK(d.entropy_bits > 0);
    CHECK(d.entropy_bits <= std::log2(a->labels()) + 1e-12);
    CHECK(d.sent >= sim::from_seconds(s.warmup));
  }

  s.anonymity_senders = {{3, 7}};
  s.anonymity_sample = 0.25;
  const Run some(s);
  const analysis::SenderAnonymity* b = some.metrics.sender_anonymity();
  REQUIRE(b != nullptr);
  // The same network (the analysis draws nothing): the listed senders' share of the targets,
  // each kept with probability 1/4, within 5 binomial standard errors.
  double eligible = 0;
  for (const analysis::DeliveredTarget& d : a->delivered())
    eligible += d.sender == all.topology.client(3) || d.sender == all.topology.client(7);
  std::set<core::NodeId> senders;
  for (const analysis::DeliveredTarget& d : b->delivered()) {
    senders.insert(d.sender);
  }
  CHECK(senders == std::set<core::NodeId>{all.topology.client(3), all.topology.client(7)});
  const double n = static_cast<double>(b->delivered().size());
  INFO("eligible delivered " << eligible << ", kept " << n);
  CHECK(std::fabs(n - eligible / 4) < 5 * std::sqrt(eligible * 0.25 * 0.75));

  s.anonymity_targets = 5;  // the first five of them
  const Run first(s);
  REQUIRE(first.metrics.sender_anonymity()->targets() == 5);
  std::vector<analysis::DeliveredTarget> by_send = b->delivered();
  std::sort(by_send.begin(), by_send.end(), [](const auto& x, const auto& y) { return x.sent < y.sent; });
  for (std::size_t i = 0; i < 5; ++i) CHECK(first.metrics.message_anonymity()->targets()[i].message == by_send[i].message);

  s.anonymity_sample = 0;
  CHECK(Run(s).metrics.sender_anonymity() == nullptr);
  CHECK(Run(s).metrics.message_anonymity() == nullptr);
  s.anonymity_sample = 1;
  s.anonymity_levels = {false, false};
  CHECK(Run(s).metrics.message_anonymity() == nullptr);
}

TEST_CASE("corrupt mixes: a list, or a fraction drawn from the seed", "[anonymity]") {
  core::Scenario s;  // 3 x 3 mixes
  s.corrupt = {{{0, 8}}, -1};
  CHECK(core::corrupt_mixes(s) == std::vector<bool>{true, false, false, false, false, false, false, false, true});
  s.corrupt = {{}, 1.0 / 3};
  const std::vector<bool> third = core::corrupt_mixes(s);
  CHECK(std::count(third.begin(), third.end(), true) == 3);
  CHECK(core::corrupt_mixes(s) == third);  // the same seed, the same mixes
  s.corrupt = {{}, 0.5};  // 4.5 rounds to 5 (away from zero)
  const std::vector<bool> half = core::corrupt_mixes(s);
  CHECK(std::count(half.begin(), half.end(), true) == 5);
  s.corrupt = {{}, 0.0};
  CHECK(core::corrupt_mixes(s) == std::vector<bool>(9, false));
  std::set<std::vector<bool>> draws;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    s.seed = seed;
    s.corrupt = {{}, 1.0 / 3};
    draws.insert(core::corrupt_mixes(s));
  }
  CHECK(draws.size() > 10);  // C(9, 3) = 84 possible sets
}

TEST_CASE("sample summary: quantiles interpolate as numpy does, sd uses n - 1", "[anonymity]") {
  const analysis::SampleSummary s = analysis::summarize({4, 1, 3, 2});
  CHECK(s.count == 4);
  CHECK(s.mean == 2.5);
  CHECK(s.sd == Approx(std::sqrt(5.0 / 3.0)).epsilon(1e-15));
  CHECK(s.min == 1);
  CHECK(s.q1 == 1.75);
  CHECK(s.median == 2.5);
  CHECK(s.q3 == 3.25);
  CHECK(s.max == 4);
  CHECK(std::isnan(analysis::summarize({}).mean));
  CHECK(std::isnan(analysis::summarize({7}).sd));
  CHECK(analysis::summarize({7}).median == 7);
}
