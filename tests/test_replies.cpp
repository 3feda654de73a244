// Replies with single-use reply blocks (/replies/...): the two packet formats give the same
// run with replies and acknowledgements, under attack too; every answer goes back, written
// from the block its message carried, to that message's sender; acknowledgements leave at
// once; the share of messages answered is the class's probability; and a payload too small
// for a block is a scenario error.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "analysis/metrics.h"
#include "support/network_fixture.h"
#include "support/scenario_problems.h"

using core::HopEvent;
using core::TrafficKind;

namespace {

// Clients 0 to 4 ask for a reply with probability 1/2, clients 5 to 9 for an acknowledgement always.
core::Scenario reply_scenario(core::CryptoMode mode, std::uint64_t seed = 5) {
  core::Scenario s = test_support::small_scenario(seed);
  s.crypto = mode;
  core::ClientClass asks{"asks", 5, -1, s.profile()}, acks{"acks", 5, -1, s.profile()};
  asks.profile.reply_probability = 0.5;
  acks.profile.reply_probability = 1;
  acks.profile.reply_ack = true;
  s.classes = {asks, acks};
  return s;
}

}  // namespace

TEST_CASE("replies: sphinx and none give the same records with reply blocks, honest or with misbehaving mixes",
          "[replies][crypto]") {
  for (const std::vector<int>& flip : {std::vector<int>{}, std::vector<int>{0}}) {
    for (const std::vector<int>& replay : {std::vector<int>{}, std::vector<int>{1}}) {
      std::vector<std::vector<core::HopRecord>> runs;
      for (core::CryptoMode mode : {core::CryptoMode::Sphinx, core::CryptoMode::None}) {
        core::Scenario s = reply_scenario(mode);
        s.horizon = 30;
        s.flip_payload.mixes = flip;
        s.replay.mixes = replay;
        runs.push_back(test_support::run_and_record(s));
      }
      INFO("flip " << flip.size() << ", replay " << replay.size());
      test_support::require_same_records(runs[0], runs[1]);
      std::size_t answers_fetched = 0, answers_tagged = 0;
      for (const core::HopRecord& r : runs[0]) {
        const bool answer = r.kind == TrafficKind::Reply || r.kind == TrafficKind::Ack;
        answers_fetched += answer && r.event == HopEvent::Fetch;
        answers_tagged += answer && r.event == HopEvent::Drop && r.reason == core::DropReason::Tagged;
      }
      CHECK(answers_fetched > 20);
      if (!flip.empty()) CHECK(answers_tagged > 0);  // answers cross the flipping mixes too
    }
  }
}

TEST_CASE("replies: with nodes that drop arrivals from full queues, Sphinx on 1 and 3 threads gives the crypto-free run",
          "[replies][crypto]") {
  // A dropped arrival leaves its prefetched unwrapping behind; the slot's next packet, built
  // outside the worker pool when it carries a block or answers one, must not take it.
  std::vector<std::vector<core::HopRecord>> runs;
  for (const auto& [mode, threads] : {std::pair{core::CryptoMode::None, 1}, std::pair{core::CryptoMode::Sphinx, 1},
                                      std::pair{core::CryptoMode::Sphinx, 3}}) {
    core::Scenario s = reply_scenario(mode, 9);
    s.horizon = 15;
    s.service_time = {core::LatencyDistribution::Exponential, 0, 0.02};
    s.queue_limit = 1;
    test_support::Recorder rec;
    core::Network net(s, rec, threads);
    net.run();
    runs.push_back(rec.records);
  }
  std::size_t overflows = 0;
  for (const core::HopRecord& r : runs[0]) overflows += r.event == HopEvent::Drop && r.reason == core::DropReason::Overflow;
  CHECK(overflows > 50);
  test_support::require_same_records(runs[0], runs[1]);
  test_support::require_same_records(runs[0], runs[2]);
}

