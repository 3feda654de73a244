// Online periods from a file (/online/model schedule, /online/file): the file's checks (each
// bad row named by line and column), its path relative to the scenario, the share of the run
// it keeps a class online, and a network whose scheduled clients send only in their periods,
// with the analysis replaying the same periods.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "analysis/metrics.h"
#include "core/config/client_classes.h"
#include "core/config/online_schedule.h"
#include "support/network_fixture.h"
#include "support/temp_file.h"

namespace fs = std::filesystem;
using test_support::write_file;

namespace {

const std::string kHeader = "client,online_from_s,online_until_s\n";

std::string error_of(const std::string& text, int clients = 10) {
  const fs::path file = write_file("on.csv", text);
  try {
    core::read_online_schedule(file.string(), clients);
  } catch (const core::CsvError& e) {
    const std::string message = e.what();
    return message.substr(file.string().size() + 2);  // without "FILE: "
  }
  return "";
}

bool within(const std::vector<core::OnlinePeriod>& periods, sim::Time t) {
  for (const core::OnlinePeriod& p : periods)
    if (p.from <= t && t < p.until) return true;
  return false;
}

}  // namespace

TEST_CASE("online schedule: every bad row is named by its line and column, and touching periods are one", "[online]") {
  CHECK(error_of("client,from,until\n") ==
        "line 1: expected the header \"client,online_from_s,online_until_s\", got \"client,from,until\"");
  CHECK(error_of(kHeader + "10,0,5\n") == "line 2, column 1 (client): expected a client index below /topology/clients (10), got \"10\"");
  CHECK(error_of(kHeader + "1,-1,5\n") == "line 2, column 2 (online_from_s): expected a number of seconds from 0 to 2e9, got \"-1\"");
  CHECK(error_of(kHeader + "1,5,5\n") == "line 2, column 3 (online_until_s): expected a time after online_from_s, got \"5\"");
  CHECK(error_of(kHeader + "1,0,3e9\n") == "line 2, column 3 (online_until_s): expected a number of seconds from 0 to 2e9, got \"3e9\"");
  CHECK(error_of(kHeader + "1,10,20\n2,0,100\n1,0,10.5\n") ==
        "line 4: expected online periods of client 1 that do not overlap, but lines 2 and 4 do");
  // In any order; touching periods merge; other clients have none.
  const fs::path good = write_file("on.csv", kHeader + "3,20,30\n3,0,10\n3,10,15\n# a comment\n1,2.5,4\n");
  const core::OnlineSchedule schedule = core::read_online_schedule(good.string(), 5);
  REQUIRE(schedule.size() == 5);
  CHECK(schedule[0].empty());
  REQUIRE(schedule[1].size() == 1);
  CHECK(schedule[1][0].from == sim::from_seconds(2.5));
  REQUIRE(schedule[3].size() == 2);
  CHECK(schedule[3][0].from == 0);
  CHECK(schedule[3][0].until == sim::from_seconds(15));
  CHECK(schedule[3][1].from == sim::from_seconds(20));
  // Clients 1 to 3 over a 60 s run: 1.5 + 0 + 25 s of 180 s; a period past the horizon counts to it.
  CHECK(core::scheduled_share(schedule, 1, 3, sim::from_seconds(60)) == Approx(26.5 / 180));
  CHECK(core::scheduled_share(schedule, 3, 1, sim::from_seconds(25)) == Approx(20.0 / 25));
}

