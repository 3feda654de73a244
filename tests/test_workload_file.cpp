// Replayed workloads (/workload/file): the file's checks (each bad row named by line and
// column), its path relative to the scenario, and a network that creates each message at its
// time, in as many parts as its size needs, from senders that have no Poisson workload.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "analysis/metrics.h"
#include "core/config/workload_file.h"
#include "core/model/split_message.h"
#include "support/network_fixture.h"
#include "support/temp_file.h"

namespace fs = std::filesystem;

namespace {

using test_support::write_file;

std::string error_of(const std::string& text, int clients = 10) {
  const fs::path file = write_file("w.csv", text);
  try {
    core::read_workload_file(file.string(), clients, 1008 * 4095);
  } catch (const core::CsvError& e) {
    const std::string message = e.what();
    return message.substr(file.string().size() + 2);  // without "FILE: "
  }
  return "";
}

const std::string kHeader = "time_s,sender,recipient,size_bytes\n";

}  // namespace

TEST_CASE("workload file: every bad row is named by its line and column", "[workload]") {
  CHECK(error_of("") == "expected the header \"time_s,sender,recipient,size_bytes\", got an empty file");
  CHECK(error_of("time,sender,recipient,size\n") ==
        "line 1: expected the header \"time_s,sender,recipient,size_bytes\", got \"time,sender,recipient,size\"");
  CHECK(error_of("# a comment\n" + kHeader + "1,2,3\n") == "line 3: expected 4 columns (time_s,sender,recipient,size_bytes), got 3");
  CHECK(error_of(kHeader + "1.5,2,3,100\n-1,2,3,100\n") == "line 3, column 1 (time_s): expected a number of seconds >= 0, got \"-1\"");
  CHECK(error_of(kHeader + "1,x,3,100\n") == "line 2, column 2 (sender): expected a client index below /topology/clients (10), got \"x\"");
  CHECK(error_of(kHeader + "1,2,10,100\n") == "line 2, column 3 (recipient): expected a client index below /topology/clients (10), got \"10\"");
  CHECK(error_of(kHeader + "1,2,2,100\n") == "line 2, column 3 (recipient): expected a client other than the sender, got \"2\"");
  CHECK(error_of(kHeader + "1,2,3,0\n") ==
        "line 2, column 4 (size_bytes): expected a size in bytes from 1 to 4127760 (4095 payloads), got \"0\"");
  CHECK(error_of(kHeader + "1,2,3,4127761\r\n") ==
        "line 2, column 4 (size_bytes): expected a size in bytes from 1 to 4127760 (4095 payloads), got \"4127761\"");
  CHECK(error_of(kHeader + "nan,2,3,1\n") == "line 2, column 1 (time_s): expected a number of seconds >= 0, got \"nan\"");
  CHECK(error_of(kHeader + "1,2,3," + std::string(2000, '9') + "\n") == "line 2: expected a line of at most 1000 bytes");
  // Not a file to read rows from: a folder, a device that never ends.
  for (const char* path : {"/tmp", "/dev/zero"}) {
    INFO(path);
    CHECK_THROWS_WITH(core::read_workload_file(path, 10, 1000), std::string(path) + ": expected a regular file (a CSV file)");
  }
  // Good rows in any order come back in time order, ties in file order; CRLF and empty lines are fine.
  const fs::path good = write_file("w.csv", kHeader + "5,1,2,10\r\n\n2,3,4,20\n5,0,1,30\n");
  const auto rows = core::read_workload_file(good.string(), 10, 1000);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].size_bytes == 20);
  CHECK(rows[1].size_bytes == 10);
  CHECK(rows[2].size_bytes == 30);
}

