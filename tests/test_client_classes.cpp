// Client classes (/clients/classes): how a class reads (its keys over the scenario's, errors
// with the class's JSON path), how shares become clients, and that a network gives each class
// its own rates and recipients: contacts drawn uniformly or by a Zipf popularity.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "analysis/closed_forms.h"
#include "core/config/client_classes.h"
#include "core/model/contacts.h"
#include "support/network_fixture.h"
#include "support/scenario_problems.h"

using nlohmann::json;
using Lines = std::vector<std::string>;

using test_support::problems_in;

TEST_CASE("client classes: a class takes the scenario's keys where it states none, and reads back the same",
          "[classes]") {
  const core::Scenario s = core::parse_scenario(json::parse(R"({
    "topology": {"clients": 128}, "traffic": {"payload_rate": 2}, "pull": {"period": 0.5},
    "clients": {"classes": [
      {"name": "heavy", "share": 0.2, "workload": {"rate": 2}, "traffic": {"loop_rate": 4}},
      {"name": "light", "share": 0.8, "online": {"model": "alternating", "off": {"distribution": "lognormal", "mean": 60, "sigma": 0.5}}}]}
  })"), "mem");
  REQUIRE(s.classes.size() == 2);
  const core::ClientProfile& heavy = s.classes[0].profile;
  CHECK(heavy.workload_rate == 2);
  CHECK(heavy.loop_rate == 4);
  CHECK(heavy.payload_rate == 2);  // the scenario's
  CHECK(heavy.pull_period == 0.5);
  CHECK(heavy.online == core::Online::Always);
  const core::ClientProfile& light = s.classes[1].profile;
  CHECK(light.workload_rate == 0.5);  // the default
  CHECK(light.online == core::Online::Alternating);
  CHECK(light.offline_period == core::TimeDistribution{core::LatencyDistribution::Lognormal, 0, 60, 0, 0, 0.5});
  CHECK(light.online_period.mean == 3600);
  const core::Scenario back = core::parse_scenario(core::to_json(s), "mem");
  CHECK(back.classes == s.classes);
  CHECK(core::to_json(back) == core::to_json(s));

  // 0.2 and 0.8 of 128 clients: [0, 26) and [26, 128), by the rounded cumulative shares.
  const core::ClientClasses classes(s);
  REQUIRE(classes.all().size() == 2);
  CHECK(classes.all()[0].first == 0);
  CHECK(classes.all()[0].count == 26);
  CHECK(classes.all()[1].first == 26);
  CHECK(classes.all()[1].count == 102);
  CHECK(classes.class_of(25) == 0);
  CHECK(classes.class_of(26) == 1);
  CHECK(classes.profile(127).online == core::Online::Alternating);
  // Online for 3600 s against 60 s offline: the light clients send 60/61 of the time.
  CHECK(classes.total_rate(&core::ClientProfile::workload_rate) == Approx(26 * 2 + 102 * 0.5 * 3600 / 3660.0));

  // Without classes, one class of every client with the scenario's own keys.
  const core::ClientClasses one(core::Scenario{});
  REQUIRE(one.all().size() == 1);
  CHECK(one.all()[0].count == 100);
  CHECK(one.profile(99) == core::Scenario{}.profile());
}