TEST_CASE("online schedule: the file is named by /online/file, relative to the scenario, for the scenario or a class",
          "[online]") {
  const fs::path csv = write_file("sessions.csv", kHeader + "0,0,30\n1,30,60\n");
  const fs::path scenario = csv.parent_path() / "s.json";
  std::ofstream(scenario) << R"({"topology": {"clients": 4}, "run": {"horizon": 60, "warmup": 10},
    "clients": {"classes": [{"name": "office", "count": 2, "online": {"model": "schedule", "file": "sessions.csv"}},
                            {"name": "home", "count": 2}]}})";
  const core::Scenario s = core::load_scenario(scenario.string());
  CHECK(s.classes[0].profile.online_file == csv.string());
  CHECK(s.classes[1].profile.online == core::Online::Always);
  // The office clients are online half the run each, the home clients throughout.
  const core::ClientClasses classes(s);
  CHECK(classes.online_share(classes.all()[0]) == Approx(0.5));
  CHECK(classes.total_rate(&core::ClientProfile::workload_rate) == Approx(0.5 * (2 * 0.5 + 2)));

  std::ofstream(csv) << kHeader << "0,0,30\n0,29,40\n";
  try {
    core::load_scenario(scenario.string());
    FAIL("overlapping periods were accepted");
  } catch (const core::ScenarioError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0] == scenario.string() + ": /clients/classes/0/online/file: " + csv.string() +
                                 ": line 3: expected online periods of client 0 that do not overlap, but lines 2 and 3 do");
  }
  std::ofstream(scenario) << R"({"online": {"model": "schedule"}})";
  try {
    core::load_scenario(scenario.string());
    FAIL("a schedule without a file was accepted");
  } catch (const core::ScenarioError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0] == scenario.string() +
                                 ": /online/file: expected the CSV file of the online periods, as /online/model is "
                                 "schedule, got \"\" (the default)");
  }
}

TEST_CASE("online schedule: a scheduled client sends only in its periods, and the analysis replays the same periods",
          "[online]") {
  // Clients 0 to 4 follow the file, 5 to 9 are always online; client 3 has no period.
  const fs::path csv = write_file("on.csv", kHeader + "0,0,15\n0,30,45\n1,5,25\n2,20,60\n4,10,20\n4,20,30\n");
  core::Scenario s = test_support::small_scenario(8);
  core::ClientClass office{"office", 5, -1, s.profile()}, home{"home", 5, -1, s.profile()};
  office.profile.online = core::Online::Schedule;
  office.profile.online_file = csv.string();
  s.classes = {office, home};
  const core::Topology t(s);
  const core::OnlineSchedule schedule = core::read_online_schedule(csv.string(), s.clients);
  const std::vector<core::HopRecord> records = test_support::run_and_record(s);

  std::map<int, std::size_t> sends, outside;
  std::size_t fetched_by_3 = 0, deposited_for_3 = 0, deposited_offline = 0;
  for (const core::HopRecord& r : records) {
    if (t.role(r.node) == core::Role::Client && r.event == core::HopEvent::Send) {
      const int c = t.index(r.node);
      ++sends[c];
      if (c < 5 && !within(schedule[static_cast<std::size_t>(c)], r.time)) ++outside[c];
    }
    fetched_by_3 += r.node == t.client(3) && r.event == core::HopEvent::Fetch ? 1 : 0;
    if (r.event == core::HopEvent::Deliver && t.role(r.node) == core::Role::Provider && r.peer != core::kNoNode &&
        t.role(r.peer) == core::Role::Client) {
      deposited_for_3 += r.peer == t.client(3) ? 1 : 0;
      const int c = t.index(r.peer);
      const bool away = c < 5 && !within(schedule[static_cast<std::size_t>(c)], r.time);
      deposited_offline += away && r.kind == core::TrafficKind::Payload && r.sent >= sim::from_seconds(s.warmup) ? 1 : 0;
    }
  }
  CHECK(outside.empty());
  CHECK(sends[3] == 0);
  // Each client sends about 4/s while online (lambda_P + lambda_L + lambda_D): 30 s, 20 s,
  // 40 s, 20 s for clients 0, 1, 2, 4, 60 s for the others.
  CHECK(sends[0] > 60);
  CHECK(sends[1] > 40);
  CHECK(sends[2] > 80);
  CHECK(sends[4] > 40);
  CHECK(sends[7] > 150);
  CHECK(deposited_for_3 > 0);
  CHECK(fetched_by_3 == 0);  // its inbox fills, and it never pulls

  analysis::Metrics metrics(s, t);
  for (const core::HopRecord& r : records) metrics.on_hop(r);
  metrics.finish();
  REQUIRE(metrics.inboxes() != nullptr);
  CHECK(deposited_offline > 10);
  CHECK(metrics.inboxes()->deposited_offline() == deposited_offline);
}
