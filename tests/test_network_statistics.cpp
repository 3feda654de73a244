// The model against closed forms: a client's output is Poisson(lambda_P + lambda_L + lambda_D)
// whatever its buffer holds; a mix's loops are Poisson(lambda_M); Lemma 1 on a single mix;
// end-to-end delays on a zero-latency network are Gamma(k, mu), k the number of delaying hops;
// recipients and providers are chosen uniformly.
#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "analysis/closed_forms.h"
#include "analysis/pool_occupancy.h"
#include "support/chi_square.h"
#include "support/ks.h"
#include "support/network_fixture.h"

using core::HopEvent;
using core::TrafficKind;
using test_support::kKsAlpha;
using test_support::ks_test;

namespace {

// The gaps between one client's sends, and how many of them were payloads and loops.
struct Sends {
  std::vector<double> gaps;
  int payloads = 0, loops = 0;
};
Sends client_sends(const core::Scenario& s) {
  core::Topology t(s);
  Sends out;
  sim::Time last = -1;
  for (const auto& r : test_support::run_and_record(s)) {
    if (r.event != HopEvent::Send || r.node != t.client(0)) continue;
    if (last >= 0) out.gaps.push_back(sim::to_seconds(r.time - last));
    last = r.time;
    if (r.kind == TrafficKind::Payload) ++out.payloads;
    if (r.kind == TrafficKind::Loop) ++out.loops;
  }
  return out;
}

core::Scenario one_client() {
  core::Scenario s = test_support::small_scenario(11);
  s.clients = 1;
  s.providers = 1;
  s.layers = 1;
  s.mixes_per_layer = 1;
  s.payload_rate = 2;
  s.loop_rate = 1;
  s.drop_rate = 0.5;
  s.mix_loop_rate = 0;
  s.horizon = 5000;
  return s;
}

}  // namespace

TEST_CASE("client: inter-send times are Exp(lambda_P + lambda_L + lambda_D) with an empty buffer",
          "[network][statistical]") {
  core::Scenario s = one_client();
  s.workload_rate = 0;  // the buffer stays empty: every payload event sends a drop instead
  const Sends sends = client_sends(s);
  REQUIRE(sends.gaps.size() > 15000);
  CHECK(sends.payloads == 0);
  // Loops are lambda_L / (lambda_P + lambda_L + lambda_D) = 2/7 of the sends, the rest drops;
  // 5 binomial SEs. Power: a loop sent in place of a drop would make them 6/7.
  const double n = static_cast<double>(sends.gaps.size() + 1);
  const double se = std::sqrt((2.0 / 7.0) * (5.0 / 7.0) / n);
  CHECK(std::fabs(sends.loops / n - 2.0 / 7.0) < 5 * se);
  CHECK(std::fabs(sends.loops / n - 6.0 / 7.0) > 5 * se);
  boost::math::exponential_distribution<double> expected(3.5);
  CHECK(ks_test(sends.gaps, [&](double x) { return cdf(expected, x); }).p_value > kKsAlpha);
}

TEST_CASE("client: inter-send times are Exp(lambda_P + lambda_L + lambda_D) with a full buffer",
          "[network][statistical]") {
  core::Scenario s = one_client();
  s.workload_rate = 20;  // ten times lambda_P: the buffer is never empty after the first instants
  const Sends sends = client_sends(s);
  REQUIRE(sends.gaps.size() > 15000);
  // Payload share of sends is lambda_P / (lambda_P + lambda_L + lambda_D) = 4/7; 5 binomial SEs.
  const double n = static_cast<double>(sends.gaps.size() + 1);
  CHECK(std::fabs(sends.payloads / n - 4.0 / 7.0) < 5 * std::sqrt((4.0 / 7.0) * (3.0 / 7.0) / n));
  boost::math::exponential_distribution<double> expected(3.5);
  CHECK(ks_test(sends.gaps, [&](double x) { return cdf(expected, x); }).p_value > kKsAlpha);
  boost::math::exponential_distribution<double> other(3.0);  // the test can tell 3 from 3.5
  CHECK(ks_test(sends.gaps, [&](double x) { return cdf(other, x); }).p_value < kKsAlpha);
}

