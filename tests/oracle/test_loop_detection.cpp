// Loop-based detection (Sec. 4.2) against its Poisson model: without attack a mix raises an
// alarm in a window with the probability the threshold was set for; under an (n-1) attack that
// blocks a share s of the packets sent to it, its loops come back at lambda_M (1 - s) and its
// alarms follow that rate; the attack spares its targets' real messages; an outage, without
// attacker, loses everything sent to the mix for its duration and raises alarms too.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <set>

#include "analysis/loop_detection.h"
#include "core/model/network.h"
#include "../support/network_fixture.h"
#include "../support/scenario_problems.h"

using core::DropReason;
using core::HopEvent;

namespace {

constexpr double kMixLoopRate = 2, kWindow = 5;

// 3 layers of 3 mixes sending mix loops at lambda_M = 2/s, watched in 5 s windows (10 returns
// expected), a few clients; 2000 s after a 20 s warm-up: 396 windows per mix.
core::Scenario watched(std::uint64_t seed) {
  core::Scenario s = test_support::small_scenario(seed);
  s.providers = 3;
  s.layers = 3;
  s.mixes_per_layer = 3;
  s.clients = 12;
  s.horizon = 2000;
  s.warmup = 20;
  s.mix_loop_rate = kMixLoopRate;
  s.mu = 10;
  s.anonymity_levels = {false, false};
  s.detection_window = kWindow;
  s.detection_false_alarm = 0.05;
  return s;
}

// A run of S with every record kept and every loop watched.
using Watched = test_support::RecordedRun<analysis::LoopDetection>;

// P(Poisson(mean) < t).
double below(std::uint32_t t, double mean) {
  double sum = 0, term = std::exp(-mean);
  for (std::uint32_t k = 0; k < t; ++k, term *= mean / k) sum += term;
  return sum;
}

}  // namespace

TEST_CASE("loop detection: the alarm threshold is the largest count Poisson falls below at most the false-alarm rate",
          "[oracle][detection]") {
  CHECK(analysis::alarm_threshold(10, 0.01) == 3);  // P(<3) = 0.0028, P(<4) = 0.0103
  CHECK(analysis::alarm_threshold(10, 0.05) == 5);  // P(<5) = 0.0293, P(<6) = 0.0671
  CHECK(analysis::alarm_threshold(5, 0.01) == 1);   // P(<1) = 0.0067, P(<2) = 0.0404
  CHECK(analysis::alarm_threshold(0.5, 0.5) == 0);  // P(<1) = 0.61: a window this short never alarms
  CHECK(analysis::alarm_threshold(100, 1e-3) == 71);  // P(<71) = 0.00097, P(<72) = 0.00141
  // Large means, where e^-mean underflows: the normal approximation puts t near mean - 3.09 sd.
  const std::uint32_t t = analysis::alarm_threshold(800, 1e-3);
  CHECK(t > 800 - 3.2 * std::sqrt(800.0));
  CHECK(t < 800 - 2.9 * std::sqrt(800.0));
  CHECK(analysis::alarm_threshold(1e8, 1e-3) > 1e8 - 3.2e4);
}

TEST_CASE("loop detection: without attack, mixes raise alarms at the rate their threshold gives", "[oracle][detection]") {
  const core::Scenario s = watched(21);
  const core::Topology t(s);
  analysis::LoopDetection detection(s, t);
  core::Network net(s, detection);
  net.run();
  const analysis::DetectionFigures f = detection.mixes();
  REQUIRE(f.clear_windows == 9 * 396);
  CHECK(f.disrupted_windows == 0);
  CHECK(f.time_to_detection_s < 0);
  const double p = below(5, kMixLoopRate * kWindow);  // 0.0293
  const double n = static_cast<double>(f.clear_windows);
  const double se = std::sqrt(p * (1 - p) / n);
  const double measured = static_cast<double>(f.clear_alarms) / n;
  INFO("alarm share " << measured << " against " << p << ", SE " << se);
  CHECK(std::abs(measured - p) < 5 * se);
  CHECK(std::abs(below(6, kMixLoopRate * kWindow) - p) > 5 * se);  // power: one more in the threshold is rejected
  CHECK(f.false_alarms_per_hour == Approx(measured * 3600 / kWindow));
}

