// The sender-level anonymity computed backward from the targets (analysis/sender_anonymity.h)
// against the forward label-vector method over senders (analysis/label_vector.h) on the same
// records: the same distributions, to 1e-12, with corrupt, replaying and tagging mixes, mix
// loops and a link latency; and in both directions the targets' fates (delivered, dropped, in
// flight) as the records tell them.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <set>

#include "analysis/label_vector.h"
#include "analysis/metrics.h"
#include "core/config/corrupt_nodes.h"
#include "../support/network_fixture.h"

namespace {

struct Forward {
  double entropy_bits, p_sender;
};

// Every delivered target's forward vector over senders (every client and mix a label).
std::map<std::uint64_t, Forward> forward(const core::Scenario& s, const core::Topology& t,
                                         const std::vector<core::HopRecord>& records) {
  analysis::LabelVectors vectors(t, core::corrupt_mixes(s));
  std::map<std::uint64_t, core::NodeId> sender;  // payload messages by id
  std::map<std::uint64_t, Forward> out;
  for (const core::HopRecord& r : records) {
    if (r.event == core::HopEvent::Send && r.kind == core::TrafficKind::Payload && t.role(r.node) == core::Role::Client)
      sender[r.message] = r.node;
    const std::uint32_t label = t.role(r.node) == core::Role::Provider ? analysis::kNoLabel : r.node;
    vectors.on_hop(r, label, [&](const core::HopRecord& end, const analysis::LabelVector& v) {
      auto it = sender.find(end.message);
      if (end.event == core::HopEvent::Deliver && it != sender.end() && t.role(end.node) == core::Role::Provider)
        out[end.message] = {analysis::entropy_bits(v), analysis::mass(v, it->second)};
    });
  }
  return out;
}

struct Fates {
  std::uint64_t targets = 0, delivered = 0, dropped = 0, in_flight = 0;
};

// What became of the targets (chosen as the metric chooses them), read off the records: a
// replayed copy's drop is not the message's end.
Fates target_fates(const core::Scenario& s, const core::Topology& t, const std::vector<core::HopRecord>& records) {
  analysis::TargetChoice choice(s, t);
  std::set<std::uint64_t> open;
  Fates f;
  for (const core::HopRecord& r : records) {
    if (r.event == core::HopEvent::Send && t.role(r.node) == core::Role::Client &&
        choice.on_send(r) != analysis::TargetChoice::kNone)
      open.insert(r.message);
    const bool ends = r.event == core::HopEvent::Deliver && t.role(r.node) == core::Role::Provider;
    const bool dropped = r.event == core::HopEvent::Drop && r.reason != core::DropReason::Replay;
    if ((ends || dropped) && open.erase(r.message)) ++(ends ? f.delivered : f.dropped);
  }
  f.targets = choice.chosen();
  f.in_flight = open.size();
  return f;
}

}  // namespace

TEST_CASE("sender anonymity: the direction taken is the cheaper by the scenario's rates", "[anonymity]") {
  // Backward costs the targets of a cone's reach, ln(1/1e-18)/mu = 41.4/mu seconds of them;
  // forward at most the labels (clients and mixes).
  core::Scenario s = test_support::small_scenario(1);  // 10 clients sending 1 real message/s, mu = 5: 83 > 14
  const core::Topology t(s);
  using analysis::SenderAnonymity;
  CHECK(SenderAnonymity::cheaper(s, t) == SenderAnonymity::Direction::Forward);
  s.anonymity_sample = 0.1;  // 8.3 < 14
  CHECK(SenderAnonymity::cheaper(s, t) == SenderAnonymity::Direction::Backward);
  s.anonymity_sample = 1;
  s.anonymity_targets = 20;  // 20 targets over 50 s
  CHECK(SenderAnonymity::cheaper(s, t) == SenderAnonymity::Direction::Backward);
}

