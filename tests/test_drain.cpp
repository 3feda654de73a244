// The drain after the horizon: nothing new is sent, the packets in flight end, so the cohort's
// latency is no longer censored; the run up to the horizon is the run without a drain.
#include <array>
#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/metrics.h"
#include "core/trace.h"
#include "support/metrics_fixture.h"
#include "support/network_fixture.h"

using core::HopEvent;
using core::TrafficKind;

namespace {

// Long delays (three of mean 5 s: the ingress provider's and two layers') against a 50 s
// cohort of about 2000 payloads, and a constant latency on the four links of a payload's route.
core::Scenario slow_scenario(double drain) {
  core::Scenario s = test_support::small_scenario(3);
  s.clients = 40;
  s.mu = 0.2;
  s.latency.distribution = core::LatencyDistribution::Constant;
  s.latency.value = 0.01;
  s.drain = drain;
  return s;
}

// Payload latency of the run: the cohort's mean, its standard error and the packets left in flight.
struct PayloadLatency {
  double mean, se;
  std::uint64_t delivered, in_flight;
};

PayloadLatency payload_latency(const core::Scenario& s) {
  const test_support::MeasuredRun run(s);
  const analysis::KindFigures& k = run.metrics.summary().kind(TrafficKind::Payload);
  const double n = static_cast<double>(k.latency.count());
  return {k.latency.mean_seconds(), k.latency.sd_seconds() / std::sqrt(n), k.delivered, k.in_flight()};
}

}  // namespace

TEST_CASE("drain: the payload cohort all arrives, with the mean latency of L + 1 delays and L + 2 links",
          "[network][statistical]") {
  const core::Scenario s = slow_scenario(200);
  const double expected = (s.layers + 1) / s.mu + (s.layers + 2) * s.latency.value;  // 15.04 s
  const PayloadLatency drained = payload_latency(s);
  INFO("drained: mean " << drained.mean << " s, standard error " << drained.se << " s, expected " << expected << " s");
  CHECK(drained.in_flight == 0);
  CHECK(drained.delivered > 1800);  // about 40 clients x 1 message/s x 50 s
  CHECK(std::fabs(drained.mean - expected) < 5 * drained.se);

  // Power: without the drain the late messages are missing and the mean is far too low.
  const PayloadLatency censored = payload_latency(slow_scenario(0));
  INFO("censored: mean " << censored.mean << " s, standard error " << censored.se << " s");
  CHECK(censored.in_flight > 200);
  CHECK(censored.mean < expected - 5 * censored.se);
}

TEST_CASE("drain: nothing is sent after the horizon, and the run up to it is the run without a drain", "[network]") {
  const core::Scenario s = slow_scenario(200);
  const sim::Time horizon = sim::from_seconds(s.horizon);
  test_support::Recorder drained;
  core::Network net(s, drained);
  net.run();
  const std::vector<core::HopRecord> undrained = test_support::run_and_record(slow_scenario(0));

  std::size_t before = 0, sends_after = 0;
  for (const core::HopRecord& r : drained.records) {
    if (r.time <= horizon) ++before;
    if (r.time > horizon && r.event == HopEvent::Send) ++sends_after;
  }
  CHECK(sends_after == 0);
  REQUIRE(before == undrained.size());
  auto bytes = [](const core::HopRecord& r) {
    std::array<std::uint8_t, core::kTraceRecordSize> out;
    core::encode_record(r, out.data());
    return out;
  };
  for (std::size_t i = 0; i < before; ++i) REQUIRE(bytes(drained.records[i]) == bytes(undrained[i]));
  CHECK(drained.records.size() > before);  // the drain ended packets
  // The run ended before the drain's bound, once no packet was in flight.
  CHECK(net.packets_in_flight().empty());
  CHECK(net.drained() > 0);
  CHECK(net.drained() < sim::from_seconds(s.drain));
  CHECK(drained.records.back().time <= horizon + net.drained());
}
