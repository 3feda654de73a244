// Switches for comparisons with models that have no pulls or no cover: /pull/period 0 (the
// egress provider delivers and keeps no inbox) and /workload/send "immediately" (each real
// message leaves as soon as it is created).
#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "support/network_fixture.h"

using core::HopEvent;
using core::TrafficKind;

namespace {

std::map<HopEvent, std::uint64_t> count_events(const std::vector<core::HopRecord>& records, TrafficKind kind) {
  std::map<HopEvent, std::uint64_t> n;
  for (const core::HopRecord& r : records)
    if (r.kind == kind) ++n[r.event];
  return n;
}

}  // namespace

TEST_CASE("pulls off: no pull, no dummy, every message delivered and none kept in an inbox", "[network]") {
  core::Scenario s = test_support::small_scenario(6);
  s.pull_period = 0;
  {
    test_support::Recorder rec;
    core::Network net(s, rec);
    net.run();
    std::uint64_t fetches = 0, dummies = 0, delivered = 0;
    for (const core::HopRecord& r : rec.records) {
      fetches += r.event == HopEvent::Fetch;
      dummies += r.kind == TrafficKind::Dummy;
      delivered += r.event == HopEvent::Deliver && r.kind == TrafficKind::Payload;
    }
    CHECK(fetches == 0);
    CHECK(dummies == 0);
    CHECK(delivered > 100);
    // What is in flight is only what is still on its way: nothing waits in an inbox.
    std::uint64_t sent = 0, ended = 0;
    for (const core::HopRecord& r : rec.records) {
      sent += r.event == HopEvent::Send;
      ended += r.event == HopEvent::Deliver || r.event == HopEvent::Drop;
    }
    CHECK(net.packets_in_flight().size() == sent - ended);
    CHECK(net.pool().live() == sent - ended);
  }
  // With pulls on, the same deliveries are kept and fetched.
  s.pull_period = 1;
  const auto on = count_events(test_support::run_and_record(s), TrafficKind::Payload);
  CHECK(on.at(HopEvent::Fetch) > 100);
}

TEST_CASE("sending immediately: real messages leave at their Poisson creation times, without the buffer",
          "[network][statistical]") {
  // No payload-or-drop stream, no cover: only the workload, 0.5 messages/s per client.
  core::Scenario s = test_support::small_scenario(7);
  s.payload_rate = s.loop_rate = s.drop_rate = s.mix_loop_rate = 0;
  s.workload_rate = 0.5;
  s.clients = 40;
  s.horizon = 100;
  s.sending = core::Sending::Immediately;
  const std::vector<core::HopRecord> records = test_support::run_and_record(s);
  const auto payload = count_events(records, TrafficKind::Payload);
  // 40 clients x 0.5/s x 100 s = 2000 expected; Poisson, so 5 standard deviations is 5 sqrt(2000).
  const double expected = 40 * 0.5 * 100;
  INFO("payloads sent " << payload.at(HopEvent::Send));
  CHECK(std::fabs(static_cast<double>(payload.at(HopEvent::Send)) - expected) < 5 * std::sqrt(expected));
  CHECK(count_events(records, TrafficKind::Drop).empty());
  CHECK(count_events(records, TrafficKind::Loop).empty());
  CHECK(payload.at(HopEvent::Create) == payload.at(HopEvent::Send));  // each sent as it is created
  // Through the buffer, with no payload-or-drop stream to drain it, nothing would leave.
  s.sending = core::Sending::Buffer;
  const auto buffered = count_events(test_support::run_and_record(s), TrafficKind::Payload);
  CHECK(buffered.at(HopEvent::Create) == payload.at(HopEvent::Create));
  CHECK(buffered.count(HopEvent::Send) == 0);
}