TEST_CASE("client classes: every problem is reported at the class's JSON path", "[classes]") {
  CHECK(problems_in(R"({"topology": {"clients": 10}, "workload": {"contacts": 3}, "clients": {"classes": [
      {"name": "a", "share": 0.5, "workload": {"rat": 2, "recipients": [1, 2]}},
      {"name": "a", "share": 0.6, "count": 3, "traffic": {"mix_loop_rate": 1}}, 5, {"nam": "x"}]}})") ==
        Lines{"bad.json: /clients/classes/0/workload/rat: unknown key; did you mean \"rate\"?",
              "bad.json: /clients/classes/0/workload/contacts: expected 0 or at most the candidate recipients (2: "
              "/workload/recipients), got 3 (the scenario's)",
              "bad.json: /clients/classes/1: expected either \"count\" (clients) or \"share\" (a fraction of "
              "/topology/clients), got both",
              "bad.json: /clients/classes/1/name: expected distinct class names, got \"a\" again (first at /clients/classes/0)",
              "bad.json: /clients/classes/1/traffic/mix_loop_rate: unknown key; expected one of: payload_rate, loop_rate, drop_rate",
              "bad.json: /clients/classes/2: expected an object (one of the client classes), got 5",
              "bad.json: /clients/classes/3: expected either \"count\" (clients) or \"share\" (a fraction of "
              "/topology/clients), got neither",
              "bad.json: /clients/classes/3/nam: unknown key; did you mean \"name\"?"});
  CHECK(problems_in(R"({"clients": {"classes": [{"share": 0.5, "online": {"model": "alternating",
      "on": {"distribution": "zero"}, "off": {"distribution": "constant"}}}, {"share": 0.4}]}})") ==
        // (in the order of a parsed nlohmann::json, whose keys are sorted: "off" before "on")
        Lines{"bad.json: /clients/classes/0/online/off/value: expected a number > 0 when /online/off/distribution is "
              "\"constant\" (a period is longer than zero), got 0.0 (the scenario's)",
              "bad.json: /clients/classes/0/online/on/distribution: expected \"constant\", \"exponential\", \"uniform\" or "
              "\"lognormal\" (a period is longer than zero), got \"zero\""});
  // The recorded workload names its senders: it is the whole scenario's, not a class's.
  CHECK(problems_in(R"({"clients": {"classes": [{"share": 1, "workload": {"file": "mail.csv"}}]}})") ==
        Lines{"bad.json: /clients/classes/0/workload/file: unknown key; expected one of: rate, recipients, group, "
              "contacts, popularity, zipf_exponent"});
  CHECK(problems_in(R"({"clients": {"classes": [{"share": 0.5}, {"share": 0.4}]}})") ==
        Lines{"bad.json: /clients/classes: expected shares adding up to 1, got 0.9"});
  CHECK(problems_in(R"({"topology": {"clients": 10}, "clients": {"classes": [{"count": 4}, {"count": 5}]}})") ==
        Lines{"bad.json: /clients/classes: expected counts adding up to /topology/clients (10), got 9"});
  // Counts past the clients, with groups drawn from the classes: reported, not read past the end.
  CHECK(problems_in(R"({"topology": {"clients": 10}, "clients": {"classes": [{"name": "a", "count": 6},
      {"name": "b", "count": 5}], "groups": [{"name": "g", "size": 3, "classes": ["b"]}]}})") ==
        Lines{"bad.json: /clients/classes: expected counts adding up to /topology/clients (10), got 11"});
  CHECK(problems_in(R"({"clients": {"classes": [{"count": 4}, {"share": 0.5}]}})") ==
        Lines{"bad.json: /clients/classes: expected every class to give a \"count\", or every class a \"share\""});
  CHECK(problems_in(R"({"clients": {"classes": {"count": 4}}})") ==
        Lines{"bad.json: /clients/classes: expected an array of at most 1000 client classes (objects), got an object"});
  CHECK(problems_in(R"({"topology": {"clients": 5}, "workload": {"contacts": 5}})") ==
        Lines{"bad.json: /workload/contacts: expected 0 or at most the candidate recipients (4: every other client), got 5"});
}

TEST_CASE("client classes: one class of every client with the scenario's keys is the scenario without classes",
          "[classes]") {
  core::Scenario s = test_support::small_scenario(3);
  const std::vector<core::HopRecord> plain = test_support::run_and_record(s);
  s.classes = {{"everyone", -1, 1.0, s.profile()}};
  test_support::require_same_records(plain, test_support::run_and_record(s));
}

TEST_CASE("client classes: each class sends at its own rates", "[classes]") {
  core::Scenario s = test_support::small_scenario(5);
  s.clients = 40;
  s.horizon = 200;
  s.warmup = 0;
  s.sending = core::Sending::Immediately;
  s.payload_rate = 0;
  s.drop_rate = 0;
  s.pull_period = 0;
  core::ClientProfile heavy = s.profile(), light = s.profile();
  heavy.workload_rate = 2;
  heavy.loop_rate = 0.5;
  light.workload_rate = 0.5;
  light.loop_rate = 0.25;
  s.classes = {{"heavy", 10, -1, heavy}, {"light", 30, -1, light}};
  const core::Topology t(s);
  std::map<std::pair<bool, core::TrafficKind>, double> sent;  // by (heavy, kind)
  for (const core::HopRecord& r : test_support::run_and_record(s))
    if (r.event == core::HopEvent::Send && t.role(r.node) == core::Role::Client) sent[{t.index(r.node) < 10, r.kind}] += 1;
  // Poisson counts: each total within 5 standard errors (sqrt of its mean) of clients x rate x 200 s.
  auto near = [](double count, double mean) { return std::fabs(count - mean) < 5 * std::sqrt(mean); };
  CHECK(near(sent[{true, core::TrafficKind::Payload}], 10 * 2 * 200.0));
  CHECK(near(sent[{false, core::TrafficKind::Payload}], 30 * 0.5 * 200.0));
  CHECK(near(sent[{true, core::TrafficKind::Loop}], 10 * 0.5 * 200.0));
  CHECK(near(sent[{false, core::TrafficKind::Loop}], 30 * 0.25 * 200.0));
  // Power: the light clients at the heavy rate would be 12,000 sends, not 3,000.
  CHECK_FALSE(near(sent[{false, core::TrafficKind::Payload}], 30 * 2 * 200.0));
}

