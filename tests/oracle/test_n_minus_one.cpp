// The (n-1) attacker's own success (Sec. 4.2) against its closed form: watching a mix it
// blocks, it guesses that its target is the first packet the mix sends after the target
// entered, which is right with probability mu / (mu + r), r the rate of the mix's other
// outputs (analysis/n_minus_one_attack.h). Blocking more shrinks r and raises its success;
// the mix's own loops, which it cannot block, bound it.
#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/n_minus_one_attack.h"
#include "core/model/network.h"
#include "../support/network_fixture.h"

namespace {

constexpr int kBlocked = 4;  // layer 1, index 1
constexpr double kMu = 4, kStart = 20, kHorizon = 1000;

// 3 layers of 3 mixes (mix loops at 2/s, delays Exp(4)), 12 clients writing real messages at
// 1/s (sent in a payload stream of 2/s), loops and drops at 1/s each; from 20 s on, an attacker blocks a share of what is sent to
// mix 4 and spares every client's real messages: about 4 target packets a second cross it.
core::Scenario attacked(std::uint64_t seed, double share) {
  core::Scenario s = test_support::small_scenario(seed);
  s.providers = 3;
  s.layers = 3;
  s.mixes_per_layer = 3;
  s.clients = 12;
  s.payload_rate = 2;
  s.workload_rate = 1;
  s.loop_rate = 1;
  s.drop_rate = 1;
  s.mix_loop_rate = 2;
  s.mu = kMu;
  s.horizon = kHorizon;
  s.warmup = kStart;
  s.anonymity_levels = {false, false};
  s.block_mixes.mixes = {kBlocked};
  s.block_fraction = share;
  s.block_start = kStart;
  for (int c = 0; c < s.clients; ++c) s.block_spare.clients.push_back(c);
  return s;
}

using Attacked = test_support::RecordedRun<analysis::NMinusOneFigures>;

// What the blocked mix sent during the attack, per second, counted from the records.
double outputs_per_s(const std::vector<core::HopRecord>& records, core::NodeId mix) {
  std::uint64_t n = 0;
  for (const core::HopRecord& r : records)
    n += (r.event == core::HopEvent::Send || r.event == core::HopEvent::Depart) && r.node == mix &&
         r.time >= sim::from_seconds(kStart) && r.time < sim::from_seconds(kHorizon);
  return static_cast<double>(n) / (kHorizon - kStart);
}

}  // namespace

TEST_CASE("(n-1) attack: the first packet out of the blocked mix is the target with probability mu / (mu + r)",
          "[oracle][adversary]") {
  // s = 0 only watches (the baseline), s = 1 leaves the targets and the mix's own loops.
  double previous = 0;
  for (const double share : {0.0, 0.5, 1.0}) {
    const core::Scenario s = attacked(31, share);
    const core::Topology t(s);
    const Attacked run(s, t);
    const analysis::NMinusOneResult r = run.analysis.result();
    INFO("s = " << share << ": " << r.linked << " of " << r.targets << " linked, success " << r.success
                << ", closed form " << r.closed_form << ", r " << r.output_rate_per_s << "/s");
    REQUIRE(r.targets > 3000);  // about 4/s over 980 s
    // The rate the attacker measured from its observations is the mix's true output rate.
    CHECK(r.output_rate_per_s == Approx(outputs_per_s(run.records.records, t.mix(1, 1))).epsilon(1e-12));
    const double se = std::sqrt(r.closed_form * (1 - r.closed_form) / static_cast<double>(r.targets));
    CHECK(std::abs(r.success - r.closed_form) < 5 * se);
    // Power: forgetting that the target itself may leave first (mu / r: 0.68 at s = 1) is rejected.
    if (share == 1.0) CHECK(std::abs(r.success - kMu / r.output_rate_per_s) > 5 * se);
    // Blocking more links more.
    CHECK(r.success > previous + 5 * se);
    previous = r.success;
  }
}

TEST_CASE("(n-1) attack: blocking everything but one client's messages at a mix without loops links nearly all of them",
          "[oracle][adversary]") {
  core::Scenario s = attacked(32, 1.0);
  s.mix_loop_rate = 0;
  s.block_spare.clients = {5};
  const core::Topology t(s);
  const Attacked run(s, t);
  const analysis::NMinusOneResult r = run.analysis.result();
  INFO(r.linked << " of " << r.targets << " linked, closed form " << r.closed_form);
  // Client 5's messages cross mix 4 at 1/3 per second: r = 1/3, mu / (mu + r) = 0.923.
  REQUIRE(r.targets > 250);
  CHECK(r.closed_form == Approx(kMu / (kMu + 1.0 / 3)).epsilon(0.05));
  CHECK(std::abs(r.success - r.closed_form) < 5 * std::sqrt(r.closed_form * (1 - r.closed_form) / static_cast<double>(r.targets)));
  CHECK(r.success > 0.85);
}

