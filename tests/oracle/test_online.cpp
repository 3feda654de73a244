// Online and offline clients against the renewal process. With exponential online (mean a)
// and offline (mean b) periods, pulls every T while online and at once on coming back, and
// messages deposited at Poisson times independent of the recipient's periods (no cover):
// - a message finds its recipient offline with probability b / (a + b), and then waits out
//   the rest of the offline period, Exp(mean b) by memorylessness;
// - found online, with the online period's age A ~ Exp(1/a) (memoryless both ways), it waits
//   D = T - (A mod T) for the next pull unless the period ends first (after R ~ Exp(1/a)),
//   when it also waits a whole offline period: E[W | online] = E[1 - e^(-D/a)] (a + b), and
//   E[e^(-D/a)] = x / (e^x - 1) for x = T / a.
// So E[W] = a (1 - x / (e^x - 1)) + b^2 / (a + b).
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <vector>

#include "core/model/online_model.h"
#include "core/model/random_purpose.h"
#include "../support/metrics_fixture.h"

namespace {

core::Scenario online_scenario(std::uint64_t seed, double on_mean, double off_mean, double period) {
  core::Scenario s = test_support::small_scenario(seed);
  s.providers = 2;
  s.layers = 1;
  s.clients = 100;
  s.horizon = 1500;
  s.warmup = 100;
  s.payload_rate = s.loop_rate = s.drop_rate = s.mix_loop_rate = 0;
  s.sending = core::Sending::Immediately;
  s.workload_rate = 0.2;
  s.mu = 100;
  s.provider_delay = false;
  s.pull_period = period;
  s.pull_messages = 10;
  s.anonymity_sample = 0;
  s.online = core::Online::Alternating;
  s.online_period = {core::LatencyDistribution::Exponential, 0, on_mean};
  s.offline_period = {core::LatencyDistribution::Exponential, 0, off_mean};
  return s;
}

struct Estimate {
  double mean, se;
};

// The mean over replications, and its standard error from their spread.
Estimate over(const std::vector<double>& values) {
  double sum = 0, sq = 0;
  for (double v : values) sum += v;
  const double n = static_cast<double>(values.size()), mean = sum / n;
  for (double v : values) sq += (v - mean) * (v - mean);
  return {mean, std::sqrt(sq / (n - 1) / n)};
}

}  // namespace

