// Key epochs (core/model/key_epochs.h): a node holds the current and, during the grace period, the
// previous epoch's key; later packets of the previous epoch are dropped as expired, older
// ones fail the MAC; replay tags are kept for two epochs only. Both packet formats agree.
#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "core/model/epoch_replay_cache.h"
#include "support/network_fixture.h"

using core::DropReason;
using core::HopEvent;

TEST_CASE("epochs: a replay cache keeps the tags of two epochs and forgets older ones", "[epochs]") {
  core::EpochReplayCache seen;
  CHECK(seen.of(0).insert(7));
  CHECK(seen.of(1).insert(7));   // another epoch's tags are apart
  CHECK_FALSE(seen.of(0).insert(7));  // epoch 0 still held beside epoch 1
  CHECK_FALSE(seen.of(1).insert(7));
  CHECK(seen.of(2).insert(7));   // epoch 2 takes epoch 0's place: its tags are gone
  CHECK(seen.of(2).size() == 1);
  CHECK_FALSE(seen.of(1).insert(7));  // epoch 1 is still there
  const core::KeyEpochs e{sim::from_seconds(5), sim::from_seconds(0.5)};
  CHECK(e.at(sim::from_seconds(4.999)) == 0);
  CHECK(e.at(sim::from_seconds(5)) == 1);
  CHECK(e.in_grace(sim::from_seconds(10.4)));
  CHECK_FALSE(e.in_grace(sim::from_seconds(10.5)));
  CHECK_FALSE(core::KeyEpochs{}.in_grace(sim::from_seconds(3)));
  CHECK(e.count(sim::from_seconds(20)) == 5);
  CHECK(core::KeyEpochs{}.at(sim::from_seconds(1e6)) == 0);
}

namespace {

core::Scenario epoch_scenario(core::CryptoMode mode, double grace) {
  core::Scenario s = test_support::small_scenario(8);
  s.crypto = mode;
  s.horizon = 30;
  s.warmup = 0;
  s.mu = 2;  // routes of about 2 s (4 delays of 0.5 s) against epochs of 4 s
  s.epoch_length = 4;
  s.epoch_grace = grace;
  s.latency.distribution = core::LatencyDistribution::Exponential;
  s.latency.mean = 0.01;
  return s;
}

}  // namespace

TEST_CASE("epochs: a packet is accepted in its own epoch and the next one's grace period, else dropped",
          "[epochs][crypto][sphinx]") {
  // Every packet is built at its Send for the keys of that epoch (floor(sent / 4 s)). At an
  // arrival in the same epoch it is processed; in the next epoch before the grace ends too;
  // in the next epoch after the grace it is dropped as expired; later still, no key of the
  // node verifies it (mac). Both formats give the same records.
  const auto plain = test_support::run_and_record(epoch_scenario(core::CryptoMode::None, 0.3));
  const auto sphinx = test_support::run_and_record(epoch_scenario(core::CryptoMode::Sphinx, 0.3));
  REQUIRE(plain.size() == sphinx.size());
  for (std::size_t i = 0; i < plain.size(); ++i) {
    INFO("record " << i);
    REQUIRE(plain[i].time == sphinx[i].time);
    REQUIRE(plain[i].packet == sphinx[i].packet);
    REQUIRE(plain[i].event == sphinx[i].event);
    REQUIRE(plain[i].reason == sphinx[i].reason);
  }
  const sim::Time length = sim::from_seconds(4), grace = sim::from_seconds(0.3);
  std::map<std::string, int> seen;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    const core::HopRecord& r = plain[i];
    if (r.event != HopEvent::Arrive || r.kind == core::TrafficKind::Dummy) continue;
    // What the node did with it: the next record of this packet at this node and time.
    const core::HopRecord* next = i + 1 < plain.size() && plain[i + 1].packet == r.packet ? &plain[i + 1] : nullptr;
    const DropReason outcome = next && next->event == HopEvent::Drop ? next->reason : DropReason::None;
    const std::int64_t age = r.time / length - r.sent / length;  // epochs since it was built
    INFO("packet " << r.packet << " sent " << r.sent << " arrived " << r.time);
    if (age == 0 || (age == 1 && r.time % length < grace)) {
      CHECK((outcome == DropReason::None || outcome == DropReason::Cover));
      seen[age == 0 ? "same epoch" : "in grace"]++;
    } else if (age == 1) {
      CHECK(outcome == DropReason::Expired);
      seen["expired"]++;
    } else {
      CHECK(outcome == DropReason::Mac);
      seen["older"]++;
    }
  }
  CHECK(seen["same epoch"] > 1000);
  CHECK(seen["in grace"] > 10);
  CHECK(seen["expired"] > 10);
  // A grace nearly as long as an epoch leaves far fewer packets expired.
  std::map<DropReason, int> longer;
  for (const auto& r : test_support::run_and_record(epoch_scenario(core::CryptoMode::None, 3.9)))
    if (r.event == HopEvent::Drop) longer[r.reason]++;
  CHECK(longer[DropReason::Expired] < seen["expired"] / 5);
}
