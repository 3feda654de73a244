// Sender anonymity and sender-receiver unlinkability: epsilon and delta on hand-built records,
// the challengers' sending window, the target rule and its sampling, honest mixes against
// every mix corrupt (the paper's full-linkability limit) on whole networks, and corrupt
// fractions drawn from the seed.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <set>

#include "analysis/metrics.h"
#include "analysis/sample_summary.h"
#include "core/config/corrupt_nodes.h"
#include "../support/hop_record.h"
#include "../support/metrics_fixture.h"
#include "../support/network_fixture.h"

using core::HopEvent;
using test_support::record;

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

TEST_CASE("unlinkability: epsilon and delta of hand-built records with known p0 and p1", "[oracle][unlinkability]") {
  // One provider, one mix; S0 = client 0, S1 = client 1, R = client 2. Into the mix: S0's
  // packet 1, S1's 2, S0's 3 and R's 4 (pool {S0: 2, S1: 1} over 4 packets). Packet 1 leaves
  // with {S0: 1/2, S1: 1/4} and reaches R; packet 2 leaves with the same and reaches S0 (no
  // challenge); S1's packet 5 enters (pool {S0: 1, S1: 3/2} over 3); packet 3 leaves with
  // {S0: 1/3, S1: 1/2} and reaches R; 4 and 5 leave, emptying the pool; S1's packet 6 crosses
  // it alone ({S1: 1}) and reaches R.
  core::Scenario s = test_support::single_mix_scenario(1, 1.0);
  s.clients = 3;
  s.warmup = 0;
  s.provider_delay = false;
  s.challenge_senders = {{0, 1}};
  s.challenge_recipient = 2;
  const core::Topology t(s);
  const core::NodeId mix = t.mix(0, 0), provider = t.provider(0), s0 = t.client(0), s1 = t.client(1), r = t.client(2);
  analysis::Unlinkability u(s, t, {false});
  double time = 0;
  auto enter = [&](std::uint64_t packet, core::NodeId sender) {
    u.on_hop(record(time += 1, packet, sender, HopEvent::Send, provider));
    u.on_hop(record(time += 1, packet, mix, HopEvent::Arrive, provider));
    u.on_hop(record(time, packet, mix, HopEvent::Enter, provider));
  };
  auto leave = [&](std::uint64_t packet, core::NodeId recipient) {
    u.on_hop(record(time += 1, packet, mix, HopEvent::Leave, provider));
    u.on_hop(record(time, packet, mix, HopEvent::Depart, provider));
    u.on_hop(record(time += 1, packet, provider, HopEvent::Arrive, mix));
    u.on_hop(record(time, packet, provider, HopEvent::Deliver, recipient));
  };
  enter(1, s0);
  enter(2, s1);
  enter(3, s0);
  enter(4, r);
  leave(1, r);
  leave(2, s0);
  enter(5, s1);
  leave(3, r);
  leave(4, s1);
  leave(5, s0);
  enter(6, s1);
  leave(6, r);

  const std::vector<analysis::Challenge>& c = u.challenges();
  REQUIRE(c.size() == 3);
  CHECK(c[0].message == 1);
  CHECK(c[0].challenger == 0);
  CHECK(c[0].p0 == 0.5);
  CHECK(c[0].p1 == 0.25);
  CHECK(c[0].epsilon_nats() == Approx(std::log(2.0)).epsilon(1e-12));
  CHECK(c[0].epsilon_bits() == Approx(1.0).epsilon(1e-12));
  CHECK(c[1].message == 3);
  CHECK(c[1].p0 == Approx(1.0 / 3).epsilon(1e-12));
  CHECK(c[1].p1 == Approx(0.5).epsilon(1e-12));
  CHECK(c[1].epsilon_nats() == Approx(std::log(1.5)).epsilon(1e-12));
  CHECK(c[1].epsilon_bits() == Approx(std::log2(1.5)).epsilon(1e-12));
  CHECK(c[2].message == 6);
  CHECK(c[2].challenger == 1);
  CHECK(c[2].p0 == 0.0);
  CHECK(c[2].p1 == 1.0);
  CHECK(c[2].zero());
  CHECK(std::isinf(c[2].epsilon_nats()));
  CHECK(u.delta() == Approx(1.0 / 3).epsilon(1e-12));
  CHECK(u.epsilon_nats().count == 2);
  CHECK(u.epsilon_nats().mean == Approx((std::log(2.0) + std::log(1.5)) / 2).epsilon(1e-12));
  CHECK(u.epsilon_bits().mean == Approx((1 + std::log2(1.5)) / 2).epsilon(1e-12));
}