TEST_CASE("loop detection: an (n-1) attack blocking a share s of a mix's input cuts its loops to lambda_M (1 - s), "
          "spares its targets, and is detected",
          "[oracle][detection][adversary]") {
  core::Scenario s = watched(22);
  const core::Topology t(s);
  constexpr int kTarget = 4;  // layer 1, index 1
  constexpr double kShare = 0.5;
  s.block_mixes.mixes = {kTarget};
  s.block_fraction = kShare;
  s.block_start = 20;  // from the warm-up: every window is disrupted
  s.block_spare.clients = {3};
  const Watched run(s, t);
  const std::vector<core::HopRecord>& records = run.records.records;
  const analysis::LoopDetection& detection = run.analysis;

  // What was blocked: only packets sent to the target mix, after the start, never the spared
  // client's real messages, which do cross the target.
  const core::NodeId target = t.mix(1, 1), spared = t.client(3);
  std::map<std::uint64_t, core::NodeId> creator;
  std::uint64_t blocked = 0, arrived = 0, spared_through = 0;
  for (const core::HopRecord& r : records) {
    if (r.event == HopEvent::Create) creator[r.message] = r.node;
    if (r.event == HopEvent::Drop && r.reason == DropReason::Blocked) {
      ++blocked;
      REQUIRE(r.node == target);
      REQUIRE(r.time >= sim::from_seconds(20));
      if (r.kind == core::TrafficKind::Payload) REQUIRE(creator.at(r.message) != spared);
    }
    if (r.event == HopEvent::Arrive && r.node == target && r.time >= sim::from_seconds(20)) {  // drawn for
      ++arrived;
      spared_through += r.kind == core::TrafficKind::Payload && creator.count(r.message) && creator.at(r.message) == spared;
    }
  }
  CHECK(spared_through > 50);
  // Each packet not spared is blocked with probability s, independently.
  const double drawn = static_cast<double>(blocked + arrived - spared_through);
  const double share = static_cast<double>(blocked) / drawn;
  INFO("blocked share " << share << " of " << drawn);
  CHECK(std::abs(share - kShare) < 5 * std::sqrt(kShare * (1 - kShare) / drawn));

  // The target's own alarms: each window holds Poisson(lambda_M (1 - s) w) returns.
  const double p = below(5, kMixLoopRate * (1 - kShare) * kWindow);  // P(Pois(5) < 5) = 0.440
  std::uint64_t alarms = 0;
  const analysis::DetectionFigures f = detection.mixes();
  CHECK(f.disrupted_windows == 9 * 396);
  // The target alone alarms in a window with chance 0.44: none in the first 10 has chance 0.003.
  CHECK(f.time_to_detection_s > 0);
  CHECK(f.time_to_detection_s <= 50);
  CHECK(f.disrupted_alarms > 9 * 396 * 0.0293 + 100);
  // Alarms of the target alone, from the same returns, by the same threshold.
  std::vector<std::uint32_t> returns(396, 0);
  for (const core::HopRecord& r : records)
    if (r.event == HopEvent::Deliver && r.node == target && r.kind == core::TrafficKind::MixLoop && r.time >= sim::from_seconds(20)) {
      const auto w = static_cast<std::size_t>((r.time - sim::from_seconds(20)) / sim::from_seconds(kWindow));
      if (w < returns.size()) ++returns[w];
    }
  for (std::uint32_t n : returns) alarms += n < analysis::alarm_threshold(kMixLoopRate * kWindow, 0.05);
  const double measured = static_cast<double>(alarms) / 396;
  const double se = std::sqrt(p * (1 - p) / 396);
  INFO("target's alarm share " << measured << " against " << p << ", SE " << se);
  CHECK(std::abs(measured - p) < 5 * se);
  CHECK(std::abs(measured - below(5, kMixLoopRate * kWindow)) > 5 * se);  // not the rate without attack
}