TEST_CASE("client classes: a client writes only to its contacts, drawn among its candidates", "[classes]") {
  core::Scenario s = test_support::small_scenario(8);
  s.clients = 30;
  s.horizon = 100;
  s.sending = core::Sending::Immediately;
  core::ClientProfile listed = s.profile(), any = s.profile();
  listed.recipients = {0, 1, 2, 3, 4, 5};
  listed.contacts = 2;
  any.contacts = 3;
  s.classes = {{"listed", 10, -1, listed}, {"any", 20, -1, any}};
  const core::Topology t(s);
  std::map<std::uint64_t, int> sender, recipient;  // by payload message
  for (const core::HopRecord& r : test_support::run_and_record(s)) {
    if (r.event == core::HopEvent::Send && r.kind == core::TrafficKind::Payload && t.role(r.node) == core::Role::Client)
      sender[r.message] = t.index(r.node);
    if (r.event == core::HopEvent::Deliver && r.kind == core::TrafficKind::Payload && t.role(r.node) == core::Role::Provider)
      recipient[r.message] = t.index(r.peer);
  }
  std::map<int, std::set<int>> wrote;  // client -> recipients of its payloads
  for (const auto& [message, to] : recipient) wrote[sender.at(message)].insert(to);
  const core::ClientClasses classes(s);
  const core::Contacts contacts(s, t, classes);
  for (int c = 0; c < 30; ++c) {
    INFO("client " << c);
    const auto mine = contacts.of(c);
    const std::set<int> drawn(mine.begin(), mine.end());
    REQUIRE(drawn.size() == mine.size());  // distinct
    CHECK(drawn.size() == (c < 10 ? 2u : 3u));
    CHECK_FALSE(drawn.count(c));
    if (c < 10)
      for (int d : drawn) CHECK(d <= 5);
    REQUIRE(wrote.count(c));
    for (int to : wrote[c]) CHECK(drawn.count(to));
    CHECK(wrote[c].size() == drawn.size());  // about 50 messages each: every contact written to
  }
}

TEST_CASE("client classes: Zipf popularity gives the most popular clients their share of contacts", "[classes][oracle]") {
  // 2,000 clients, one contact each, Zipf with s = 1 over a popularity ranking: a client's
  // single contact is rank r with probability (1/r) / (H - 1/rank(self)), H = H_2000 = 8.178.
  // The two most chosen clients should be ranks 1 and 2: about 1999 / H and half that.
  core::Scenario s = test_support::small_scenario(11);
  s.clients = 2000;
  s.contacts = 1;
  s.popularity = core::Popularity::Zipf;
  s.zipf_exponent = 1;
  const core::Topology t(s);
  const core::Contacts contacts(s, t, core::ClientClasses(s));
  std::vector<double> chosen(2000, 0);
  for (int c = 0; c < 2000; ++c) {
    REQUIRE(contacts.of(c).size() == 1);
    chosen[static_cast<std::size_t>(contacts.of(c)[0])] += 1;
  }
  std::sort(chosen.rbegin(), chosen.rend());
  double harmonic = 0;
  for (int r = 1; r <= 2000; ++r) harmonic += 1.0 / r;
  for (int r = 1; r <= 2; ++r) {
    const double p = (1.0 / r) / harmonic, mean = 1999 * p, sd = std::sqrt(1999 * p * (1 - p));
    INFO("rank " << r << ": " << chosen[static_cast<std::size_t>(r - 1)] << " against " << mean << " +- 5 x " << sd);
    CHECK(std::fabs(chosen[static_cast<std::size_t>(r - 1)] - mean) < 5 * sd);
  }
  // Power: uniform contacts would give the most chosen client about 7, not 244.
  CHECK(chosen[0] > 150);
}

TEST_CASE("client classes: the closed-form limit counts each class's streams while it is online", "[classes]") {
  // 200 clients online half of the time send what 100 always online send: the same limit.
  core::Scenario always;
  always.clients = 100;
  core::Scenario half = always;
  half.clients = 200;
  core::ClientProfile p = half.profile();
  p.online = core::Online::Alternating;
  p.online_period = p.offline_period = {core::LatencyDistribution::Exponential, 0, 10};
  half.classes = {{"half", -1, 1.0, p}};
  CHECK(analysis::message_anonymity_limit_bits(half) == Approx(analysis::message_anonymity_limit_bits(always)).epsilon(1e-12));
  // Power: counted as always online, twice the rate would add one bit.
  half.classes[0].profile.online = core::Online::Always;
  CHECK(analysis::message_anonymity_limit_bits(half) - analysis::message_anonymity_limit_bits(always) > 0.9);
}