TEST_CASE("challenge: S0 and S1 send to R at the challenge rate from the warm-up for the duration",
          "[network][unlinkability]") {
  // No other real messages, each sent as it is created: the challengers' payloads are the
  // challenge messages, about 10/s x 20 s = 200 each.
  core::Scenario s = test_support::small_scenario(15);
  s.warmup = 10;
  s.horizon = 60;
  s.workload_rate = 0;
  s.sending = core::Sending::Immediately;
  s.challenge_senders = {{0, 1}};
  s.challenge_recipient = 2;
  s.challenge_rate = 10;
  s.challenge_duration = 20;
  const core::Topology t(s);
  std::map<core::NodeId, std::vector<double>> sent;  // per challenger, its payloads' send times
  for (const core::HopRecord& r : test_support::run_and_record(s))
    if (r.event == HopEvent::Send && r.kind == core::TrafficKind::Payload) sent[r.node].push_back(sim::to_seconds(r.time));
  REQUIRE(sent.size() == 2);
  const double expected = s.challenge_rate * s.challenge_duration, sd = std::sqrt(expected);
  for (const auto& [challenger, times] : sent) {
    INFO("challenger " << challenger << ": " << times.size() << " messages");
    CHECK(*std::min_element(times.begin(), times.end()) >= s.warmup);
    CHECK(*std::max_element(times.begin(), times.end()) <= s.warmup + s.challenge_duration);
    CHECK(std::fabs(static_cast<double>(times.size()) - expected) < 5 * sd);
    // Power: a window 10 s shorter (ending at the duration itself) or longer is rejected.
    for (double wrong : {expected - 10 * s.challenge_rate, expected + 10 * s.challenge_rate})
      CHECK(std::fabs(static_cast<double>(times.size()) - wrong) > 5 * sd);
  }
}

TEST_CASE("anonymity: each eligible message is a target with probability /anonymity/sample", "[anonymity][statistical]") {
  // 100,000 payload messages of client 0 after the warm-up, sampled at 1/4: 25,000 targets
  // expected, binomial standard error 137. The hash depends on the seed and the message id.
  core::Scenario s = test_support::small_scenario(16);
  s.anonymity_sample = 0.25;
  const core::Topology t(s);
  analysis::TargetChoice choice(s, t);
  core::HopRecord r = record(s.warmup, 0, t.client(0), HopEvent::Send, t.provider(0));
  const int messages = 100000;
  for (int m = 1; m <= messages; ++m) {
    r.packet = r.message = static_cast<std::uint64_t>(m);
    choice.on_send(r);
  }
  const double chosen = choice.chosen(), se = std::sqrt(messages * 0.25 * 0.75);
  INFO("chosen " << chosen << " of " << messages);
  CHECK(std::fabs(chosen - messages * 0.25) < 5 * se);
  // Power: a sampling rate 10% off is rejected.
  for (double wrong : {0.9 * 0.25, 1.1 * 0.25}) CHECK(std::fabs(chosen - messages * wrong) > 5 * se);
  // Before the warm-up, or not a payload: never a target.
  r.time = sim::from_seconds(s.warmup) - 1;
  CHECK(choice.on_send(r) == analysis::TargetChoice::kNone);
  r.time = sim::from_seconds(s.warmup);
  r.kind = core::TrafficKind::Loop;
  for (int m = 1; m <= 100; ++m) {
    r.packet = r.message = static_cast<std::uint64_t>(messages + m);
    CHECK(choice.on_send(r) == analysis::TargetChoice::kNone);
  }
}

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
  s.corrupt = {{{}, 1.0}};
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
  // The same network (the analysis draws nothing): the targets are the listed senders'
  // delivered payloads the hash keeps (its rate is the test above's).
  std::set<core::NodeId> senders;
  for (const analysis::DeliveredTarget& d : b->delivered()) senders.insert(d.sender);
  CHECK(senders == std::set<core::NodeId>{all.topology.client(3), all.topology.client(7)});

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
  s.corrupt = {{{0, 8}, -1}};
  CHECK(core::corrupt_mixes(s) == std::vector<bool>{true, false, false, false, false, false, false, false, true});
  s.corrupt = {{{}, 1.0 / 3}};
  const std::vector<bool> third = core::corrupt_mixes(s);
  CHECK(std::count(third.begin(), third.end(), true) == 3);
  CHECK(core::corrupt_mixes(s) == third);  // the same seed, the same mixes
  s.corrupt = {{{}, 0.5}};  // 4.5 rounds to 5 (away from zero)
  const std::vector<bool> half = core::corrupt_mixes(s);
  CHECK(std::count(half.begin(), half.end(), true) == 5);
  s.corrupt = {{{}, 0.0}};
  CHECK(core::corrupt_mixes(s) == std::vector<bool>(9, false));
  std::set<std::vector<bool>> draws;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    s.seed = seed;
    s.corrupt = {{{}, 1.0 / 3}};
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