TEST_CASE("mix: Lemma 1, the pool size is Poisson(lambda/mu)", "[network][statistical]") {
  // One mix fed by 20 clients at 2 messages/s each: lambda = 40/s, mu = 20/s, lambda/mu = 2.
  core::Scenario s = test_support::single_mix_scenario(5, 20);
  s.horizon = 3000;
  s.warmup = 100;
  const double rho = 2.0;

  // Time-weighted pool size per 100-second batch, measured from the observer's events.
  struct PoolWatch final : core::Observer {
    core::NodeId mix;
    sim::Time warmup, batch;
    int size = 0;
    sim::Time last = 0;
    std::vector<double> m1, m2, empty;  // per batch: integrals of n, n^2, [n == 0] (seconds)
    void advance(sim::Time to) {
      while (last < to) {
        sim::Time end = std::min(to, last < warmup ? warmup : warmup + ((last - warmup) / batch + 1) * batch);
        if (last >= warmup) {
          std::size_t b = static_cast<std::size_t>((last - warmup) / batch);
          if (b >= m1.size()) m1.resize(b + 1), m2.resize(b + 1), empty.resize(b + 1);
          double dt = sim::to_seconds(end - last);
          m1[b] += size * dt;
          m2[b] += double(size) * size * dt;
          if (size == 0) empty[b] += dt;
        }
        last = end;
      }
    }
    void on_hop(const core::HopRecord& r) override {
      if (r.node != mix) return;
      advance(r.time);
      if (r.event == HopEvent::Arrive) ++size;
      if (r.event == HopEvent::Depart || r.event == HopEvent::Drop || r.event == HopEvent::Deliver) --size;
    }
  };
  core::Topology t(s);
  PoolWatch watch;
  watch.mix = t.mix(0, 0);
  watch.warmup = sim::from_seconds(s.warmup);
  watch.batch = sim::from_seconds(100);
  analysis::PoolOccupancy occupancy(t, watch.warmup);
  core::ObserverList observers;
  observers.add(watch);
  observers.add(occupancy);
  core::Network net(s, observers);
  net.run();
  watch.advance(sim::from_seconds(s.horizon));
  occupancy.finish(sim::from_seconds(s.horizon));

  const std::size_t batches = watch.m1.size();
  REQUIRE(batches == 29);
  std::vector<double> mean, var, p0;
  for (std::size_t b = 0; b < batches; ++b) {
    mean.push_back(watch.m1[b] / 100);
    var.push_back(watch.m2[b] / 100 - mean.back() * mean.back());
    p0.push_back(watch.empty[b] / 100);
  }
  // Batch means: batches (100 s) are far longer than the correlation time 1/mu (0.05 s).
  auto check_near = [&](const std::vector<double>& x, double expected) {
    double avg = 0, sq = 0;
    for (double v : x) avg += v / x.size();
    for (double v : x) sq += (v - avg) * (v - avg);
    double se = std::sqrt(sq / (x.size() - 1) / x.size());
    INFO("estimate " << avg << " expected " << expected << " standard error " << se);
    CHECK(std::fabs(avg - expected) < 5 * se);
  };
  check_near(mean, rho);
  check_near(var, rho);
  check_near(p0, std::exp(-rho));

  // The pool-occupancy observer integrates the same pool over the same period.
  const analysis::PoolGauge& g = occupancy.mix(0);
  double avg_mean = 0;
  for (double v : mean) avg_mean += v / batches;
  CHECK(g.mean() == Approx(avg_mean).epsilon(1e-9));
  CHECK(g.size() == watch.size);
  double total = 0;  // the gauge's distribution of pool sizes covers all the observed time
  for (std::size_t n = 0; n <= g.largest(); ++n) total += g.fraction_at(n);
  CHECK(total == Approx(1.0).epsilon(1e-9));
  CHECK(g.fraction_at(0) == g.p_empty());
}

