// The label-vector method (analysis/label_vector.h) against Theorem 1 and hand-checked
// cases, its conservation of mass on a whole network, and the anonymity and unlinkability
// built on it, including the paper's limit case: every mix corrupt, full linkability.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "analysis/label_vector.h"
#include "analysis/metrics.h"
#include "analysis/sample_summary.h"
#include "core/config/corrupt_nodes.h"
#include "../support/metrics_fixture.h"
#include "../support/hop_record.h"
#include "../support/network_fixture.h"

using analysis::LabelMass;
using analysis::LabelVector;
using analysis::LabelVectors;
using core::HopEvent;
using test_support::record;

namespace {

// One provider, one mix (node 1), 20 clients (nodes 2..21); providers do not delay.
core::Scenario one_mix() {
  core::Scenario s = test_support::single_mix_scenario(1, 1.0);
  s.provider_delay = false;
  return s;
}

// Every sender labelled by its NodeId.
template <typename End>
void feed(LabelVectors& v, const core::HopRecord& r, End&& end) {
  v.on_hop(r, r.node, end);
}

struct Ended {
  std::map<std::uint64_t, LabelVector> vectors;  // by packet
  void operator()(const core::HopRecord& r, const LabelVector& v) { vectors[r.packet] = v; }
};

// Theorem 1's sequence at the mix: n packets from clients 0..n-1 arrive, n-k leave, l more
// from clients n..n+l-1 arrive, then one leaves and is delivered at the provider.
LabelVector theorem1_departure(int n, int k, int l, bool corrupt) {
  const core::Scenario s = one_mix();
  const core::Topology t(s);
  const core::NodeId mix = t.mix(0, 0), provider = t.provider(0);
  LabelVectors v(t, {corrupt});
  Ended ended;
  double time = 0;
  std::uint64_t packet = 1;
  auto arrive = [&](int client) {
    feed(v, record(time += 1, packet, t.client(client), HopEvent::Send, provider), ended);
    feed(v, record(time += 1, packet, mix, HopEvent::Arrive, provider), ended);
    feed(v, record(time, packet, mix, HopEvent::Enter, provider), ended);
    ++packet;
  };
  std::uint64_t leaving = 1;  // which packet leaves does not matter to an honest mix
  for (int i = 0; i < n; ++i) arrive(i);
  for (int i = 0; i < n - k; ++i) {
    feed(v, record(time += 1, leaving, mix, HopEvent::Leave, provider), ended);
    feed(v, record(time, leaving++, mix, HopEvent::Depart, provider), ended);
  }
  for (int i = 0; i < l; ++i) arrive(n + i);
  const std::uint64_t m = packet - 1;  // the last to arrive: for a corrupt mix, it keeps its own label
  feed(v, record(time += 1, m, mix, HopEvent::Leave, provider), ended);
  feed(v, record(time, m, mix, HopEvent::Depart, provider), ended);
  feed(v, record(time += 1, m, provider, HopEvent::Arrive, mix), ended);
  feed(v, record(time, m, provider, HopEvent::Deliver, t.client(0)), ended);
  REQUIRE(ended.vectors.count(m) == 1);
  return ended.vectors[m];
}

}  // namespace

TEST_CASE("label vectors: the departing message's distribution is Theorem 1's", "[oracle][label]") {
  // n = 10, k = 4, l = 6: each of the first n with k/(n(l+k)) = 0.04, each later one 1/(l+k) = 0.1.
  const core::Topology t(one_mix());
  const LabelVector v = theorem1_departure(10, 4, 6, false);
  REQUIRE(v.size() == 16);
  double total = 0;
  for (int c = 0; c < 16; ++c) {
    INFO("client " << c);
    CHECK(analysis::mass(v, t.client(c)) == Approx(c < 10 ? 0.04 : 0.1).epsilon(1e-12));
    total += analysis::mass(v, t.client(c));
  }
  CHECK(total == Approx(1.0).epsilon(1e-12));
  // Its entropy: 10 x 0.04 log2(1/0.04) + 6 x 0.1 log2(10).
  CHECK(analysis::entropy_bits(v) == Approx(0.4 * std::log2(25.0) + 0.6 * std::log2(10.0)).epsilon(1e-12));
}