TEST_CASE("replies: each answer goes from a message's recipient back to its sender, acknowledgements at once, in "
          "the share the class asks for",
          "[replies][statistical]") {
  core::Scenario s = reply_scenario(core::CryptoMode::None, 11);
  s.horizon = 90;
  s.pull_messages = 10;  // inboxes that never fill up: every extra wait is in a send buffer
  const core::Topology t(s);
  const std::vector<core::HopRecord> records = test_support::run_and_record(s);
  const sim::Time horizon = sim::from_seconds(s.horizon);
  struct Packet {
    core::NodeId sender = core::kNoNode, fetched_by = core::kNoNode;
    sim::Time fetched = -1;
  };
  std::map<std::uint64_t, Packet> payloads;           // by packet
  std::map<std::uint64_t, core::HopRecord> created;   // answers, by message
  std::size_t fetched_from[2] = {0, 0}, answered[2] = {0, 0}, answers_home = 0;
  double round_trip_sum[2] = {0, 0}, round_trips[2] = {0, 0};  // of the cohort: messages sent after the warm-up
  for (const core::HopRecord& r : records) {
    const bool answer = r.kind == TrafficKind::Reply || r.kind == TrafficKind::Ack;
    if (r.kind == TrafficKind::Payload && r.event == HopEvent::Send) payloads[r.packet].sender = r.node;
    if (r.kind == TrafficKind::Payload && r.event == HopEvent::Fetch) {
      Packet& p = payloads.at(r.packet);
      p.fetched_by = r.node;
      p.fetched = r.time;
      if (r.time <= horizon) ++fetched_from[t.index(p.sender) < 5 ? 0 : 1];
    }
    if (answer && r.event == HopEvent::Create) {
      // Made by the recipient of the packet it answers, when it fetched it, for that packet's sender.
      const Packet& p = payloads.at(r.packet);
      REQUIRE(r.node == p.fetched_by);
      REQUIRE(r.time == p.fetched);
      REQUIRE(r.peer == p.sender);
      REQUIRE(r.kind == (t.index(p.sender) < 5 ? TrafficKind::Reply : TrafficKind::Ack));
      ++answered[t.index(p.sender) < 5 ? 0 : 1];
      created[r.message] = r;
    }
    if (answer && r.event == HopEvent::Send) {
      const core::HopRecord& c = created.at(r.message);
      REQUIRE(r.node == c.node);
      if (r.kind == TrafficKind::Ack) REQUIRE(r.time == c.time);  // at once
      REQUIRE(r.time >= c.time);
    }
    if (answer && r.event == HopEvent::Fetch) {
      const core::HopRecord& c = created.at(r.message);
      REQUIRE(r.node == c.peer);  // back at the asker
      ++answers_home;
      if (c.sent >= sim::from_seconds(s.warmup)) {
        const int k = r.kind == TrafficKind::Ack ? 1 : 0;
        round_trip_sum[k] += sim::to_seconds(r.time - c.sent);
        ++round_trips[k];
      }
    }
  }
  // Every message of the ack class fetched by the horizon is acknowledged; about half of the
  // ask class's messages get a reply (5 standard errors of a binomial share).
  CHECK(answered[1] == fetched_from[1]);
  REQUIRE(fetched_from[0] > 300);
  const double share = static_cast<double>(answered[0]) / static_cast<double>(fetched_from[0]);
  CHECK(std::fabs(share - 0.5) < 5 * std::sqrt(0.25 / static_cast<double>(fetched_from[0])));
  CHECK(answers_home > (answered[0] + answered[1]) * 8 / 10);

  // The figures: round trips from the answered message's send to the answer's fetch.
  analysis::Metrics metrics(s, t);
  for (const core::HopRecord& r : records) metrics.on_hop(r);
  metrics.finish();
  REQUIRE(metrics.replies() != nullptr);
  const analysis::ReplyFigures::Figures* figures[2] = {&metrics.replies()->reply(), &metrics.replies()->ack()};
  for (int k = 0; k < 2; ++k) {
    REQUIRE(round_trips[k] > 100);
    CHECK(figures[k]->round_trip.count() == round_trips[k]);
    CHECK(figures[k]->round_trip.mean_seconds() == Approx(round_trip_sum[k] / round_trips[k]).epsilon(1e-9));
  }
  // A reply waits in its sender's buffer, an acknowledgement does not: replies take longer.
  CHECK(figures[0]->round_trip.mean_seconds() > figures[1]->round_trip.mean_seconds());
}

TEST_CASE("replies: a payload too small for a reply block is a scenario error", "[replies]") {
  // 5 hops: a block is 208 + 1 + 5 x 128 = 849 bytes, with its 9-byte marker and the 16-byte prefix 874.
  CHECK(test_support::problems_in(R"({"replies": {"probability": 0.1}, "sphinx": {"payload_size": 800}})") ==
        std::vector<std::string>{"bad.json: /sphinx/payload_size: expected at least 874 bytes, as messages carry reply "
                                 "blocks (/replies/probability > 0) of 849 bytes for 5 hops, got 800"});
  CHECK(test_support::problems_in(R"({"replies": {"probability": 0.1}, "sphinx": {"payload_size": 874}})").empty());
}
