// Client groups (/clients/groups) and group messages: how groups read, who their members
// are, that a group message reaches every other member as its own copy, and the group
// figures (each copy's latency, each group message's completion) against the records.
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "analysis/metrics.h"
#include "core/model/groups.h"
#include "support/network_fixture.h"
#include "support/scenario_problems.h"

using nlohmann::json;
using Lines = std::vector<std::string>;

using test_support::problems_in;

TEST_CASE("groups: read with their classes, every problem at the group's path", "[groups]") {
  const core::Scenario s = core::parse_scenario(json::parse(R"({"topology": {"clients": 20},
      "clients": {"classes": [{"name": "a", "count": 5}, {"name": "b", "count": 15}],
                  "groups": [{"name": "small", "size": 3, "classes": ["a"]}, {"size": 20}]}})"),
                                                "mem");
  REQUIRE(s.groups.size() == 2);
  CHECK(s.groups[0] == core::ClientGroup{"small", 3, {"a"}});
  CHECK(s.groups[1] == core::ClientGroup{"group1", 20, {}});
  CHECK(core::parse_scenario(core::to_json(s), "mem").groups == s.groups);

  CHECK(problems_in(R"({"topology": {"clients": 20},
      "clients": {"classes": [{"name": "a", "count": 5}, {"name": "b", "count": 15}],
                  "groups": [{"name": "x", "size": 6, "classes": ["a"]}, {"name": "x", "size": 1, "classes": ["c", "b"]},
                             {"sise": 3}, 7]}})") ==
        // (in the order of a parsed nlohmann::json, whose keys are sorted)
        Lines{"bad.json: /clients/groups/0/size: expected at most the clients it is drawn from (5), got 6",
              "bad.json: /clients/groups/1/classes/0: expected the name of a class of /clients/classes, got \"c\"",
              "bad.json: /clients/groups/1/name: expected distinct group names, got \"x\" again (first at /clients/groups/0)",
              "bad.json: /clients/groups/1/size: expected an integer in [2, 4096], got 1",
              "bad.json: /clients/groups/2: expected a \"size\" (its members), got none",
              "bad.json: /clients/groups/2/sise: unknown key; did you mean \"size\"?",
              "bad.json: /clients/groups/3: expected an object (one of the client groups), got 7"});
}

TEST_CASE("groups: members are distinct clients of the group's classes, drawn from the seed", "[groups]") {
  core::Scenario s;
  s.clients = 50;
  s.classes = {{"a", 10, -1, s.profile()}, {"b", 40, -1, s.profile()}};
  s.groups = {{"in_a", 4, {"a"}}, {"any", 30, {}}, {"all_a", 10, {"a"}}};
  const core::ClientClasses classes(s);
  const core::Groups groups(s, classes);
  REQUIRE(groups.size() == 3);
  for (std::size_t g = 0; g < 3; ++g) {
    const auto members = groups.members(g);
    const std::set<int> distinct(members.begin(), members.end());
    CHECK(distinct.size() == static_cast<std::size_t>(s.groups[g].size));
    if (g != 1)
      for (int m : members) CHECK(m < 10);
    for (int m : members) CHECK(std::count(groups.of(m).begin(), groups.of(m).end(), g) == 1);
  }
  std::size_t memberships = 0;
  for (int c = 0; c < 50; ++c) memberships += groups.of(c).size();
  CHECK(memberships == 4 + 30 + 10);
  s.seed = 2;  // another seed, other members
  const core::Groups other(s, core::ClientClasses(s));
  CHECK_FALSE(std::equal(other.members(1).begin(), other.members(1).end(), groups.members(1).begin()));
  // A copy's id holds its group message, copies and index.
  const core::SplitPart copy{core::Split::Group, 123456789, 4095, 17};
  CHECK(core::SplitPart::is(core::Split::Group, copy.id()));
  CHECK_FALSE(core::SplitPart::is(core::Split::File, copy.id()));
  CHECK_FALSE(core::SplitPart::is(core::Split::Group, 987654321));
  const core::SplitPart back = core::SplitPart::of(core::Split::Group, copy.id());
  CHECK(back.message == 123456789);
  CHECK(back.parts == 4095);
  CHECK(back.index == 17);
}

TEST_CASE("groups: a group message reaches every other member, and the figures match the records", "[groups]") {
  core::Scenario s = test_support::small_scenario(12);
  s.clients = 12;
  s.horizon = 120;
  s.drain = 120;
  s.payload_rate = 3;
  s.workload_rate = 0.05;
  s.group = true;
  s.pull_messages = 8;
  s.groups = {{"five", 5, {}}, {"seven", 7, {}}};
  const core::Topology t(s);
  const core::Groups groups(s, core::ClientClasses(s));
  const std::vector<core::HopRecord> records = test_support::run_and_record(s);
  analysis::Metrics metrics(s, t);
  for (const core::HopRecord& r : records) metrics.on_hop(r);
  metrics.finish();
  const analysis::SplitMessageFigures* figures = metrics.groups();
  REQUIRE(figures != nullptr);

  struct Message {
    int sender;
    sim::Time created;
    std::set<int> to, received;
    sim::Time last = 0;
  };
  std::map<std::uint64_t, Message> sent;  // group messages created after the warm-up
  double copy_sum = 0, copies_received = 0;
  for (const core::HopRecord& r : records) {
    if (!core::SplitPart::is(core::Split::Group, r.message)) continue;
    const core::SplitPart copy = core::SplitPart::of(core::Split::Group, r.message);
    if (r.event == core::HopEvent::Create && r.time >= sim::from_seconds(s.warmup)) {
      Message& m = sent[copy.message];
      m.sender = t.index(r.node);
      m.created = r.time;
      m.to.insert(t.index(r.peer));
      CHECK(copy.index < copy.parts);
    }
    auto it = sent.find(copy.message);
    if (r.event == core::HopEvent::Fetch && it != sent.end()) {
      it->second.received.insert(t.index(r.node));
      it->second.last = r.time;
      copy_sum += sim::to_seconds(r.time - it->second.created);
      copies_received += 1;
    }
  }
  REQUIRE(sent.size() > 10);
  double completion_sum = 0;
  for (const auto& [id, m] : sent) {
    // The copies went to every other member of one of the sender's groups.
    bool one_group = false;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      std::set<int> others(groups.members(g).begin(), groups.members(g).end());
      if (!others.erase(m.sender)) continue;
      one_group |= others == m.to;
    }
    CHECK(one_group);
    CHECK(m.received == m.to);  // every copy fetched (the drain lets them all arrive)
    completion_sum += sim::to_seconds(m.last - m.created);
  }
  CHECK(figures->messages() == sent.size());
  CHECK(figures->lost() == 0);
  CHECK(figures->completion().count() == sent.size());
  CHECK(figures->completion().mean_seconds() == Approx(completion_sum / static_cast<double>(sent.size())).epsilon(1e-12));
  CHECK(static_cast<double>(figures->part_latency().count()) == copies_received);
  CHECK(figures->part_latency().mean_seconds() == Approx(copy_sum / copies_received).epsilon(1e-12));
  // A group message completes with its last copy, so after its mean copy.
  CHECK(figures->completion().mean_seconds() > figures->part_latency().mean_seconds());
}
