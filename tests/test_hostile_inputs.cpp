// Traces and outputs under attack: every record of a trace we read is checked against the run
// beside it (a bad one is an error naming the record and its byte offset, exit code 2, nothing
// written), and an output lost to a full disk or a full standard output is an error with the
// operating system's reason, exit code 2.
#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "analysis/inbox_figures.h"
#include "analysis/pool_occupancy.h"
#include "core/bytes.h"
#include "core/config/scenario.h"
#include "core/model/topology/topology.h"
#include "core/trace.h"
#include "support/cli_fixture.h"
#include "support/hop_record.h"
#include "support/network_fixture.h"
#include "support/process.h"

namespace fs = std::filesystem;

namespace {

using test_support::cli_run;
using test_support::read_text;
using test_support::scratch;
using test_support::write_text;

const std::string kQuickstart = std::string(LOOPIX_SOURCE_DIR) + "/scenarios/quickstart.json";
const std::vector<std::string> kShort = {"--set", "run.horizon=20", "--set", "run.warmup=5", "--set", "crypto=none",
                                         "--quiet", "--trace"};

// A traced run of the short quickstart in a scratch folder of the test case TEST (test cases
// may run at once, each in its own process); each change works on a copy of it.
fs::path traced_run(const std::string& test) {
  const fs::path dir = scratch("hostile-" + test) / "run";
  std::vector<std::string> args = {"run", kQuickstart, "-o", dir.string()};
  args.insert(args.end(), kShort.begin(), kShort.end());
  REQUIRE(cli_run(args).code == 0);
  return dir;
}

fs::path copy_of_run(const fs::path& run, const std::string& name) {
  const fs::path dir = run.parent_path() / name;
  fs::remove_all(dir);
  fs::copy(run, dir, fs::copy_options::recursive);
  return dir;
}

std::size_t offset_of(std::uint64_t record) { return core::kTraceHeaderSize + record * core::kTraceRecordSize; }

// Overwrites record RECORD of the trace in DIR with CHANGE applied to it (at the byte level).
template <typename Change>
void patch_record(const fs::path& dir, std::uint64_t record, Change change) {
  std::string bytes = read_text(dir / "trace.bin");
  REQUIRE(offset_of(record) + core::kTraceRecordSize <= bytes.size());
  change(reinterpret_cast<std::uint8_t*>(bytes.data() + offset_of(record)));
  write_text(dir / "trace.bin", bytes);
}

// `analyze DIR` fails with exit code 2 and a message about record RECORD that contains
// EXPECTED, and writes no offline folder.
void require_rejected(const fs::path& dir, std::uint64_t record, const std::string& expected) {
  const auto r = cli_run({"analyze", dir.string()});
  INFO(r.err);
  CHECK(r.code == 2);
  CHECK(r.err.rfind("loopix-sim: " + (dir / "trace.bin").string() + ": record " + std::to_string(record) +
                        " (byte offset " + std::to_string(offset_of(record)) + "): expected ",
                    0) == 0);
  CHECK(r.err.find(expected) != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "offline"));
  // trace export reads it with the same checks and writes nothing.
  const auto exported = cli_run({"trace", "export", (dir / "trace.bin").string(), "--csv"});
  CHECK(exported.code == 2);
  CHECK(exported.out.empty());
  CHECK(exported.err == r.err);
}

}  // namespace