TEST_CASE("online: the share of messages finding their recipient offline, and the mean inbox wait, as the renewal "
          "process gives them",
          "[oracle][online]") {
  const double a = 20, b = 10, T = 5;
  const double x = T / a;
  const double expected_wait = a * (1 - x / std::expm1(x)) + b * b / (a + b);  // 5.729 s
  const double expected_offline = b / (a + b);
  // Waits are measured for messages deposited 200 s (e^-20 of an offline period's tail) or
  // more before the horizon, after which nobody pulls: later ones may still be waiting then.
  const sim::Time last_deposit = sim::from_seconds(1500 - 200);
  std::vector<double> wait, offline, wait_offline;
  for (std::uint64_t seed = 1; seed <= 16; ++seed) {
    const core::Scenario s = online_scenario(seed, a, b, T);
    const core::Topology t(s);
    const std::vector<core::HopRecord> records = test_support::run_and_record(s);
    analysis::Metrics metrics(s, t);
    for (const core::HopRecord& r : records) metrics.on_hop(r);
    metrics.finish();
    const analysis::InboxFigures* inbox = metrics.inboxes();
    REQUIRE(inbox != nullptr);
    // The waits from the records: deposit (Deliver at the provider) to pull answer (its Depart).
    const core::OnlineModel model(s.profile(), s.clients);
    std::vector<core::OnlineState> state;
    for (int c = 0; c < s.clients; ++c)
      state.push_back(model.start(c, sim::RandomStream::derive(s.seed, t.entity(t.client(c)), core::Purpose::Online)));
    struct Deposit {
      sim::Time time;
      bool offline;
    };
    std::map<std::uint64_t, Deposit> waiting;
    double all = 0, all_count = 0, sum = 0, count = 0, sum_offline = 0, count_offline = 0;
    for (const core::HopRecord& r : records) {
      if (r.kind != core::TrafficKind::Payload || r.sent < sim::from_seconds(s.warmup) || t.role(r.node) != core::Role::Provider)
        continue;
      if (r.event == core::HopEvent::Deliver) {
        const bool away = !model.online_at(state[static_cast<std::size_t>(t.index(r.peer))], r.time);
        waiting[r.packet] = {r.time, away};
      } else if (r.event == core::HopEvent::Depart && t.role(r.peer) == core::Role::Client) {
        const Deposit d = waiting.at(r.packet);
        const double w = sim::to_seconds(r.time - d.time);
        all += w;
        all_count += 1;
        if (d.time > last_deposit) continue;
        sum += w;
        count += 1;
        sum_offline += d.offline ? w : 0;
        count_offline += d.offline ? 1 : 0;
      }
    }
    // The metric counts the same waits.
    REQUIRE(static_cast<double>(inbox->wait().count()) == all_count);
    CHECK(inbox->wait().mean_seconds() == Approx(all / all_count).epsilon(1e-12));
    REQUIRE(inbox->deposited() > 10'000);
    wait.push_back(sum / count);
    wait_offline.push_back(sum_offline / count_offline);
    offline.push_back(static_cast<double>(inbox->deposited_offline()) / static_cast<double>(inbox->deposited()));
  }
  const Estimate w = over(wait), o = over(offline), wo = over(wait_offline);
  INFO("mean wait " << w.mean << " +- " << w.se << " against " << expected_wait);
  INFO("offline share " << o.mean << " +- " << o.se << " against " << expected_offline);
  INFO("wait when deposited offline " << wo.mean << " +- " << wo.se << " against " << b);
  CHECK(std::fabs(w.mean - expected_wait) < 5 * w.se);
  CHECK(std::fabs(o.mean - expected_offline) < 5 * o.se);
  CHECK(std::fabs(wo.mean - b) < 5 * wo.se);
  // Power: waiting for the next periodic pull after coming back would add (b / (a + b)) T / 2
  // = 0.83 s; clients always online would wait T / 2 = 2.5 s.
  CHECK(5 * w.se < expected_offline * T / 2);
  CHECK(std::fabs(w.mean - T / 2) > 5 * w.se);
}

TEST_CASE("online: an offline client sends nothing, cover included, and its full inbox drops what comes",
          "[online]") {
  core::Scenario s = test_support::small_scenario(4);
  s.horizon = 300;
  s.online = core::Online::Alternating;
  s.online_period = {core::LatencyDistribution::Exponential, 0, 10};
  s.offline_period = {core::LatencyDistribution::Constant, 5};
  s.inbox_capacity = 2;
  const std::vector<core::HopRecord> records = test_support::run_and_record(s);
  const core::Topology t(s);
  // The periods as the clients lived them, replayed from the scenario.
  const core::OnlineModel model(s.profile(), s.clients);
  std::vector<core::OnlineState> state;
  for (int c = 0; c < s.clients; ++c)
    state.push_back(model.start(c, sim::RandomStream::derive(s.seed, t.entity(t.client(c)), core::Purpose::Online)));
  std::vector<int> stored(static_cast<std::size_t>(s.clients), 0);
  std::size_t sends = 0, full = 0, sent_offline = 0, stored_over = 0;
  for (const core::HopRecord& r : records) {
    if (t.role(r.node) == core::Role::Client && r.event == core::HopEvent::Send) {
      ++sends;
      sent_offline += model.online_at(state[static_cast<std::size_t>(t.index(r.node))], r.time) ? 0 : 1;
    }
    full += r.event == core::HopEvent::Drop && r.reason == core::DropReason::InboxFull ? 1 : 0;
    if (t.role(r.node) != core::Role::Provider || r.peer == core::kNoNode || t.role(r.peer) != core::Role::Client) continue;
    int& held = stored[static_cast<std::size_t>(t.index(r.peer))];
    if (r.event == core::HopEvent::Deliver) stored_over += ++held > 2 ? 1 : 0;
    if (r.event == core::HopEvent::Depart) --held;
  }
  CHECK(sends > 1000);
  CHECK(sent_offline == 0);
  CHECK(stored_over == 0);
  CHECK(full > 0);  // offline for 5 s at a time, 10 clients' traffic: inboxes of 2 overflow
}