TEST_CASE("label vectors: a corrupt mix passes each packet's own distribution", "[oracle][label]") {
  const core::Topology t(one_mix());
  const LabelVector v = theorem1_departure(10, 4, 6, true);
  CHECK(v == LabelVector{LabelMass{t.client(15), 1.0}});
  CHECK(analysis::entropy_bits(v) == 0.0);
}

TEST_CASE("label vectors: sparse sums, a replayed copy, dropped packets and an empty pool", "[label]") {
  LabelVector sum{{2, 0.5}, {7, 0.25}};
  analysis::add(sum, {{1, 0.125}, {7, 0.25}, {9, 1.0}});
  CHECK(sum == LabelVector{{1, 0.125}, {2, 0.5}, {7, 0.5}, {9, 1.0}});
  CHECK(analysis::mass(sum, 7) == 0.5);
  CHECK(analysis::mass(sum, 3) == 0.0);

  const core::Scenario s = one_mix();
  const core::Topology t(s);
  const core::NodeId mix = t.mix(0, 0), provider = t.provider(0);
  LabelVectors v(t, {false});
  Ended ended;
  // Two packets pooled; one leaves with half of each; the mix sends a copy of it (a replay).
  feed(v, record(1, 1, t.client(0), HopEvent::Send, provider), ended);
  feed(v, record(1, 1, mix, HopEvent::Arrive, provider), ended);
  feed(v, record(1, 1, mix, HopEvent::Enter, provider), ended);
  feed(v, record(2, 2, t.client(1), HopEvent::Send, provider), ended);
  feed(v, record(2, 2, mix, HopEvent::Arrive, provider), ended);
  feed(v, record(2, 2, mix, HopEvent::Enter, provider), ended);
  feed(v, record(3, 3, t.client(2), HopEvent::Send, provider), ended);  // rejected on arrival
  feed(v, record(3, 3, mix, HopEvent::Arrive, provider), ended);
  feed(v, record(3, 3, mix, HopEvent::Drop, provider), ended);
  CHECK(ended.vectors[3] == LabelVector{{t.client(2), 1.0}});
  feed(v, record(4, 2, mix, HopEvent::Leave, provider), ended);
  feed(v, record(4, 2, mix, HopEvent::Depart, provider), ended);
  feed(v, record(4, 4, mix, HopEvent::Send, provider, /*message=*/2), ended);
  const LabelVector half{{t.client(0), 0.5}, {t.client(1), 0.5}};
  REQUIRE(v.vector_of(2) != nullptr);
  CHECK(*v.vector_of(2) == half);
  REQUIRE(v.vector_of(4) != nullptr);
  CHECK(*v.vector_of(4) == half);
  // A mix loop starts with the mix's own label.
  feed(v, record(5, 5, mix, HopEvent::Send, provider), ended);
  CHECK(*v.vector_of(5) == LabelVector{{mix, 1.0}});
  // The last pooled packet leaves with everything left; then the pool is empty.
  feed(v, record(6, 1, mix, HopEvent::Leave, provider), ended);
  feed(v, record(6, 1, mix, HopEvent::Depart, provider), ended);
  CHECK(*v.vector_of(1) == half);
  CHECK_THROWS_AS(feed(v, record(7, 9, mix, HopEvent::Leave, provider), ended), std::runtime_error);
}

namespace {

struct Conservation final : core::Observer {
  LabelVectors vectors;
  std::map<std::uint32_t, double> sent, ended;  // per label
  Conservation(const core::Topology& t, const core::Scenario& s)
      : vectors(t, core::corrupt_mixes(s)) {}
  void on_hop(const core::HopRecord& r) override {
    if (r.event == HopEvent::Send && r.kind != core::TrafficKind::Dummy) sent[r.node] += 1;
    vectors.on_hop(r, r.node, [&](const core::HopRecord&, const LabelVector& v) {
      for (const LabelMass& m : v) ended[m.label] += m.p;
    });
  }
  // Runs the network; adds what is still in it to what ended.
  void run(const core::Scenario& s) {
    core::Network net(s, *this);
    net.run();
    for (const LabelMass& m : vectors.remaining()) ended[m.label] += m.p;
  }
};

}  // namespace