TEST_CASE("workload file: its path is relative to the scenario file, and a bad file is a scenario problem", "[workload]") {
  const fs::path csv = write_file("mail.csv", kHeader + "1,0,1,100\n");
  const fs::path scenario = csv.parent_path() / "s.json";
  std::ofstream(scenario) << R"({"workload": {"file": "mail.csv"}})";
  CHECK(core::load_scenario(scenario.string()).workload_file == csv.string());
  std::ofstream(csv) << kHeader << "1,0,100,100\n";  // client 100 of 100
  try {
    core::load_scenario(scenario.string());
    FAIL("a bad row was accepted");
  } catch (const core::ScenarioError& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK(e.problems()[0] == scenario.string() + ": /workload/file: " + csv.string() +
                                 ": line 2, column 3 (recipient): expected a client index below /topology/clients (100), got \"100\"");
  }
}

TEST_CASE("workload file: each message is created at its time, in parts, and its latency is its last part's",
          "[workload]") {
  // Client 0 sends three messages (one of 3 payloads), client 1 one; the others keep their
  // Poisson workload. 1008 bytes fit one payload (1024 less the 16-byte zero prefix).
  const fs::path csv = write_file("w.csv", kHeader + "20.5,0,5,1008\n12.25,0,6,2017\n31,1,0,1\n40,0,7,500\n");
  core::Scenario s = test_support::small_scenario(21);
  s.horizon = 60;
  s.drain = 60;
  s.payload_rate = 4;
  s.workload_file = csv.string();
  const core::Topology t(s);
  const std::vector<core::HopRecord> records = test_support::run_and_record(s);
  struct Message {
    sim::Time created = -1, last = 0;
    int sender = -1;
    std::set<int> recipients;
    std::uint32_t parts = 0, fetched = 0;
  };
  std::map<std::uint64_t, Message> file;
  std::size_t poisson_from_senders = 0, poisson_from_others = 0;
  for (const core::HopRecord& r : records) {
    const bool from_file = core::SplitPart::is(core::Split::File, r.message);
    if (r.event == core::HopEvent::Create && !from_file)
      ++(t.index(r.node) <= 1 ? poisson_from_senders : poisson_from_others);
    if (!from_file) continue;
    const core::SplitPart part = core::SplitPart::of(core::Split::File, r.message);
    Message& m = file[part.message];
    if (r.event == core::HopEvent::Create) {
      m.created = r.time;
      m.sender = t.index(r.node);
      m.recipients.insert(t.index(r.peer));
      m.parts = part.parts;
    }
    if (r.event == core::HopEvent::Fetch) {
      ++m.fetched;
      m.last = r.time;
    }
  }
  CHECK(poisson_from_senders == 0);
  CHECK(poisson_from_others > 100);
  REQUIRE(file.size() == 4);
  // In time order: 12.25 s (2017 bytes: 3 parts), 20.5 s (1008: 1), 31 s (1: 1), 40 s (500: 1).
  const double times[] = {12.25, 20.5, 31, 40};
  const std::uint32_t parts[] = {3, 1, 1, 1};
  const int senders[] = {0, 0, 1, 0}, recipients[] = {6, 5, 0, 7};
  double latency_sum = 0;
  for (std::uint64_t i = 0; i < 4; ++i) {
    INFO("row " << i);
    const Message& m = file.at(i);
    CHECK(m.created == sim::from_seconds(times[i]));
    CHECK(m.parts == parts[i]);
    CHECK(m.sender == senders[i]);
    CHECK(m.recipients == std::set<int>{recipients[i]});
    CHECK(m.fetched == parts[i]);
    latency_sum += sim::to_seconds(m.last - m.created);
  }
  analysis::Metrics metrics(s, t);
  for (const core::HopRecord& r : records) metrics.on_hop(r);
  metrics.finish();
  const analysis::SplitMessageFigures* figures = metrics.file_messages();
  REQUIRE(figures != nullptr);
  CHECK(figures->messages() == 4);
  CHECK(figures->parts() == 6);
  CHECK(figures->completion().count() == 4);
  CHECK(figures->completion().mean_seconds() == Approx(latency_sum / 4).epsilon(1e-12));
}