TEST_CASE("sender anonymity: backward from the targets equals the forward method to 1e-12", "[oracle][anonymity]") {
  struct Case {
    const char* what;
    void (*apply)(core::Scenario&);
  };
  const Case cases[] = {
      {"honest", [](core::Scenario&) {}},
      {"no provider delay", [](core::Scenario& s) { s.provider_delay = false; }},
      {"corrupt mixes", [](core::Scenario& s) { s.corrupt = {{{0, 3}, -1}}; }},
      {"a replaying mix", [](core::Scenario& s) { s.replay = {{1}}; }},
      {"a mix flipping payloads", [](core::Scenario& s) { s.flip_payload = {{2}}; }},
      {"sampled targets", [](core::Scenario& s) { s.anonymity_sample = 0.2; }},
      // Other records come between a packet's Leave and its next Enter: rows are carried.
      {"a link latency", [](core::Scenario& s) { s.latency = {core::LatencyDistribution::Exponential, 0, 0.05}; }},
  };
  for (const Case& c : cases) {
    core::Scenario s = test_support::small_scenario(9);
    s.anonymity_levels = {false, true};
    c.apply(s);
    const core::Topology t(s);
    const std::vector<core::HopRecord> records = test_support::run_and_record(s);
    const std::map<std::uint64_t, Forward> expected = forward(s, t, records);
    analysis::SenderAnonymity backward(s, t, core::corrupt_mixes(s), analysis::SenderAnonymity::Direction::Backward);
    for (const core::HopRecord& r : records) backward.on_hop(r);
    backward.finish();
    const auto& delivered = backward.delivered();
    INFO(c.what);
    REQUIRE(delivered.size() > 50);
    double largest = 0;
    for (const analysis::DeliveredTarget& d : delivered) {
      REQUIRE(expected.count(d.message) == 1);
      const Forward& f = expected.at(d.message);
      largest = std::max({largest, std::fabs(d.entropy_bits - f.entropy_bits), std::fabs(d.p_sender - f.p_sender)});
    }
    INFO("largest difference " << largest);
    CHECK(largest < 1e-12);
    // Reverse passes over batches of 3 targets, each starting at its last delivery and
    // stopping once its mass is placed, give the same numbers as the default batches of up
    // to 128 (to rounding: a pass's lazy scales start where it starts).
    analysis::SenderAnonymity batched(s, t, core::corrupt_mixes(s), analysis::SenderAnonymity::Direction::Backward, 3);
    for (const core::HopRecord& r : records) batched.on_hop(r);
    batched.finish();
    REQUIRE(batched.delivered().size() == delivered.size());
    for (std::size_t i = 0; i < delivered.size(); ++i) {
      CHECK(std::fabs(batched.delivered()[i].entropy_bits - delivered[i].entropy_bits) < 1e-12);
      CHECK(std::fabs(batched.delivered()[i].p_sender - delivered[i].p_sender) < 1e-12);
    }
    // The forward direction, which the metric takes when it is the cheaper, gives them too.
    analysis::SenderAnonymity forward(s, t, core::corrupt_mixes(s), analysis::SenderAnonymity::Direction::Forward);
    for (const core::HopRecord& r : records) forward.on_hop(r);
    forward.finish();
    REQUIRE(forward.delivered().size() == delivered.size());
    CHECK_FALSE(forward.backward());
    for (std::size_t i = 0; i < delivered.size(); ++i)
      CHECK(std::fabs(forward.delivered()[i].entropy_bits - delivered[i].entropy_bits) < 1e-12);
    // Labels that could hold mass: the clients and the mixes (their loops) that sent.
    CHECK(backward.labels() == static_cast<std::uint32_t>(s.clients + s.layers * s.mixes_per_layer));
    CHECK(forward.labels() == backward.labels());
    // The targets' fates, from the records: dropped (not as a replayed copy) or in flight.
    const Fates fates = target_fates(s, t, records);
    for (const analysis::SenderAnonymity* a : {&backward, &forward}) {
      CHECK(a->targets() == fates.targets);
      CHECK(a->delivered().size() == fates.delivered);
      CHECK(a->dropped() == fates.dropped);
      CHECK(a->in_flight() == fates.in_flight);
    }
    if (s.flip_payload.mixes.size() > 0) CHECK(fates.dropped > 10);
  }
}