TEST_CASE("label vectors: on a whole network every sender's mass is conserved", "[oracle][label]") {
  core::Scenario s = test_support::small_scenario(5);
  s.corrupt.listed = {2};
  const core::Topology t(s);
  Conservation c(t, s);
  c.run(s);
  REQUIRE(c.sent.size() == 14);  // 10 clients and 4 mixes
  for (const auto& [label, count] : c.sent) {
    INFO("label " << label);
    CHECK(c.ended[label] == Approx(count).epsilon(1e-9));
  }

  // A replaying mix sends a copy of each packet it forwards: every copy starts with the mass
  // of what it copies, so the total still matches the packets sent.
  s.replay = {{1}};
  Conservation r(t, s);
  r.run(s);
  double sent = 0, ended = 0;
  for (const auto& [label, count] : r.sent) sent += count;
  for (const auto& [label, mass] : r.ended) ended += mass;
  CHECK(r.sent[t.mix(0, 1)] > 1000);  // its own loops and its copies
  CHECK(ended == Approx(sent).epsilon(1e-9));
}

TEST_CASE("label vectors: a single mix with lambda/mu = 160 gives log2(e lambda/mu) bits of sender anonymity",
          "[oracle][label][statistical]") {
  // The label-vector counterpart of the per-mix entropy's single-mix test: one mix, mu = 0.25/s,
  // fed by 40,000 clients at 0.001 packets/s each (lambda = 40/s); only the mix delays. A
  // message's sender anonymity at delivery is the entropy of which sender's message left the
  // mix, which is the entropy of which message left (log2(e lambda/mu) for large lambda/mu)
  // less what is lost where one sender had two messages among those the departing one may
  // be: with 40,000 senders at 0.001/s a sender has about 0.02 messages in a window of 5
  // mean delays, so the loss is a few hundredths of a bit (about 0.12 bit with 4,000 senders
  // at 0.01/s, where such pairs are ten times as likely).
  core::Scenario s = test_support::single_mix_scenario(21, 0.25);
  s.provider_delay = false;
  s.clients = 40000;
  s.payload_rate = 0.001;
  s.loop_rate = 0;
  s.workload_rate = 0.002;  // the buffer is rarely empty: most sends are payloads, the targets
  s.pull_period = 10;
  s.warmup = 80;  // 20 mean delays: the pool is at its steady state
  s.horizon = 580;
  s.anonymity_levels = {false, true};
  const double expected = std::log2(std::exp(1.0) * 160);  // 8.765 bits

  const test_support::MeasuredRun run(s);
  const auto& delivered = run.metrics.sender_anonymity()->delivered();
  REQUIRE(delivered.size() > 8000);  // about 40,000 x 0.001/s x 500 s, less the drops before a first message

  // The standard error of the mean by batch means: 10 batches of 50 s of delivery time, each
  // 12.5 mean delays, longer than the time over which neighbours' anonymity is correlated.
  std::vector<std::pair<std::size_t, double>> entropies;  // (batch of delivery time, bits)
  for (const analysis::DeliveredTarget& d : delivered) {
    const auto b = std::min<std::size_t>(9, static_cast<std::size_t>((sim::to_seconds(d.delivered) - s.warmup) / 50));
    entropies.emplace_back(b, d.entropy_bits);
  }
  const auto [mean, se] = test_support::batch_means(entropies, 10);
  INFO("mean sender anonymity " << mean << " bits, log2(e lambda/mu) " << expected << ", standard error " << se);
  CHECK(5 * se < 0.1);
  CHECK(std::fabs(mean - expected) < 0.1);
  CHECK(mean < expected + 5 * se);  // merging a sender's messages can only lower it
}
