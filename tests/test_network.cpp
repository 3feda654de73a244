// The Loopix network model end to end: conservation of packets, pulls of exactly K
// messages, drops that never reach an inbox, replay detection, and stream independence.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "core/model/event_kind.h"
#include "core/model/topology/route_builder.h"
#include "support/network_fixture.h"

using core::HopEvent;
using core::TrafficKind;
using test_support::Recorder;
using test_support::small_scenario;

TEST_CASE("network: every packet created is delivered, dropped with a reason, or in flight", "[network]") {
  core::Scenario s = small_scenario();
  s.latency.distribution = core::LatencyDistribution::Exponential;
  s.latency.mean = 0.02;
  Recorder rec;
  core::Network net(s, rec);
  net.run();

  std::set<std::uint64_t> open;  // created, not yet ended
  std::map<TrafficKind, int> created;
  for (const auto& r : rec.records) {
    if (r.event == HopEvent::Send && r.peer != core::kNoNode && net.topology().role(r.node) != core::Role::Provider) {
      REQUIRE(open.insert(r.packet).second);
      ++created[r.kind];
    } else if (r.event == HopEvent::Send) {  // a provider's dummy
      REQUIRE(r.kind == TrafficKind::Dummy);
      REQUIRE(open.insert(r.packet).second);
    } else if (r.event == HopEvent::Deliver || r.event == HopEvent::Drop) {
      REQUIRE(open.erase(r.packet) == 1);
      if (r.event == HopEvent::Drop) REQUIRE(r.reason != core::DropReason::None);
    } else {
      REQUIRE(r.time <= sim::from_seconds(s.horizon));
    }
  }
  for (TrafficKind k : {TrafficKind::Payload, TrafficKind::Loop, TrafficKind::Drop, TrafficKind::MixLoop})
    CHECK(created[k] > 100);
  std::vector<std::uint64_t> still_open(open.begin(), open.end());
  CHECK(still_open == net.packets_in_flight());
  CHECK_FALSE(still_open.empty());  // with link latency and delays, some are in flight at the horizon
}

TEST_CASE("network: every pull answer holds exactly K messages, real ones first in FIFO order", "[network]") {
  core::Scenario s = small_scenario();
  s.pull_messages = 2;
  s.workload_rate = 1;  // about one message per client per 1 s pull: some answers full, some padded
  const auto records = test_support::run_and_record(s);
  core::Topology t(s);
  // A pull answer: the provider's Departs (real) and Sends (dummies) to one client at one time.
  std::map<std::tuple<sim::Time, core::NodeId, core::NodeId>, std::vector<TrafficKind>> answers;
  std::map<core::NodeId, std::vector<std::uint64_t>> stored, fetched;  // per client, in order
  for (const auto& r : records) {
    const bool to_client = r.peer != core::kNoNode && t.role(r.peer) == core::Role::Client;
    if (t.role(r.node) == core::Role::Provider && to_client && (r.event == HopEvent::Depart || r.event == HopEvent::Send))
      answers[{r.time, r.node, r.peer}].push_back(r.kind);
    if (r.event == HopEvent::Deliver && t.role(r.node) == core::Role::Provider) stored[r.peer].push_back(r.packet);
    if (r.event == HopEvent::Fetch) fetched[r.node].push_back(r.packet);
  }
  int all_real = 0, padded = 0;
  for (const auto& [key, kinds] : answers) {
    REQUIRE(kinds.size() == 2);
    // Real messages come before dummies.
    REQUIRE_FALSE((kinds[0] == TrafficKind::Dummy && kinds[1] != TrafficKind::Dummy));
    if (kinds[1] != TrafficKind::Dummy) ++all_real;
    if (kinds[1] == TrafficKind::Dummy) ++padded;
  }
  CHECK(all_real > 50);
  CHECK(padded > 50);
  for (const auto& [client, ids] : fetched) {  // fetched in the order stored (a prefix of it)
    const auto& in = stored[client];
    REQUIRE(ids.size() <= in.size());
    REQUIRE(std::equal(ids.begin(), ids.end(), in.begin()));
  }
}

