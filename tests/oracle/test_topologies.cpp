// The topology kinds through core's route builder and network: free routes spread every hop
// uniformly over all mixes (chi-square, with power), a cascade keeps each message and each mix
// loop in one uniformly chosen chain, a single cascade's message-level entropy is that of one
// pool with the whole network's rate and the same total delay (the closed form), and mix
// loops, corrupt and misbehaving mixes work the same in both packet formats on every kind.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "analysis/closed_forms.h"
#include "core/model/topology/route_builder.h"
#include "../support/chi_square.h"
#include "../support/metrics_fixture.h"
#include "../support/network_fixture.h"

namespace {

constexpr int kRoutes = 60000;

core::Scenario topology_scenario(const char* kind) {
  core::Scenario s = test_support::small_scenario(11);
  s.topology_kind.name = kind;
  s.layers = 3;
  s.mixes_per_layer = 3;
  return s;
}

// The mixes of a client route (its L relays after the ingress provider).
std::vector<core::NodeId> mixes_of(const core::Route& r, int layers) {
  std::vector<core::NodeId> mixes;
  for (int hop = 0; hop < layers; ++hop) mixes.push_back(r.hops[static_cast<std::size_t>(hop)].next);
  return mixes;
}

// Chi-square of each hop's mix against uniform over all L x W mixes (one row per hop).
test_support::ChiSquareResult hop_uniformity(const core::Scenario& s, bool& repeats) {
  const core::Topology t(s);
  const core::RouteBuilder routes(s, t);
  auto rng = sim::RandomStream::derive(s.seed, 1, 2);
  const int mixes = s.layers * s.mixes_per_layer;
  std::vector<double> observed(static_cast<std::size_t>(s.layers * mixes), 0.0);
  repeats = false;
  for (int i = 0; i < kRoutes; ++i) {
    const auto path = mixes_of(routes.client_route(t.provider(0), t.provider(1), {core::HopFlag::Drop, 0, 0}, rng), s.layers);
    repeats |= std::set<core::NodeId>(path.begin(), path.end()).size() < path.size();
    for (int hop = 0; hop < s.layers; ++hop) observed[static_cast<std::size_t>(hop * mixes + t.index(path[static_cast<std::size_t>(hop)]))] += 1;
  }
  const std::vector<double> expected(observed.size(), static_cast<double>(kRoutes) / mixes);
  return test_support::chi_square(observed, expected, static_cast<std::size_t>(s.layers));
}

}  // namespace

TEST_CASE("topologies: free routes pick every hop uniformly among all mixes, with or without repeats",
          "[topology][statistical]") {
  core::Scenario s = topology_scenario("free_route");
  bool repeats = false;
  const auto free = hop_uniformity(s, repeats);
  INFO("chi-square " << free.statistic << ", p " << free.p_value);
  CHECK(free.p_value > 1e-3);
  CHECK(repeats);  // about 31% of routes use a mix twice

  // Distinct hops: no repeats, and every ordered choice of 3 of the 9 mixes equally likely.
  s.distinct_hops = true;
  const auto distinct = hop_uniformity(s, repeats);
  CHECK(distinct.p_value > 1e-3);
  CHECK_FALSE(repeats);
  const core::Topology t(s);
  const core::RouteBuilder routes(s, t);
  auto rng = sim::RandomStream::derive(s.seed, 3, 4);
  std::map<std::vector<core::NodeId>, double> triples;
  for (int i = 0; i < kRoutes; ++i)
    triples[mixes_of(routes.client_route(t.provider(0), t.provider(1), {core::HopFlag::Drop, 0, 0}, rng), 3)] += 1;
  REQUIRE(triples.size() == 9 * 8 * 7);
  std::vector<double> observed, expected;
  for (const auto& [triple, count] : triples) {
    observed.push_back(count);
    expected.push_back(static_cast<double>(kRoutes) / (9 * 8 * 7));
  }
  CHECK(test_support::chi_square(observed, expected).p_value > 1e-3);

  // Power: stratified routes (each hop within one layer) fail the same test.
  const auto stratified = hop_uniformity(topology_scenario("stratified"), repeats);
  CHECK(stratified.p_value < 1e-9);
}