TEST_CASE("loop detection: an outage loses every packet sent to the mix while it lasts, and raises alarms",
          "[oracle][detection]") {
  core::Scenario s = watched(23);
  s.horizon = 400;
  s.outage_mixes.mixes = {0};
  s.outage_start = 200;
  s.outage_duration = 50;
  const core::Topology t(s);
  const Watched run(s, t);
  const std::vector<core::HopRecord>& records = run.records.records;
  const analysis::LoopDetection& detection = run.analysis;
  const core::NodeId down = t.mix(0, 0);
  std::uint64_t lost = 0, arrived_during = 0;
  for (const core::HopRecord& r : records) {
    const bool during = r.time >= sim::from_seconds(200) && r.time < sim::from_seconds(250);
    if (r.event == HopEvent::Drop && r.reason == DropReason::Outage) {
      ++lost;
      REQUIRE(r.node == down);
      REQUIRE(during);
    }
    arrived_during += r.event == HopEvent::Arrive && r.node == down && during;
  }
  CHECK(lost > 100);
  CHECK(arrived_during == 0);
  const analysis::DetectionFigures f = detection.mixes();
  // Mix 0's own loops all vanish: its first window in the outage has no return (t = 5).
  CHECK(f.time_to_detection_s >= 0);
  CHECK(f.time_to_detection_s <= 5 + 1e-9);
  CHECK(f.first_alarm == down);
}

TEST_CASE("loop detection: an attacker that holds what it blocks delays each such packet once by its delay, and "
          "loses none",
          "[detection][adversary]") {
  core::Scenario s = watched(24);
  s.horizon = 300;
  s.block_mixes.mixes = {4};
  s.block_fraction = 1;
  s.block_start = 100;
  s.block_duration = 100;
  s.block_delay = 3;
  const core::Topology t(s);
  const core::NodeId target = t.mix(1, 1);
  const std::vector<core::HopRecord> records = test_support::run_and_record(s);
  std::map<std::uint64_t, sim::Time> sent_to_target;  // packet -> when it was put on a link to the target
  std::uint64_t held = 0, on_time = 0;
  for (const core::HopRecord& r : records) {
    REQUIRE_FALSE((r.event == HopEvent::Drop && r.reason == DropReason::Blocked));
    if ((r.event == HopEvent::Send || r.event == HopEvent::Depart) && r.peer == target) sent_to_target[r.packet] = r.time;
    if (r.event != HopEvent::Arrive || r.node != target) continue;
    const sim::Time sent = sent_to_target.at(r.packet);  // zero link latency: arrival at once, unless held
    const bool in_attack = sent >= sim::from_seconds(100) && sent < sim::from_seconds(200);
    REQUIRE(r.time - sent == (in_attack ? sim::from_seconds(3) : 0));
    (in_attack ? held : on_time) += 1;
  }
  CHECK(held > 1000);
  CHECK(on_time > 1000);
}

TEST_CASE("scenario: blocked and downed mixes and spared clients exist", "[detection][scenario]") {
  using test_support::problems_in;
  CHECK(problems_in(R"({"adversary": {"block": {"mixes": [9], "spare": [100]}}, "faults": {"outage": {"mixes": [10]}}})") ==
        std::vector<std::string>{
            "bad.json: /adversary/block/mixes/0: expected a mix index < /topology/layers * /topology/mixes_per_layer (9), got 9",
            "bad.json: /adversary/block/spare/0: expected a client index < /topology/clients (100), got 100",
            "bad.json: /faults/outage/mixes/0: expected a mix index < /topology/layers * /topology/mixes_per_layer (9), got 10"});
  CHECK(problems_in(R"({"adversary": {"block": {"fraction": 1.5}}})").size() == 1);
  CHECK(problems_in(R"({"detection": {"false_alarm": 0}})").size() == 1);
  CHECK(problems_in(R"({"detection": {"window": 0.000001, "clients": true}})") ==
        std::vector<std::string>{"bad.json: /detection/window: expected a number >= (/run/horizon - /run/warmup) * "
                                 "(/topology/layers * /topology/mixes_per_layer + /topology/clients) / 2^28 "
                                 "(0.00021927058696746826): the loop detectors keep a count per window, at most 2^28 "
                                 "of them, got 1e-06"});
  CHECK(problems_in(R"({"detection": {"window": 0.000001}})") ==
        std::vector<std::string>{"bad.json: /detection/window: expected a number >= (/run/horizon - /run/warmup) * "
                                 "/topology/layers * /topology/mixes_per_layer / 2^28 (1.8104910850524902e-05): the "
                                 "loop detectors keep a count per window, at most 2^28 of them, got 1e-06"});
}