TEST_CASE("network: drop messages never reach an inbox and end at a provider as cover", "[network]") {
  const core::Scenario s = small_scenario();
  const auto records = test_support::run_and_record(s);
  core::Topology t(s);
  int cover_drops = 0;
  for (const auto& r : records) {
    if (r.kind != TrafficKind::Drop) continue;
    REQUIRE(r.event != HopEvent::Deliver);
    REQUIRE(r.event != HopEvent::Fetch);
    if (r.event == HopEvent::Drop) {
      REQUIRE(r.reason == core::DropReason::Cover);
      REQUIRE(t.role(r.node) == core::Role::Provider);
      ++cover_drops;
    }
  }
  CHECK(cover_drops > 100);
}

TEST_CASE("network: a replayed packet is dropped at the mix, the original goes through", "[network]") {
  core::Scenario s = small_scenario();
  s.payload_rate = s.loop_rate = s.drop_rate = s.mix_loop_rate = s.workload_rate = 0;
  s.warmup = 0;
  Recorder rec;
  core::Network net(s, rec);
  const core::Topology& t = net.topology();
  // A packet at mix (1, 0): relay to provider 0 after 1 s, then into client 0's inbox.
  core::Route route;
  route.first = t.mix(1, 0);
  route.push({core::HopFlag::Relay, t.provider(0), sim::from_seconds(1.0)});
  route.push({core::HopFlag::Dest, t.client(0), 0});
  std::vector<std::uint8_t> bytes(net.format().packet_size());
  auto rng = sim::RandomStream::derive(1, 2, 3);
  const std::uint64_t message = 1ull << 40;  // far from the ids the network gives its dummies
  net.format().build(route, 0, message, bytes, rng);  // numbered apart from the network's own packets
  net.inject(t.mix(0, 0), t.mix(1, 0), bytes, TrafficKind::Payload, message);
  net.inject(t.mix(0, 0), t.mix(1, 0), bytes, TrafficKind::Payload, message);  // the adversary's copy
  net.run();

  std::vector<std::pair<HopEvent, core::DropReason>> at_mix;
  int delivered = 0;
  for (const auto& r : rec.records) {
    if (r.node == t.mix(1, 0)) at_mix.push_back({r.event, r.reason});
    if (r.event == HopEvent::Deliver && r.message == message) ++delivered;
  }
  using R = core::DropReason;
  CHECK(at_mix == std::vector<std::pair<HopEvent, R>>{{HopEvent::Arrive, R::None},
                                                      {HopEvent::Enter, R::None},
                                                      {HopEvent::Arrive, R::None},
                                                      {HopEvent::Drop, R::Replay},
                                                      {HopEvent::Leave, R::None},
                                                      {HopEvent::Depart, R::None}});
  CHECK(delivered == 1);
}

TEST_CASE("network: adding a client leaves the other clients' draws unchanged", "[network][random]") {
  core::Scenario s = small_scenario();
  s.recipients = {0, 1, 2};  // keeps recipient draws comparable across client counts
  core::Scenario bigger = s;
  bigger.clients = s.clients + 1;
  auto sends_of_clients = [](const core::Scenario& sc, int count) {
    core::Topology t(sc);
    std::vector<std::tuple<core::NodeId, sim::Time, TrafficKind, std::uint64_t>> sends;
    for (const auto& r : test_support::run_and_record(sc))
      if (r.event == HopEvent::Send && t.role(r.node) == core::Role::Client && t.index(r.node) < count)
        sends.emplace_back(r.node, r.time, r.kind, r.peer);
    std::sort(sends.begin(), sends.end());
    return sends;
  };
  const auto base = sends_of_clients(s, s.clients);
  REQUIRE(base.size() > 1000);
  CHECK(sends_of_clients(bigger, s.clients) == base);
}

