// The run summary's counts against the trace they summarise: per kind, the cohort of packets
// sent at or after the warm-up and what became of each (delivered, fetched, dropped by
// reason, still in flight), and per node the hop events from the warm-up to the horizon.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "analysis/run_summary.h"
#include "support/network_fixture.h"

using core::HopEvent;
using core::TrafficKind;

namespace {

// What the trace says about one kind's cohort, each packet followed from its Send record.
struct Cohort {
  std::set<std::uint64_t> open;  // sent, not yet delivered nor dropped
  std::uint64_t sent = 0, delivered = 0, fetched = 0;
  std::map<core::DropReason, std::uint64_t> dropped;
  double latency_sum = 0;
};

}  // namespace

TEST_CASE("run summary: every count of the cohort and of the nodes is the trace's", "[network]") {
  // Link latency and a mix flipping payloads, so that packets are in flight at the horizon
  // and dropped for two reasons (cover, tagged).
  core::Scenario s = test_support::small_scenario(14);
  s.latency.distribution = core::LatencyDistribution::Exponential;
  s.latency.mean = 0.02;
  s.flip_payload = {{0}};
  const core::Topology t(s);
  const sim::Time warmup = sim::from_seconds(s.warmup), horizon = sim::from_seconds(s.horizon);
  test_support::Recorder recorder;
  analysis::RunSummary summary(t.nodes(), warmup, horizon);
  core::ObserverList observers;
  observers.add(recorder);
  observers.add(summary);
  core::Network net(s, observers);
  net.run();

  std::map<TrafficKind, Cohort> cohorts;
  std::set<std::uint64_t> cohort_packets;
  std::vector<analysis::NodeFigures> nodes(t.nodes());
  std::uint64_t before_warmup_ended_after = 0;  // packets of no cohort whose end is counted nowhere
  for (const core::HopRecord& r : recorder.records) {
    if (r.time >= warmup && r.time <= horizon) {
      analysis::NodeFigures& n = nodes[r.node];
      n.sent += r.event == HopEvent::Send;
      n.arrived += r.event == HopEvent::Arrive;
      n.departed += r.event == HopEvent::Depart;
      n.delivered += r.event == HopEvent::Deliver;
      n.fetched += r.event == HopEvent::Fetch;
      n.dropped += r.event == HopEvent::Drop;
    }
    Cohort& c = cohorts[r.kind];
    if (r.event == HopEvent::Send && r.time >= warmup) {
      cohort_packets.insert(r.packet);
      c.open.insert(r.packet);
      ++c.sent;
    }
    if (!cohort_packets.count(r.packet)) {
      before_warmup_ended_after += r.time >= warmup && (r.event == HopEvent::Deliver || r.event == HopEvent::Drop);
      continue;
    }
    if (r.event == HopEvent::Deliver) {
      c.open.erase(r.packet);
      ++c.delivered;
      c.latency_sum += sim::to_seconds(r.time - r.sent);
    }
    if (r.event == HopEvent::Fetch) ++c.fetched;
    if (r.event == HopEvent::Drop) {
      c.open.erase(r.packet);
      ++c.dropped[r.reason];
    }
  }
  // The cohort is told by the send time: packets sent before the warm-up end after it too.
  CHECK(before_warmup_ended_after > 10);

  for (TrafficKind kind : {TrafficKind::Payload, TrafficKind::Loop, TrafficKind::Drop, TrafficKind::MixLoop,
                           TrafficKind::Dummy}) {
    const Cohort& c = cohorts[kind];
    const analysis::KindFigures& k = summary.kind(kind);
    INFO("kind " << core::name(kind));
    CHECK(c.sent > 100);
    CHECK(k.sent == c.sent);
    CHECK(k.delivered == c.delivered);
    CHECK(k.fetched == c.fetched);
    for (int reason = 0; reason < core::kDropReasons; ++reason) {
      const auto it = c.dropped.find(static_cast<core::DropReason>(reason));
      CHECK(k.dropped[static_cast<std::size_t>(reason)] == (it == c.dropped.end() ? 0 : it->second));
    }
    CHECK(k.in_flight() == c.open.size());
    CHECK(k.latency.count() == c.delivered);
    if (c.delivered > 0) CHECK(k.latency.mean_seconds() == Approx(c.latency_sum / c.delivered).epsilon(1e-9));
  }
  CHECK(cohorts[TrafficKind::Payload].dropped[core::DropReason::Tagged] > 10);
  CHECK(cohorts[TrafficKind::Drop].dropped[core::DropReason::Cover] > 100);
  CHECK(cohorts[TrafficKind::Payload].open.size() > 0);
  for (core::NodeId n = 0; n < t.nodes(); ++n) {
    INFO("node " << n);
    const analysis::NodeFigures& got = summary.node(n);
    CHECK(got.sent == nodes[n].sent);
    CHECK(got.arrived == nodes[n].arrived);
    CHECK(got.departed == nodes[n].departed);
    CHECK(got.delivered == nodes[n].delivered);
    CHECK(got.fetched == nodes[n].fetched);
    CHECK(got.dropped == nodes[n].dropped);
  }
}
