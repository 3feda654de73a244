// The mix strategies through core's mix: a threshold or round pool of n gives each output
// log2(n) bits (LOOPIX.md, "Synchronous variant"), a packet crosses one mix per round, a timed
// pool keeps its `keep` packets and flushes only at multiples of its period, and every
// strategy runs the same in both packet formats, replays and flips included.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "analysis/mix_entropy.h"
#include "core/model/mix/batch_pools.h"
#include "../support/network_fixture.h"

using core::HopEvent;
using test_support::run_and_record;
using test_support::single_mix_scenario;

namespace {

core::Scenario with_strategy(core::Scenario s, const char* strategy) {
  s.mix_strategy.name = strategy;
  s.provider_delay = false;
  return s;
}

// Per mix node: the Leave records at each instant, in order (a batch mix's flushes).
std::map<core::NodeId, std::map<sim::Time, int>> flushes(const std::vector<core::HopRecord>& records) {
  std::map<core::NodeId, std::map<sim::Time, int>> out;
  for (const auto& r : records)
    if (r.event == HopEvent::Leave) ++out[r.node][r.time];
  return out;
}

analysis::MixEntropyObserver entropy_of(const core::Scenario& s, const std::vector<core::HopRecord>& records) {
  const core::Topology t(s);
  analysis::MixEntropyObserver o(t, sim::from_seconds(s.warmup), sim::from_seconds(1));
  for (const auto& r : records) o.on_hop(r);
  o.finish(sim::from_seconds(s.horizon));
  return o;
}

}  // namespace

TEST_CASE("mix strategies: a threshold mix of n flushes n at a time and gives every output log2(n) bits",
          "[oracle][strategy]") {
  core::Scenario s = with_strategy(single_mix_scenario(5, 2), "threshold");
  s.mix_threshold = 8;
  const auto records = run_and_record(s);
  const core::NodeId mix = core::Topology(s).mix(0, 0);
  const auto batches = flushes(records).at(mix);
  REQUIRE(batches.size() > 100);
  for (const auto& [time, leaving] : batches) REQUIRE(leaving == 8);
  const auto o = entropy_of(s, records);
  REQUIRE(o.mixes()[0].departures > 1000);
  CHECK(o.mixes()[0].mean() == Approx(3.0).epsilon(1e-12));
  // The Poisson mix at the same traffic gives a different figure: the check has power.
  core::Scenario poisson = s;
  poisson.mix_strategy.name = "poisson";
  CHECK(std::fabs(entropy_of(poisson, run_and_record(poisson)).mixes()[0].mean() - 3.0) > 0.5);
}

TEST_CASE("mix strategies: a round mix flushes at round ends, each output with log2 of its round's packets",
          "[oracle][strategy]") {
  core::Scenario s = with_strategy(single_mix_scenario(6, 2), "round");
  s.mix_round = 0.25;
  const auto records = run_and_record(s);
  const core::NodeId mix = core::Topology(s).mix(0, 0);
  const sim::Time round = sim::from_seconds(s.mix_round), warmup = sim::from_seconds(s.warmup);
  double sum = 0;
  std::uint64_t departures = 0;
  const auto batches = flushes(records).at(mix);
  for (const auto& [time, leaving] : batches) {
    REQUIRE(time % round == 0);  // aligned rounds: boundaries at multiples of the round
    if (time < warmup) continue;
    sum += leaving * std::log2(leaving);
    departures += static_cast<std::uint64_t>(leaving);
  }
  REQUIRE(departures > 1500);  // 40 packets/s for 50 s, 10 a round on average
  const auto o = entropy_of(s, records);
  CHECK(o.mixes()[0].departures == departures);
  CHECK(o.mixes()[0].mean() == Approx(sum / static_cast<double>(departures)).epsilon(1e-12));
}