TEST_CASE("network: routes take one mix per layer and carry the scenario's delays", "[network]") {
  core::Scenario s = small_scenario();
  core::Topology t(s);
  core::RouteBuilder routes(s, t);
  auto rng = sim::RandomStream::derive(3, 3, 3);
  core::Route r = routes.client_route(t.provider(0), t.provider(1), {core::HopFlag::Dest, t.client(1), 0}, rng);
  REQUIRE(r.length == 4);  // ingress, 2 mixes, egress
  CHECK(r.first == t.provider(0));
  CHECK(t.layer_of_mix(r.hops[0].next) == 0);
  CHECK(t.layer_of_mix(r.hops[1].next) == 1);
  CHECK(r.hops[2].next == t.provider(1));
  CHECK(r.hops[3].flag == core::HopFlag::Dest);
  CHECK(r.hops[3].next == t.client(1));
  for (int i = 0; i < 3; ++i) CHECK(r.hops[i].delay > 0);

  s.provider_delay = false;
  core::RouteBuilder no_ingress_delay(s, t);
  r = no_ingress_delay.client_route(t.provider(0), t.provider(1), {core::HopFlag::Drop, core::kNoNode, 0}, rng);
  CHECK(r.hops[0].delay == 0);
  CHECK(no_ingress_delay.client_delaying_hops() == 2);

  core::Route loop = routes.mix_loop(t.mix(1, 1), rng);  // layer 1 of 2: provider, layer 0, back
  REQUIRE(loop.length == 3);
  CHECK(t.role(loop.first) == core::Role::Provider);
  CHECK(t.layer_of_mix(loop.hops[0].next) == 0);
  CHECK(loop.hops[1].next == t.mix(1, 1));
  CHECK(loop.hops[2].flag == core::HopFlag::Dest);
  CHECK(loop.hops[2].next == t.mix(1, 1));
}

namespace {

// For every arrival, the time since the packet left the previous node (Send or Depart).
std::vector<double> link_latencies(const core::Scenario& s) {
  std::map<std::uint64_t, sim::Time> left;  // packet -> when it was put on a link
  std::vector<double> latencies;
  for (const auto& r : test_support::run_and_record(s)) {
    if (r.event == HopEvent::Send || r.event == HopEvent::Depart) left[r.packet] = r.time;
    if (r.event == HopEvent::Arrive) latencies.push_back(sim::to_seconds(r.time - left.at(r.packet)));
  }
  return latencies;
}

}  // namespace

TEST_CASE("links: constant latency delays every hop by exactly its value", "[network]") {
  core::Scenario s = small_scenario();
  s.latency.distribution = core::LatencyDistribution::Constant;
  s.latency.value = 0.0125;
  const auto latencies = link_latencies(s);
  REQUIRE(latencies.size() > 1000);
  for (double l : latencies) REQUIRE(l == Approx(0.0125).margin(1e-12));
}

TEST_CASE("links: uniform latency stays between min and max with mean (min + max) / 2", "[network][statistical]") {
  core::Scenario s = small_scenario();
  s.latency.distribution = core::LatencyDistribution::Uniform;
  s.latency.min = 0.01;
  s.latency.max = 0.03;
  const auto latencies = link_latencies(s);
  REQUIRE(latencies.size() > 1000);
  double mean = 0;
  for (double l : latencies) {
    REQUIRE(l >= 0.01 - 1e-9);
    REQUIRE(l <= 0.03 + 1e-9);
    mean += l / static_cast<double>(latencies.size());
  }
  const double se = 0.02 / std::sqrt(12.0) / std::sqrt(static_cast<double>(latencies.size()));
  CHECK(std::fabs(mean - 0.02) < 5 * se);
}

TEST_CASE("links: exponential latency has the configured mean", "[network][statistical]") {
  core::Scenario s = small_scenario();
  s.latency.distribution = core::LatencyDistribution::Exponential;
  s.latency.mean = 0.05;
  const auto latencies = link_latencies(s);
  REQUIRE(latencies.size() > 1000);
  double mean = 0;
  for (double l : latencies) mean += l / static_cast<double>(latencies.size());
  CHECK(std::fabs(mean - 0.05) < 5 * 0.05 / std::sqrt(static_cast<double>(latencies.size())));
}