TEST_CASE("trace: a record naming a node past the topology, or a scenario with fewer clients, is an error") {
  const fs::path run = traced_run("ids");
  const core::Scenario scenario = core::load_scenario((run / "scenario.json").string());
  const std::uint32_t nodes = core::Topology(scenario).nodes();
  REQUIRE(cli_run({"analyze", copy_of_run(run, "valid").string()}).code == 0);  // the untouched trace is accepted

  const fs::path node = copy_of_run(run, "node");
  patch_record(node, 7, [&](std::uint8_t* r) { core::store_le<std::uint32_t>(r + 32, nodes); });
  require_rejected(node, 7, "a node id below " + std::to_string(nodes) + ", got " + std::to_string(nodes));

  const fs::path peer = copy_of_run(run, "peer");
  patch_record(peer, 3, [](std::uint8_t* r) { core::store_le<std::uint32_t>(r + 36, 4'000'000'000U); });
  require_rejected(peer, 3, "a peer id below " + std::to_string(nodes) + " (or none), got 4000000000");

  // The trace of this run, beside a scenario of 5 clients: the first record of a client past
  // the fifth is reported.
  const fs::path fewer = copy_of_run(run, "fewer");
  nlohmann::json document = nlohmann::json::parse(read_text(fewer / "scenario.json"));
  document["topology"]["clients"] = 5;
  write_text(fewer / "scenario.json", document.dump());
  const core::Topology small(core::load_scenario((fewer / "scenario.json").string()));
  core::TraceReader reader((fewer / "trace.bin").string());
  core::HopRecord rec;
  std::uint64_t first_bad = 0;
  while (reader.next(rec) && rec.node < small.nodes() && (rec.peer < small.nodes() || rec.peer == core::kNoNode))
    ++first_bad;
  REQUIRE(first_bad < reader.records());
  require_rejected(fewer, first_bad, "id below " + std::to_string(small.nodes()));
}

TEST_CASE("trace: event, kind and reason codes past their enums, and padding, are errors") {
  const fs::path run = traced_run("codes");
  const fs::path reason = copy_of_run(run, "reason");
  core::TraceReader reader((reason / "trace.bin").string());
  core::HopRecord rec;
  std::uint64_t drop = 0;
  while (reader.next(rec) && rec.event != core::HopEvent::Drop) ++drop;
  REQUIRE(drop < reader.records());
  patch_record(reason, drop, [](std::uint8_t* r) { r[42] = 13; });
  require_rejected(reason, drop, "a reason code below 13, got 13");

  const fs::path kind = copy_of_run(run, "kind");
  patch_record(kind, 0, [](std::uint8_t* r) { r[41] = 8; });
  require_rejected(kind, 0, "a kind code below 8, got 8");

  const fs::path event = copy_of_run(run, "event");
  patch_record(event, 2, [](std::uint8_t* r) { r[40] = 200; });
  require_rejected(event, 2, "an event code below 9, got 200");

  const fs::path none = copy_of_run(run, "no-reason");  // a Drop without a reason
  patch_record(none, drop, [](std::uint8_t* r) { r[42] = 0; });
  require_rejected(none, drop, "a reason for a drop and none for any other event");

  const fs::path padding = copy_of_run(run, "padding");
  patch_record(padding, 1, [](std::uint8_t* r) { r[47] = 1; });
  require_rejected(padding, 1, "zero bytes at offsets 43 to 47");
}

TEST_CASE("trace: times past the run, negative, out of order or before their send time are errors") {
  const fs::path run = traced_run("times");
  // One record far past the horizon: rejected at once instead of sampling up to its time.
  const fs::path late = copy_of_run(run, "late");
  const core::TraceReader count((late / "trace.bin").string());
  const std::uint64_t last = count.records() - 1;
  patch_record(late, last, [](std::uint8_t* r) { core::store_le<std::int64_t>(r, INT64_C(4'000'000'000'000'000'000)); });
  require_rejected(late, last, "a time within the run (at most 20000000000 ns), got 4000000000000000000 ns");

  const fs::path minimum = copy_of_run(run, "minimum");
  patch_record(minimum, 0, [](std::uint8_t* r) { core::store_le<std::int64_t>(r, INT64_MIN); });
  require_rejected(minimum, 0, "a time >= 0, got " + std::to_string(INT64_MIN) + " ns");

  const fs::path order = copy_of_run(run, "order");
  core::TraceReader reader((order / "trace.bin").string());
  core::HopRecord a, b;
  REQUIRE(reader.next(a));
  std::uint64_t i = 1;
  REQUIRE(a.time > 0);
  while (reader.next(b) && b.time == a.time) ++i;  // the first record later than the first one
  patch_record(order, i, [&](std::uint8_t* r) { core::store_le<std::int64_t>(r, a.time - 1); });
  require_rejected(order, i, "records in time order: time " + std::to_string(a.time - 1) + " ns comes after " +
                                 std::to_string(a.time) + " ns");

  const fs::path sent = copy_of_run(run, "sent");
  patch_record(sent, 5, [](std::uint8_t* r) { core::store_le<std::int64_t>(r + 8, core::load_le<std::int64_t>(r) + 1); });
  require_rejected(sent, 5, "a send time in [0, time ");
}

TEST_CASE("trace: a packet leaving a mix's pool or a provider's inboxes that it never entered is an error") {
  // Each record alone is well formed (the reader accepts it); only the sequence is impossible.
  // The run's wrapper (analysis/trace_replay.cpp) prefixes the record's location.
  const core::Scenario s = test_support::small_scenario();
  const core::Topology t(s);
  using core::HopEvent;
  using test_support::record;

  analysis::PoolOccupancy pools(t, 0);
  const core::NodeId mix = t.mix(1, 0);
  pools.on_hop(record(1.0, 7, mix, HopEvent::Enter));
  pools.on_hop(record(2.0, 7, mix, HopEvent::Leave));
  CHECK(pools.mix(t.index(mix)).size() == 0);
  CHECK_THROWS_WITH(pools.on_hop(record(3.0, 8, mix, HopEvent::Leave)),
                    "expected a packet to enter mix node " + std::to_string(mix) +
                        "'s pool before one leaves it, but the pool is empty");

  analysis::InboxFigures inboxes(s, t);
  const core::NodeId client = t.client(3), provider = t.provider_of(client);
  inboxes.on_hop(record(20.0, 9, provider, HopEvent::Deliver, client));
  inboxes.on_hop(record(21.0, 9, provider, HopEvent::Depart, client));
  CHECK(inboxes.stored()[static_cast<std::size_t>(t.index(provider))].size() == 0);
  CHECK_THROWS_WITH(inboxes.on_hop(record(22.0, 10, provider, HopEvent::Depart, client)),
                    "expected a message deposited at provider node " + std::to_string(provider) +
                        " before one departs it to client node " + std::to_string(client) +
                        ", but its inboxes are empty");
}

TEST_CASE("outputs: a full standard output or a file that cannot grow is an error with the reason, exit code 2") {
  const fs::path dir = scratch("full-outputs");
  // trace export, --list and validate into /dev/full.
  const std::string trace = (traced_run("outputs") / "trace.bin").string();
  const std::string sweep = write_text(dir / "s.json", R"({"base": {}, "grid": {"delays.mu": [1, 2]}})");
  for (const std::string& command : {"trace export " + trace + " --csv", "sweep --list " + sweep,
                                     "validate " + kQuickstart, std::string("--help")}) {
    const pid_t child = test_support::spawn("/bin/sh", {"-c", std::string(LOOPIX_COMMAND) + " " + command + " > /dev/full"},
                                            (dir / "log").string());
    INFO(command);
    CHECK(test_support::wait_for(child) == 2);
    CHECK(read_text(dir / "log") == "loopix-sim: standard output: cannot write: No space left on device\n");
  }

  // A trace that cannot grow past 100 kB: the run names the file and the reason, and leaves
  // neither the trace nor a temporary behind.
  const fs::path out = dir / "run";
  const pid_t child = test_support::spawn(LOOPIX_COMMAND, {"run", kQuickstart, "-o", out.string(), "--set", "run.horizon=40",
                                                           "--set", "crypto=none", "--quiet", "--trace"},
                                          (dir / "log").string(), 100'000);
  CHECK(test_support::wait_for(child) == 2);
  const std::string log = read_text(dir / "log");
  INFO(log);
  CHECK(log.rfind("loopix-sim: " + (out / "trace.bin").string() + ": cannot write: File too large\n", 0) == 0);
  CHECK_FALSE(fs::exists(out / "trace.bin"));
  CHECK_FALSE(fs::exists(out / "summary.json"));
  for (const auto& entry : fs::directory_iterator(out)) CHECK(entry.path().extension() != ".tmp");
}

TEST_CASE("numbers: --seed takes only 0 to 2^64-1, and the slowest rates run without overflow") {
  const fs::path dir = scratch("numbers");
  for (const std::string seed : {"-1", "18446744073709551616", "1e3"}) {
    const auto r = cli_run({"run", kQuickstart, "-o", (dir / "bad").string(), "--seed", seed, "--quiet"});
    CHECK(r.code == 2);
    CHECK(r.err == "loopix-sim: --seed: expected an integer in [0, 18446744073709551615], got " + seed +
                       "\nRun with --help for usage.\n");
  }
  CHECK_FALSE(fs::exists(dir / "bad"));
  // mu and a loop rate at the limit 1e-9/s: their draws (means of 1e9 s, tails far longer) are
  // cut beyond the run's end instead of overflowing into negative delays (every packet was
  // dropped as malformed when 1/mu overflowed).
  const auto r = cli_run({"run", kQuickstart, "-o", (dir / "slow").string(), "--seed", "18446744073709551615",
                          "--set", "delays.mu=1e-9", "--set", "traffic.loop_rate=1e-9", "--set", "run.horizon=30",
                          "--set", "crypto=none", "--quiet"});
  REQUIRE(r.code == 0);
  const auto summary = nlohmann::json::parse(read_text(dir / "slow" / "summary.json"));
  CHECK(summary["seed"] == 18446744073709551615ULL);
  CHECK(summary["kinds"]["payload"]["sent"].get<std::uint64_t>() > 0);
  CHECK(summary["kinds"]["payload"]["delivered"] == 0);  // every payload waits at its first mix
  for (const auto& [kind, figures] : summary["kinds"].items()) CHECK(figures["dropped"]["malformed"] == 0);
}
