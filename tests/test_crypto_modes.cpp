// Real Sphinx in the network: the crypto-free mode is equivalent (the same records for the
// same seed, honest or under attack), misbehaving mixes are caught downstream in both modes,
// and the thread count changes nothing.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "support/network_fixture.h"

using core::CryptoMode;
using core::DropReason;
using core::HopEvent;

namespace {

core::Scenario crypto_scenario(CryptoMode mode) {
  core::Scenario s = test_support::small_scenario(3);
  s.crypto = mode;
  s.horizon = 20;
  s.warmup = 0;
  s.latency.distribution = core::LatencyDistribution::Exponential;
  s.latency.mean = 0.01;
  return s;
}

}  // namespace

TEST_CASE("crypto: a mix flipping payload bits gets every packet it forwards dropped as tagged", "[crypto][sphinx]") {
  for (CryptoMode mode : {CryptoMode::Sphinx, CryptoMode::None}) {
    core::Scenario s = crypto_scenario(mode);
    s.flip_payload.mixes = {0};  // layer 0, index 0
    core::Topology t(s);
    const auto records = test_support::run_and_record(s);
    std::set<std::uint64_t> tampered;
    std::map<std::uint64_t, DropReason> ended;  // packet -> how it ended (None: delivered)
    for (const auto& r : records) {
      if (r.event == HopEvent::Depart && r.node == t.mix(0, 0)) tampered.insert(r.packet);
      if (r.event == HopEvent::Drop) ended[r.packet] = r.reason;
      if (r.event == HopEvent::Deliver) ended[r.packet] = DropReason::None;
    }
    REQUIRE(tampered.size() > 100);
    int tagged = 0;
    for (std::uint64_t p : tampered) {
      auto e = ended.find(p);
      if (e == ended.end()) continue;  // still in flight at the horizon
      REQUIRE(e->second != DropReason::None);  // never delivered
      REQUIRE((e->second == DropReason::Tagged || e->second == DropReason::Cover));  // drops end at a provider
      if (e->second == DropReason::Tagged) ++tagged;
    }
    CHECK(tagged > 50);
    for (const auto& [packet, reason] : ended)  // nothing else is tagged
      if (reason == DropReason::Tagged) REQUIRE(tampered.count(packet));
  }
}

TEST_CASE("crypto: a mix replaying packets gets every copy dropped as a replay at the next hop", "[crypto][sphinx]") {
  for (CryptoMode mode : {CryptoMode::Sphinx, CryptoMode::None}) {
    core::Scenario s = crypto_scenario(mode);
    s.latency.distribution = core::LatencyDistribution::Constant;  // the copy arrives second
    s.latency.value = 0.005;
    s.replay.mixes = {3};  // layer 1, index 1
    core::Topology t(s);
    const auto records = test_support::run_and_record(s);
    // A copy: the mix's Send of a message it departed with at that same instant.
    std::map<std::uint64_t, sim::Time> departed;  // message -> when the mix forwarded it
    std::map<std::uint64_t, std::pair<core::NodeId, sim::Time>> copies;  // packet -> (next hop, sent)
    std::set<std::uint64_t> dropped_as_replay;
    for (const auto& r : records) {
      if (r.node == t.mix(1, 1) && r.event == HopEvent::Depart) departed[r.message] = r.time;
      if (r.node == t.mix(1, 1) && r.event == HopEvent::Send && departed.count(r.message) &&
          departed[r.message] == r.time)
        copies[r.packet] = {r.peer, r.time};
      if (r.event == HopEvent::Drop && r.reason == DropReason::Replay) {
        REQUIRE(copies.count(r.packet));
        REQUIRE(copies[r.packet].first == r.node);
        dropped_as_replay.insert(r.packet);
      }
    }
    CHECK(copies.size() > 100);
    for (const auto& [packet, hop_and_time] : copies)  // every copy is dropped, unless sent too late to arrive
      if (!dropped_as_replay.count(packet)) REQUIRE(hop_and_time.second > sim::from_seconds(s.horizon - 0.005));
  }
}

TEST_CASE("crypto: sphinx and none give the same records for the same seed, honest or with any adversary options",
          "[crypto][sphinx]") {
  // Three layers of two mixes (indices 0 to 5): no misbehaving mix, flipping and replaying
  // mixes in one layer, in every layer, and mixes doing both, with and without corrupt mixes.
  const std::vector<std::vector<int>> flips = {{}, {0}, {0, 2, 4}, {1, 3}};
  const std::vector<std::vector<int>> replays = {{}, {5}, {1, 3, 5}, {0, 2}};
  int tagged_after_two_flips = 0;
  for (const auto& flip : flips) {
    for (const auto& replay : replays) {
      for (bool corrupt : {false, true}) {
        std::vector<std::vector<core::HopRecord>> runs;
        for (CryptoMode mode : {CryptoMode::Sphinx, CryptoMode::None}) {
          core::Scenario s = crypto_scenario(mode);
          s.layers = 3;
          s.horizon = 8;
          s.flip_payload.mixes = flip;
          s.replay.mixes = replay;
          if (corrupt) s.corrupt.listed = {2, 5};
          runs.push_back(test_support::run_and_record(s));
        }
        INFO("flip " << flip.size() << " mixes, replay " << replay.size() << ", corrupt " << corrupt);
        REQUIRE(runs[0].size() > 1000);
        test_support::require_same_records(runs[0], runs[1]);
        if (flip.empty() && replay.empty())  // an honest network rejects nothing but cover
          for (const auto& r : runs[0])
            if (r.event == HopEvent::Drop) REQUIRE(r.reason == DropReason::Cover);
        if (flip.size() == 2)  // a route through mixes 1 and 3 is flipped twice: still tagged
          for (const auto& r : runs[1]) tagged_after_two_flips += r.event == HopEvent::Drop && r.reason == DropReason::Tagged;
      }
    }
  }
  CHECK(tagged_after_two_flips > 100);
}

TEST_CASE("crypto: the run is the same with 1, 2 and 3 threads for Sphinx work", "[crypto][sphinx]") {
  core::Scenario s = crypto_scenario(CryptoMode::Sphinx);
  s.replay.mixes = {1};  // worker threads must also leave replayed copies alone
  s.flip_payload.mixes = {2};
  std::vector<std::vector<core::HopRecord>> runs;
  for (int threads : {1, 2, 3}) {
    test_support::Recorder rec;
    core::Network net(s, rec, threads);
    net.run();
    runs.push_back(rec.records);
  }
  REQUIRE(runs[0].size() > 5000);
  test_support::require_same_records(runs[0], runs[1]);
  test_support::require_same_records(runs[0], runs[2]);
}