TEST_CASE("mix strategies: with rounds, a packet crosses one mix per round", "[oracle][strategy]") {
  // Zero link latency and no provider delay: a packet sent at t reaches the first layer at t,
  // leaves it at the first round end after t, and each later layer one round after the one
  // before; so it is delivered at next_boundary(t) + (L - 1) * round, its latency
  // R/2 + (L - 1) R on average.
  core::Scenario s = with_strategy(test_support::small_scenario(7), "round");
  s.layers = 3;
  s.mix_round = 0.2;
  s.mix_loop_rate = 0;
  const core::Topology t(s);
  const sim::Time round = sim::from_seconds(s.mix_round);
  std::uint64_t checked = 0;
  double latency = 0;
  for (const auto& r : run_and_record(s)) {
    const bool ends_at_provider = (r.event == HopEvent::Deliver || r.event == HopEvent::Drop) &&
                                  t.role(r.node) == core::Role::Provider && r.kind != core::TrafficKind::Dummy;
    if (!ends_at_provider) continue;
    REQUIRE(r.time == core::next_boundary(r.sent, 0, round) + (s.layers - 1) * round);
    latency += sim::to_seconds(r.time - r.sent);
    ++checked;
  }
  REQUIRE(checked > 1000);
  // The mean latency: (L - 1/2) rounds, within 5 standard errors of the uniform wait (R / sqrt(12 n)).
  const double mean = latency / static_cast<double>(checked), expected = (s.layers - 0.5) * s.mix_round;
  CHECK(std::fabs(mean - expected) < 5 * s.mix_round / std::sqrt(12.0 * static_cast<double>(checked)));

  // With a random phase, each mix flushes at its own phase, the same for all its rounds.
  s.mix_random_phase = true;
  std::map<sim::Time, int> phases;
  const auto by_mix = flushes(run_and_record(s));
  for (const auto& [node, batches] : by_mix) {
    const sim::Time phase = batches.begin()->first % round;
    for (const auto& [time, leaving] : batches) REQUIRE(time % round == phase);
    ++phases[phase];
  }
  CHECK(phases.size() == 6);  // six mixes, six distinct phases
}

TEST_CASE("mix strategies: a timed pool flushes at multiples of its period and keeps `keep` packets",
          "[oracle][strategy]") {
  core::Scenario s = with_strategy(single_mix_scenario(8, 2), "timed_pool");
  s.mix_period = 0.5;
  s.mix_keep = 5;
  const sim::Time period = sim::from_seconds(s.mix_period);
  const core::NodeId mix = core::Topology(s).mix(0, 0);
  std::int64_t pooled = 0;
  int flushes_checked = 0;
  const auto records = run_and_record(s);
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& r = records[i];
    if (r.node != mix) continue;
    if (r.event == HopEvent::Enter) ++pooled;
    if (r.event != HopEvent::Leave) continue;
    REQUIRE(r.time % period == 0);
    --pooled;
    const bool last_of_flush = [&] {
      for (std::size_t j = i + 1; j < records.size() && records[j].time == r.time; ++j)
        if (records[j].node == mix && records[j].event == HopEvent::Leave) return false;
      return true;
    }();
    if (!last_of_flush) continue;
    REQUIRE(pooled == s.mix_keep);
    ++flushes_checked;
  }
  CHECK(flushes_checked > 90);  // every half second for 60 s (20 packets a flush on average)
}

TEST_CASE("mix strategies: sphinx and none give the same records for every strategy, with replaying and flipping mixes",
          "[strategy][sphinx]") {
  for (const char* strategy : {"round", "timed_pool", "threshold"}) {
    std::vector<std::vector<core::HopRecord>> runs;
    for (core::CryptoMode mode : {core::CryptoMode::Sphinx, core::CryptoMode::None}) {
      core::Scenario s = test_support::small_scenario(9);
      s.mix_strategy.name = strategy;
      s.crypto = mode;
      s.horizon = 10;
      s.mix_round = s.mix_period = 0.3;
      s.mix_keep = 2;
      s.mix_threshold = 4;
      s.replay.mixes = {1};
      s.flip_payload.mixes = {2};
      s.latency.distribution = core::LatencyDistribution::Exponential;
      s.latency.mean = 0.01;
      runs.push_back(run_and_record(s));
    }
    INFO(strategy);
    REQUIRE(runs[0].size() > 1000);
    test_support::require_same_records(runs[0], runs[1]);
    int replays = 0, tagged = 0;
    for (const auto& r : runs[0]) {
      replays += r.reason == core::DropReason::Replay;
      tagged += r.reason == core::DropReason::Tagged;
    }
    CHECK(replays > 10);
    CHECK(tagged > 10);
  }
}