namespace {

// Delay from send to delivery of every packet of `kind` delivered in a zero-latency network.
std::vector<double> delivery_delays(const core::Scenario& s, TrafficKind kind) {
  std::vector<double> delays;
  for (const auto& r : test_support::run_and_record(s))
    if (r.event == HopEvent::Deliver && r.kind == kind) delays.push_back(sim::to_seconds(r.time - r.sent));
  return delays;
}

core::Scenario gamma_scenario() {
  core::Scenario s = test_support::small_scenario(9);
  s.layers = 3;
  s.mixes_per_layer = 3;
  s.clients = 20;
  s.workload_rate = 1;
  s.mu = 5;
  s.horizon = 600;
  return s;
}

double gamma_p(const std::vector<double>& sample, double k, double mu) {
  boost::math::gamma_distribution<double> g(k, 1.0 / mu);
  return ks_test(sample, [&](double x) { return cdf(g, x); }).p_value;
}

}  // namespace

TEST_CASE("network: with zero latency, payload delay is Gamma(L + 1, mu) when the ingress provider delays",
          "[network][statistical]") {
  const core::Scenario s = gamma_scenario();
  const auto delays = delivery_delays(s, TrafficKind::Payload);
  REQUIRE(delays.size() > 5000);
  CHECK(analysis::delaying_hops(s, TrafficKind::Payload) == 4);
  CHECK(gamma_p(delays, 4, s.mu) > kKsAlpha);
  CHECK(gamma_p(delays, 3, s.mu) < kKsAlpha);  // power: one hop fewer is rejected
}

TEST_CASE("network: with zero latency, payload delay is Gamma(L, mu) when the ingress provider does not delay",
          "[network][statistical]") {
  core::Scenario s = gamma_scenario();
  s.provider_delay = false;
  const auto delays = delivery_delays(s, TrafficKind::Payload);
  REQUIRE(delays.size() > 5000);
  CHECK(analysis::delaying_hops(s, TrafficKind::Payload) == 3);
  CHECK(gamma_p(delays, 3, s.mu) > kKsAlpha);
  CHECK(gamma_p(delays, 4, s.mu) < kKsAlpha);
}

TEST_CASE("mix loops: each mix sends them at lambda_M, and they meet L - 1 delays plus the provider's when it delays",
          "[network][statistical]") {
  // Mix loops only (one client, looping at another rate): 9 mixes at lambda_M = 2/s for 600 s.
  core::Scenario s = gamma_scenario();
  s.clients = 1;
  s.payload_rate = s.drop_rate = s.workload_rate = 0;
  s.loop_rate = 0.5;
  s.mix_loop_rate = 2;
  for (bool provider_delay : {true, false}) {
    s.provider_delay = provider_delay;
    INFO("provider_delay " << provider_delay);
    const core::Topology t(s);
    std::map<core::NodeId, sim::Time> last;  // per mix, its latest loop
    std::vector<double> gaps, delays;
    for (const auto& r : test_support::run_and_record(s)) {
      if (r.kind != TrafficKind::MixLoop) continue;
      if (r.event == HopEvent::Deliver) delays.push_back(sim::to_seconds(r.time - r.sent));
      if (r.event != HopEvent::Send) continue;
      if (last.count(r.node)) gaps.push_back(sim::to_seconds(r.time - last[r.node]));
      last[r.node] = r.time;
    }
    REQUIRE(last.size() == 9);
    REQUIRE(gaps.size() > 10000);
    auto exponential_p = [&](double rate) {
      boost::math::exponential_distribution<double> e(rate);
      return ks_test(gaps, [&](double x) { return cdf(e, x); }).p_value;
    };
    CHECK(exponential_p(s.mix_loop_rate) > kKsAlpha);
    CHECK(exponential_p(1.1 * s.mix_loop_rate) < kKsAlpha);  // power: a rate 10% off is rejected
    const int hops = s.layers - 1 + (provider_delay ? 1 : 0);
    CHECK(analysis::delaying_hops(s, TrafficKind::MixLoop) == hops);  // what latency.csv's Gamma density takes
    CHECK(gamma_p(delays, hops, s.mu) > kKsAlpha);
    CHECK(gamma_p(delays, hops + 1, s.mu) < kKsAlpha);  // one delay more is rejected
  }
}