TEST_CASE("(n-1) attack: the attacker sees the links of the mix it blocks and its targets entering, nothing else",
          "[adversary]") {
  const core::Scenario s = attacked(33, 0.5);
  const core::Topology t(s);
  struct Seen final : core::ObservationSink {
    std::vector<core::Observation> all;
    void on_observation(const core::Observation& o) override { all.push_back(o); }
  } seen;
  core::AdversaryView view(s, t, seen);
  analysis::NMinusOneTruth truth(s, t);
  core::ObserverList both;
  both.add(view);
  both.add(truth);
  core::Network net(s, both);
  net.run();
  const core::NodeId mix = t.mix(1, 1);
  std::size_t targets = 0, links = 0;
  for (const core::Observation& o : seen.all) {
    if (o.what == core::ObservationKind::Target) {
      targets += o.time < sim::from_seconds(kHorizon);
      REQUIRE(o.node == mix);
    } else {
      REQUIRE(o.what == core::ObservationKind::Link);
      REQUIRE((o.node == mix || o.peer == mix));
      ++links;
    }
  }
  // Every target passage the truth knows, and only those, was seen entering (up to the horizon).
  CHECK(targets == truth.passages().size());
  CHECK(truth.passages().size() > 3000);
  CHECK(links > 5 * targets);  // the packets in and out of the mix, about nine per target
}

TEST_CASE("(n-1) attack: flooding a Poisson mix with the attacker's own packets restores its input and changes nothing else",
          "[oracle][adversary]") {
  // Delays are the senders' in a Poisson mix: the attacker's packets in the pool move no other
  // packet's departure, so every other event of the run happens as it did, at the same time
  // (no link latency to draw for the packets the mix forwards; the packet and message ids that
  // come after the first flood packet are numbered on past the attacker's).
  constexpr double kFlood = 20;
  const core::Scenario quiet = attacked(34, 1.0);
  core::Scenario flooded = quiet;
  flooded.block_flood = kFlood;
  const core::Topology t(quiet);
  const Attacked without(quiet, t), with(flooded, t);

  const core::NodeId mix = t.mix(1, 1);
  std::vector<core::HopRecord> others;
  std::uint64_t sent = 0, ended = 0, into_mix_before = 0, into_mix_during = 0;
  for (const core::HopRecord& r : with.records.records) {
    if (r.event == core::HopEvent::Arrive && r.node == mix)
      (r.time < sim::from_seconds(kStart) ? into_mix_before : into_mix_during) += 1;
    if (r.kind != core::TrafficKind::Flood) {
      others.push_back(r);
      continue;
    }
    if (r.event == core::HopEvent::Send) {
      ++sent;
      REQUIRE(r.peer == mix);
      REQUIRE(r.time >= sim::from_seconds(kStart));
    }
    if (r.event == core::HopEvent::Drop) {
      ++ended;
      REQUIRE(r.reason == core::DropReason::Cover);  // at the provider it was built for, never blocked
      REQUIRE(t.role(r.node) == core::Role::Provider);
    }
  }
  // Poisson(20/s) over the 980 s of the attack.
  const double expected = kFlood * (kHorizon - kStart);
  CHECK(std::abs(static_cast<double>(sent) - expected) < 5 * std::sqrt(expected));
  CHECK(ended > sent - 100);  // all but those still on their way at the end
  // What reaches the mix: the targets and the flood during the attack, against everything before.
  INFO("arrivals per second before " << into_mix_before / kStart << ", during " << into_mix_during / (kHorizon - kStart));
  CHECK(static_cast<double>(into_mix_during) / (kHorizon - kStart) > kFlood);  // 24.1 against 20.4 before
  const std::vector<core::HopRecord>& before = without.records.records;
  REQUIRE(others.size() == before.size());
  std::size_t first_difference = before.size();
  for (std::size_t i = 0; i < before.size() && first_difference == before.size(); ++i) {
    const core::HopRecord &x = others[i], &y = before[i];
    if (!(x.time == y.time && x.sent == y.sent && x.node == y.node && x.peer == y.peer && x.event == y.event &&
          x.kind == y.kind && x.reason == y.reason))
      first_difference = i;
  }
  CHECK(first_difference == before.size());
  const analysis::NMinusOneResult a = without.analysis.result(), b = with.analysis.result();
  CHECK(a.linked == b.linked);
  CHECK(a.targets == b.targets);
  CHECK(a.output_rate_per_s == b.output_rate_per_s);
}

TEST_CASE("(n-1) attack: flooding a threshold mix with the attacker's own packets links nearly every target",
          "[oracle][adversary]") {
  // A threshold mix of 5 sends its pool at once when the fifth packet comes. Blocking
  // everything but one client's messages, the pool is 5 targets: the attacker's guess (the
  // first packet out) is right for one in 5. Flooding at 200/s fills the pool with its own
  // packets, which it knows: the one packet out that is not its own is the target, unless
  // another target (1/3 per second) came into the same pool, for about 4 in 600.
  core::Scenario s = attacked(35, 1.0);
  s.mix_strategy.name = "threshold";
  s.mix_threshold = 5;
  s.mix_loop_rate = 0;
  s.block_spare.clients = {5};
  const core::Topology t(s);
  const analysis::NMinusOneResult alone = Attacked(s, t).analysis.result();
  s.block_flood = 200;
  const analysis::NMinusOneResult flooded = Attacked(s, t).analysis.result();
  INFO("without flood " << alone.linked << " of " << alone.targets << ", with " << flooded.linked << " of " << flooded.targets);
  REQUIRE(alone.targets > 250);
  REQUIRE(flooded.targets > 250);
  // One per full pool of 5, and a pool left at the end has not left.
  CHECK(static_cast<double>(alone.linked) == Approx(static_cast<double>(alone.targets) / 5).margin(1));
  CHECK(flooded.success > 0.98);
  CHECK(std::isnan(flooded.closed_form));  // mu / (mu + r) is the Poisson mix's
}