TEST_CASE("network: a packet a node keeps is reported entering its pool at its arrival and leaving it at its departure",
          "[network]") {
  for (bool provider_delay : {true, false}) {
    INFO("provider_delay " << provider_delay);
    core::Scenario s = small_scenario();
    s.provider_delay = provider_delay;
    Recorder rec;
    core::Network net(s, rec);
    net.run();
    const core::Topology& t = net.topology();

    std::map<std::pair<core::NodeId, std::uint64_t>, sim::Time> pooled;  // (node, packet) -> entered
    std::map<core::Role, int> entered;
    for (std::size_t i = 0; i < rec.records.size(); ++i) {
      const core::HopRecord& r = rec.records[i];
      if (r.event == HopEvent::Enter) {
        // Right after its Arrive at the same node and time, from the same peer.
        REQUIRE(i > 0);
        const core::HopRecord& before = rec.records[i - 1];
        CHECK((before.event == HopEvent::Arrive && before.packet == r.packet && before.node == r.node &&
               before.time == r.time && before.peer == r.peer));
        REQUIRE(pooled.emplace(std::pair{r.node, r.packet}, r.time).second);
        ++entered[t.role(r.node)];
      } else if (r.event == HopEvent::Leave) {
        // Out of the pool it entered, and its Depart to the same peer follows at once.
        REQUIRE(pooled.erase({r.node, r.packet}) == 1);
        REQUIRE(i + 1 < rec.records.size());
        const core::HopRecord& after = rec.records[i + 1];
        CHECK((after.event == HopEvent::Depart && after.packet == r.packet && after.node == r.node &&
               after.time == r.time && after.peer == r.peer));
      } else if (r.event == HopEvent::Depart && t.role(r.node) != core::Role::Provider) {
        CHECK(rec.records[i - 1].event == HopEvent::Leave);  // a mix's every departure leaves its pool
      }
    }
    CHECK(entered[core::Role::Mix] > 1000);
    CHECK(entered[core::Role::Client] == 0);
    // Providers keep packets in a pool only when they delay them; an inbox is not a pool.
    if (provider_delay) CHECK(entered[core::Role::Provider] > 100);
    else CHECK(entered[core::Role::Provider] == 0);
    // What is left pooled is what the nodes still hold.
    std::size_t held = 0;
    for (const auto& [key, time] : pooled) held += t.role(key.first) == core::Role::Mix ? 1 : 0;
    CHECK(held > 0);
    CHECK(held <= net.packets_in_flight().size());
  }
}

TEST_CASE("network: an event kind a role does not handle is an error, not ignored", "[network]") {
  core::Scenario s = small_scenario();
  Recorder rec;
  core::Network net(s, rec);
  const core::Topology& t = net.topology();
  auto event = [](core::NodeId target, std::uint32_t kind) { return sim::Event{0, 0, 0, target, kind}; };
  // One past each role's last kind: Replay (client), PullRequest (provider), FloodTick (mix).
  CHECK_THROWS_AS(net.handle(event(t.client(0), core::code(core::ClientEvent::Replay) + 1)), std::logic_error);
  CHECK_THROWS_AS(net.handle(event(t.provider(0), core::code(core::ProviderEvent::PullRequest) + 1)), std::logic_error);
  CHECK_THROWS_AS(net.handle(event(t.mix(0, 0), core::code(core::MixEvent::FloodTick) + 1)), std::logic_error);
  // No flood into a mix without /adversary/block/flood.
  CHECK_THROWS_AS(net.handle(event(t.mix(0, 0), core::code(core::MixEvent::FloodTick))), std::logic_error);
  // No row of a workload file to replay without one.
  CHECK_THROWS_AS(net.handle(event(t.client(0), core::code(core::ClientEvent::Replay))), std::logic_error);
  // No period ends for a client that is always online.
  CHECK_THROWS_AS(net.handle(event(t.client(0), core::code(core::ClientEvent::OnlineSwitch))), std::logic_error);
  // A mix's kind sent to a client is no client kind either.
  CHECK_THROWS_AS(net.handle(event(t.client(0), 99)), std::logic_error);
}
