// The sender-level anonymity computed backward from the targets (analysis/sender_anonymity.h)
// against the forward label-vector method over senders (analysis/label_vector.h) on the same
// records: the same distributions, to 1e-12, with corrupt and replaying mixes and mix loops.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "analysis/label_vector.h"
#include "analysis/metrics.h"
#include "core/corrupt_mixes.h"
#include "../support/network_fixture.h"

namespace {

struct Forward {
  double entropy_bits, p_sender;
};

// Every delivered target's forward vector over senders (every client and mix a label).
std::map<std::uint64_t, Forward> forward(const core::Scenario& s, const core::Topology& t,
                                         const std::vector<core::HopRecord>& records) {
  analysis::LabelVectors vectors(t, s.provider_delay, core::corrupt_mixes(s));
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

}  // namespace

TEST_CASE("sender anonymity: backward from the targets equals the forward method to 1e-12", "[oracle][anonymity]") {
  struct Case {
    const char* what;
    void (*apply)(core::Scenario&);
  };
  const Case cases[] = {
      {"honest", [](core::Scenario&) {}},
      {"no provider delay", [](core::Scenario& s) { s.provider_delay = false; }},
      {"corrupt mixes", [](core::Scenario& s) { s.corrupt = {{{0, 3}}, -1}; }},
      {"a replaying mix", [](core::Scenario& s) { s.replay = {{1}}; }},
      {"sampled targets", [](core::Scenario& s) { s.anonymity_sample = 0.2; }},
  };
  for (const Case& c : cases) {
    core::Scenario s = test_support::small_scenario(9);
    s.anonymity_levels = {false, true};
    c.apply(s);
    const core::Topology t(s);
    const std::vector<core::HopRecord> records = test_support::run_and_record(s);
    const std::map<std::uint64_t, Forward> expected = forward(s, t, records);
    analysis::Metrics m(s, t);
    for (const core::HopRecord& r : records) m.on_hop(r);
    m.finish();
    const auto& delivered = m.sender_anonymity()->delivered();
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
    // stopping once its mass is placed, give the same numbers as one pass over them all (to
    // rounding: a pass's lazy scales start where it starts).
    analysis::SenderAnonymity batched(s, t, core::corrupt_mixes(s), 3 * t.nodes());
    for (const core::HopRecord& r : records) batched.on_hop(r);
    batched.finish();
    REQUIRE(batched.delivered().size() == delivered.size());
    for (std::size_t i = 0; i < delivered.size(); ++i) {
      CHECK(std::fabs(batched.delivered()[i].entropy_bits - delivered[i].entropy_bits) < 1e-12);
      CHECK(std::fabs(batched.delivered()[i].p_sender - delivered[i].p_sender) < 1e-12);
    }
    // Labels that could hold mass: the clients and the mixes (their loops) that sent.
    CHECK(m.sender_anonymity()->labels() == static_cast<std::uint32_t>(s.clients + s.layers * s.mixes_per_layer));
  }
}