TEST_CASE("topologies: a cascade keeps each message and each mix loop in one chain, chosen uniformly",
          "[topology][statistical]") {
  core::Scenario s = topology_scenario("cascade");
  s.chains = s.mixes_per_layer = 4;
  const core::Topology t(s);
  const core::RouteBuilder routes(s, t);
  auto rng = sim::RandomStream::derive(s.seed, 5, 6);
  auto chain = [&](core::NodeId mix) { return t.index(mix) % s.chains; };
  std::vector<double> per_chain(4, 0.0);
  for (int i = 0; i < kRoutes; ++i) {
    const auto path = mixes_of(routes.client_route(t.provider(0), t.provider(1), {core::HopFlag::Drop, 0, 0}, rng), 3);
    for (int hop = 0; hop < 3; ++hop) {
      REQUIRE(t.layer_of_mix(path[static_cast<std::size_t>(hop)]) == hop);
      REQUIRE(chain(path[static_cast<std::size_t>(hop)]) == chain(path[0]));
    }
    per_chain[static_cast<std::size_t>(chain(path[0]))] += 1;
  }
  CHECK(test_support::chi_square(per_chain, std::vector<double>(4, kRoutes / 4.0)).p_value > 1e-3);
  for (int m = 0; m < 12; ++m) {
    const core::NodeId mix = t.mix(m / 4, m % 4);
    const core::Route loop = routes.mix_loop(mix, rng);
    REQUIRE(loop.length == 4);  // two other layers, a provider, back to the mix
    for (std::size_t hop = 0; hop < loop.length; ++hop) {
      const core::NodeId next = loop.hops[hop].next;
      if (t.role(next) == core::Role::Mix) REQUIRE(chain(next) == chain(mix));
    }
  }
}

TEST_CASE("topologies: one cascade gives log2(Lambda) + h(Erlang(L, mu)) / ln 2 bits, Lambda the whole network's rate",
          "[oracle][topology][anonymity][statistical]") {
  // 3,000 clients, one Poisson stream of 1 message/s each, through one chain of 3 mixes with
  // 1/mu = 0.1 s: every mix pools about 300 messages, and a target's mass leaves the chain with
  // the density of its total delay Erlang(3, 10) among all 3,000 messages a second. Three
  // chains split the clients in three: log2(3) bits less.
  for (int chains : {1, 3}) {
    core::Scenario s = test_support::reference_case(12, 3000 * chains, 3, chains);
    s.topology_kind.name = "cascade";
    s.chains = chains;
    const auto [mean, se] = test_support::message_entropy_by_second(s, 200);
    const double h = analysis::erlang_entropy_nats(3, s.mu) / std::log(2.0);
    const double expected = std::log2(3000.0) + h;  // one chain's rate: the whole network's when there is one
    CHECK(analysis::message_anonymity_limit_bits(s) == Approx(expected).epsilon(1e-12));
    INFO(chains << " chains: mean " << mean << " bits, closed form " << expected << ", standard error " << se);
    CHECK(se < 0.02);
    CHECK(std::fabs(mean - expected) < 5 * se);
    // Power: the stratified network's figure (the whole network's rate) is log2(3) bits higher.
    if (chains == 3) CHECK(std::fabs(mean - (std::log2(9000.0) + h)) > 10 * se);
  }
}

TEST_CASE("topologies: mix loops, corrupt and misbehaving mixes give the same records in both packet formats",
          "[topology][sphinx]") {
  for (const char* kind : {"cascade", "free_route"}) {
    std::vector<std::vector<core::HopRecord>> runs;
    for (core::CryptoMode mode : {core::CryptoMode::Sphinx, core::CryptoMode::None}) {
      core::Scenario s = topology_scenario(kind);
      s.crypto = mode;
      s.horizon = 8;
      s.chains = s.mixes_per_layer = 3;
      s.distinct_hops = true;
      s.replay.mixes = {1};
      s.flip_payload.mixes = {5};
      s.corrupt.listed = {4};
      s.latency.distribution = core::LatencyDistribution::Exponential;
      s.latency.mean = 0.01;
      runs.push_back(test_support::run_and_record(s));
    }
    INFO(kind);
    test_support::require_same_records(runs[0], runs[1]);
    int replays = 0, tagged = 0, loops_back = 0;
    const core::Topology t(topology_scenario(kind));
    for (const auto& a : runs[0]) {
      replays += a.reason == core::DropReason::Replay;
      tagged += a.reason == core::DropReason::Tagged;
      loops_back += a.event == core::HopEvent::Deliver && a.kind == core::TrafficKind::MixLoop && t.role(a.node) == core::Role::Mix;
    }
    CHECK(replays > 10);
    CHECK(tagged > 10);
    CHECK(loops_back > 50);
  }
}