namespace {

// Per row (a sender, or an ingress provider), the observed counts over the columns against a
// choice of column in proportion to weight(row, column); a column of weight 0 is never
// expected and left out.
test_support::ChiSquareResult choice_fit(const std::map<int, std::map<int, double>>& counts, int columns,
                                         double (*weight)(int row, int column)) {
  std::vector<double> observed, expected;
  for (const auto& [row, cells] : counts) {
    double total = 0, weights = 0;
    for (const auto& [column, n] : cells) total += n;
    for (int c = 0; c < columns; ++c) weights += weight(row, c);
    for (int c = 0; c < columns; ++c) {
      if (weight(row, c) == 0) continue;
      observed.push_back(cells.count(c) ? cells.at(c) : 0.0);
      expected.push_back(total * weight(row, c) / weights);
    }
  }
  return test_support::chi_square(observed, expected, counts.size());
}

}  // namespace

TEST_CASE("clients: real messages go to another client, uniformly over the others", "[network][statistical]") {
  // Six clients, each creating 5 messages/s sent at once: about 300 per (sender, recipient).
  core::Scenario s = test_support::small_scenario(12);
  s.clients = 6;
  s.payload_rate = s.loop_rate = s.drop_rate = s.mix_loop_rate = 0;
  s.workload_rate = 5;
  s.sending = core::Sending::Immediately;
  s.pull_period = 0;
  s.horizon = 300;
  const core::Topology t(s);
  std::map<std::uint64_t, int> sender;  // by message
  std::map<int, std::map<int, double>> counts;  // sender -> recipient -> messages
  for (const auto& r : test_support::run_and_record(s)) {
    if (r.kind != TrafficKind::Payload) continue;
    if (r.event == HopEvent::Send) sender[r.message] = t.index(r.node);
    if (r.event == HopEvent::Deliver) counts[sender.at(r.message)][t.index(r.peer)] += 1;
  }
  REQUIRE(counts.size() == 6);
  for (const auto& [from, to] : counts) CHECK(to.count(from) == 0);  // never the sender itself
  const auto others = choice_fit(counts, 6, [](int from, int to) { return from == to ? 0.0 : 1.0; });
  INFO("chi-square " << others.statistic);
  CHECK(others.p_value > kKsAlpha);
  // Power: one recipient half again as likely as each other is rejected.
  CHECK(choice_fit(counts, 6, [](int from, int to) { return from == to ? 0.0 : to == (from + 1) % 6 ? 1.5 : 1.0; })
            .p_value < kKsAlpha);
}

TEST_CASE("routes: drop cover ends at a uniformly chosen provider, a mix loop crosses one", "[network][statistical]") {
  // Three providers, clients spread over them; drops at 2/s and mix loops at 2/s for 300 s.
  core::Scenario s = test_support::small_scenario(13);
  s.providers = 3;
  s.clients = 6;
  s.payload_rate = s.loop_rate = s.workload_rate = 0;
  s.drop_rate = 2;
  s.mix_loop_rate = 2;
  s.pull_period = 0;
  s.horizon = 300;
  const core::Topology t(s);
  std::map<std::uint64_t, int> ingress;  // by packet
  std::map<int, std::map<int, double>> drops, loops;  // row: the ingress provider (drops), every loop one row
  for (const auto& r : test_support::run_and_record(s)) {
    if (r.event == HopEvent::Send && r.kind == TrafficKind::Drop) ingress[r.packet] = t.index(t.provider_of(r.node));
    if (r.event == HopEvent::Drop && r.kind == TrafficKind::Drop) drops[ingress.at(r.packet)][t.index(r.node)] += 1;
    if (r.event == HopEvent::Arrive && r.kind == TrafficKind::MixLoop && t.role(r.node) == core::Role::Provider)
      loops[0][t.index(r.node)] += 1;
  }
  REQUIRE(drops.size() == 3);
  auto uniform = [](int, int) { return 1.0; };
  CHECK(choice_fit(drops, 3, uniform).p_value > kKsAlpha);
  CHECK(choice_fit(loops, 3, uniform).p_value > kKsAlpha);
  // Power: the ingress provider (for drops), or the first provider (for loops), half again as
  // likely as each other is rejected.
  auto own = [](int row, int column) { return row == column ? 1.5 : 1.0; };
  CHECK(choice_fit(drops, 3, own).p_value < kKsAlpha);
  CHECK(choice_fit(loops, 3, own).p_value < kKsAlpha);
}
