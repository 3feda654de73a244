// The loopix-sim command end to end: run writes a complete results folder, outputs are
// byte-identical for the same seed, bad input ends with a clear message and exit code 2.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/digest.h"
#include "core/trace.h"
#include "version.h"
#include "support/cli_fixture.h"

namespace fs = std::filesystem;

namespace {

using test_support::read_text;

using Result = test_support::CliResult;
using test_support::cli_run;
using test_support::scratch;


const std::string kQuickstart = std::string(LOOPIX_SOURCE_DIR) + "/scenarios/quickstart.json";
// The quickstart shortened and without cryptography, so end-to-end tests stay quick.
const std::vector<std::string> kShort = {"--set", "run.horizon=40", "--set", "run.warmup=5", "--set", "crypto=none",
                                         "--quiet"};

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

nlohmann::json without_timing(const fs::path& summary) {
  auto j = nlohmann::json::parse(read_text(summary));
  j.erase("timing");
  j.erase("provenance");
  return j;
}

// Replaying and corrupt mixes, targets of two senders sampled, and a challenge: every metric
// has something to count.
const std::vector<std::string> kEveryMetric = {
    "--trace", "--set", "adversary.replay=[4]", "--set", "adversary.corrupt=[2, 7]", "--set",
    "anonymity.senders=[0, 1, 2]", "--set", "anonymity.sample=0.5", "--set",
    R"(anonymity.levels=["message", "sender"])", "--set", "challenge.senders=[3, 4]", "--set",
    "challenge.recipient=5", "--set", "challenge.duration=30", "--set", "adversary.corrupt_providers=[1]",
    "--set", "adversary.gpa=true", "--set", "adversary.window=2"};

const char* const kMetricCsvs[] = {"nodes.csv",     "entropy.csv",           "latency.csv",  "pool.csv",
                                   "anonymity.csv", "anonymity_message.csv", "challenge.csv", "unobservability.csv"};

// Runs `analyze` on the results folder RUN and checks that its offline files equal the run's;
// returns the run's summary.
nlohmann::json require_offline_equals_online(const fs::path& run) {
  Result r = cli_run({"analyze", run.string()});
  INFO(r.err);
  REQUIRE(r.code == 0);
  auto online = nlohmann::json::parse(read_text(run / "summary.json"));
  const auto offline = nlohmann::json::parse(read_text(run / "offline" / "analysis.json"));
  nlohmann::json figures = online;
  for (const char* only_online : {"events_processed", "drained_until_s", "timing", "provenance"}) figures.erase(only_online);
  CHECK(offline == figures);
  for (const char* csv : kMetricCsvs) CHECK(read_text(run / "offline" / csv) == read_text(run / csv));
  return online;
}

}  // namespace

TEST_CASE("cli: run writes the resolved scenario, summary, per-node CSV and trace", "[cli]") {
  fs::path dir = scratch("run") / "out";
  Result r = cli_run(with({"run", kQuickstart, "-o", dir.string(), "--trace"}, kShort));
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.empty());  // --quiet
  for (const char* f : {"scenario.json", "summary.json", "nodes.csv", "entropy.csv", "trace.bin"})
    CHECK(fs::exists(dir / f));
  for (const auto& entry : fs::directory_iterator(dir)) CHECK(entry.path().extension() != ".tmp");

  auto resolved = nlohmann::json::parse(read_text(dir / "scenario.json"));
  CHECK(resolved["run"]["horizon"] == 40);
  CHECK(resolved["topology"]["clients"] == 100);

  auto summary = nlohmann::json::parse(read_text(dir / "summary.json"));
  CHECK(summary["seed"] == 1);
  CHECK(summary["events_processed"].get<std::uint64_t>() > 10000);
  for (const char* kind : {"payload", "loop", "drop", "mix_loop", "dummy"}) {
    const auto& k = summary["kinds"][kind];
    std::uint64_t dropped = 0;
    for (const auto& [reason, n] : k["dropped"].items()) dropped += n.get<std::uint64_t>();
    CHECK(k["sent"].get<std::uint64_t>() == k["delivered"].get<std::uint64_t>() + dropped + k["in_flight"].get<std::uint64_t>());
  }
  CHECK(summary["kinds"]["drop"]["dropped"]["cover"].get<std::uint64_t>() > 0);
  CHECK(summary["mixes"].size() == 9);

  // One CSV row per node: 3 providers + 9 mixes + 100 clients, plus the header.
  // A mix's throughput is its lambda in summary.json; a client's, what it sent per second.
  std::istringstream csv(read_text(dir / "nodes.csv"));
  std::string line;
  int rows = 0;
  while (std::getline(csv, line)) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    if (rows++ == 0) {
      CHECK(cells[11] == "throughput_packets_per_s");
      continue;
    }
    if (cells[0] == "3") CHECK(std::stod(cells[11]) == summary["mixes"][0]["lambda_per_s"].get<double>());
    if (cells[1] == "client") CHECK(std::stod(cells[11]) == Approx(std::stod(cells[5]) / 35).epsilon(1e-12));
  }
  CHECK(rows == 1 + 3 + 9 + 100);

  // The trace holds exactly the hop events the summary counted.
  core::TraceReader trace((dir / "trace.bin").string());
  CHECK(trace.records() == summary["hop_events"].get<std::uint64_t>());
  CHECK(fs::file_size(dir / "trace.bin") == core::kTraceHeaderSize + trace.records() * core::kTraceRecordSize);
}

TEST_CASE("cli: the same seed gives byte-identical outputs in either crypto mode, another seed another trace",
          "[cli][sphinx]") {
  fs::path base = scratch("determinism");
  const std::vector<std::string> small = {"--set", "run.horizon=15", "--set", "run.warmup=2", "--set",
                                          "topology.clients=20", "--trace", "--quiet"};
  auto run = [&](const char* name, const std::vector<std::string>& options) {
    REQUIRE(cli_run(with(with({"run", kQuickstart, "-o", (base / name).string()}, small), options)).code == 0);
  };
  run("a", {});  // Sphinx, the scenario's mode
  run("b", {});
  run("none", {"--set", "crypto=none"});
  run("c", {"--set", "crypto=none", "--seed", "2"});
  for (const char* other : {"b", "none"}) {
    INFO("run a against " << other);
    CHECK(read_text(base / "a" / "trace.bin") == read_text(base / other / "trace.bin"));
    CHECK(read_text(base / "a" / "nodes.csv") == read_text(base / other / "nodes.csv"));
    // summary.json is identical but for its "timing" and "provenance" (wall clock, command line).
    CHECK(without_timing(base / "a" / "summary.json") == without_timing(base / other / "summary.json"));
  }
  CHECK(read_text(base / "a" / "scenario.json") == read_text(base / "b" / "scenario.json"));
  CHECK(nlohmann::json::parse(read_text(base / "a" / "scenario.json"))["crypto"] == "sphinx");
  CHECK(read_text(base / "none" / "trace.bin") != read_text(base / "c" / "trace.bin"));
  CHECK(without_timing(base / "none" / "summary.json") != without_timing(base / "c" / "summary.json"));
}

TEST_CASE("cli: a non-empty results folder is not overwritten without --force", "[cli]") {
  fs::path dir = scratch("force");
  std::ofstream(dir / "notes.txt") << "mine";
  Result r = cli_run(with({"run", kQuickstart, "-o", dir.string()}, kShort));
  CHECK(r.code == 2);
  CHECK(r.err == "loopix-sim: " + dir.string() + ": results folder is not empty (use --force to overwrite it)\n");
  CHECK_FALSE(fs::exists(dir / "summary.json"));
  CHECK(cli_run(with({"run", kQuickstart, "-o", dir.string(), "--force"}, kShort)).code == 0);
  CHECK(fs::exists(dir / "summary.json"));
  CHECK(read_text(dir / "notes.txt") == "mine");
}

TEST_CASE("cli: a bad scenario is reported with file, JSON path and exit code 2, and nothing is written", "[cli]") {
  fs::path dir = scratch("bad");
  fs::path file = dir / "bad.json";
  std::ofstream(file) << R"({"topology": {"layers": 0}, "delays": {"mu": -1}})";
  Result r = cli_run({"run", file.string(), "-o", (dir / "out").string(), "--quiet"});
  CHECK(r.code == 2);
  CHECK(r.err.find(file.string() + ": /topology/layers: ") != std::string::npos);
  CHECK(r.err.find(file.string() + ": /delays/mu: ") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out"));

  Result v = cli_run({"validate", kQuickstart, file.string()});
  CHECK(v.code == 2);
  CHECK(v.out == kQuickstart + ": ok\n");
  CHECK(v.err.find("/topology/layers") != std::string::npos);
}

TEST_CASE("cli: --set overrides are typed and validated like the file", "[cli]") {
  fs::path dir = scratch("set");
  Result r = cli_run({"run", kQuickstart, "-o", (dir / "out").string(), "--set", "topology.layers=0", "--quiet"});
  CHECK(r.code == 2);
  CHECK(r.err.find("/topology/layers") != std::string::npos);
  Result ok = cli_run(with({"run", kQuickstart, "-o", (dir / "ok").string(), "--set", "topology.layers=2"}, kShort));
  REQUIRE(ok.code == 0);
  CHECK(nlohmann::json::parse(read_text(dir / "ok" / "scenario.json"))["topology"]["layers"] == 2);
}

TEST_CASE("cli: trace export writes one CSV row per record, a bad trace is a clear error", "[cli]") {
  fs::path dir = scratch("export");
  REQUIRE(cli_run(with({"run", kQuickstart, "-o", (dir / "run").string(), "--trace"}, kShort)).code == 0);
  core::TraceReader trace((dir / "run" / "trace.bin").string());
  Result r = cli_run({"trace", "export", (dir / "run" / "trace.bin").string(), "--csv", "-o", (dir / "t.csv").string()});
  REQUIRE(r.code == 0);
  std::istringstream csv(read_text(dir / "t.csv"));
  std::string header, first;
  std::getline(csv, header);
  std::getline(csv, first);
  CHECK(header == "time_ns,sent_ns,packet,message,node,peer,event,kind,reason");
  core::HopRecord rec;
  REQUIRE(trace.next(rec));
  std::ostringstream expected;
  expected << rec.time << ',' << rec.sent << ',' << rec.packet << ',' << rec.message << ',' << rec.node << ','
           << rec.peer << ",send," << core::name(rec.kind) << ",none";
  CHECK(first == expected.str());
  std::uint64_t rows = 1;
  std::string line;
  while (std::getline(csv, line)) ++rows;
  CHECK(rows == trace.records());

  std::ofstream(dir / "junk.bin") << "not a trace at all, just text";
  Result bad = cli_run({"trace", "export", (dir / "junk.bin").string(), "--csv"});
  CHECK(bad.code == 2);
  CHECK(bad.err == "loopix-sim: " + (dir / "junk.bin").string() +
                       ": not a loopix-sim trace (expected the header \"LOOPIXTR\")\n");
}

TEST_CASE("cli: unknown flags and missing arguments exit with code 2, --version and --help exit 0", "[cli]") {
  CHECK(cli_run({"run"}).code == 2);
  CHECK(cli_run({"run", kQuickstart, "--no-such-flag"}).code == 2);
  CHECK(cli_run({"frobnicate"}).code == 2);
  Result v = cli_run({"--version"});
  CHECK(v.code == 0);
  CHECK(v.out.find("loopix-sim ") == 0);
  Result h = cli_run({"run", "--help"});
  CHECK(h.code == 0);
  CHECK(h.out.find("--trace") != std::string::npos);
}

TEST_CASE("cli: --progress prints a status line on stderr, --quiet silences it", "[cli]") {
  fs::path dir = scratch("progress");
  std::vector<std::string> args = {"run", kQuickstart, "--set", "run.horizon=20", "--set", "run.warmup=0",
                                   "--set", "crypto=none"};
  Result shown = cli_run(with(args, {"-o", (dir / "a").string(), "--progress"}));
  REQUIRE(shown.code == 0);
  CHECK(shown.err.find("[loopix-sim] t=20.0 s (100.0%)") != std::string::npos);
  CHECK(shown.err.find("M events/s") != std::string::npos);
  CHECK(shown.err.find("sim-s/s") != std::string::npos);
  Result quiet = cli_run(with(args, {"-o", (dir / "b").string(), "--progress", "--quiet"}));
  REQUIRE(quiet.code == 0);
  CHECK(quiet.err.empty());
  CHECK(quiet.out.empty());
}

TEST_CASE("cli: a progress listener is told how far a run and a sweep are, quiet or not", "[cli]") {
  const fs::path dir = scratch("progress-listener");
  std::vector<sim::Progress> told;
  std::vector<std::string> units;  // a Progress's unit is a view, valid during the call only
  const sim::ProgressListener listener = [&](const sim::Progress& p) {
    told.push_back(p);
    units.emplace_back(p.unit);
  };
  REQUIRE(cli_run({"run", kQuickstart, "-o", (dir / "run").string(), "--set", "run.horizon=20", "--set",
                   "run.warmup=0", "--set", "crypto=none", "--quiet"},
                  listener)
              .code == 0);
  REQUIRE(!told.empty());
  CHECK(told.back().done == 20.0);  // the drain is 0: the run ends at its horizon
  CHECK(told.back().total == 20.0);
  CHECK(told.back().final);
  CHECK(units.back() == "s");

  told.clear();
  units.clear();
  const std::string sweep = test_support::write_text(
      dir / "sweep.json", R"({"name": "told", "base": {"name": "b", "crypto": "none", "run": {"horizon": 10, "warmup": 0},
      "topology": {"clients": 6, "providers": 2, "layers": 2, "mixes_per_layer": 1}}, "grid": {"delays.mu": [2, 4, 8]}})");
  REQUIRE(cli_run({"sweep", sweep, "-o", (dir / "sweep").string(), "-j", "2", "--quiet"}, listener).code == 0);
  REQUIRE(told.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(told[i].done == static_cast<double>(i + 1));
    CHECK(told[i].total == 3.0);
    CHECK(told[i].final == (i == 2));
    CHECK(units[i] == "runs");
  }
}

TEST_CASE("cli: a listener that throws Interrupted stops a run at once and a sweep after its run under way",
          "[cli]") {
  const fs::path dir = scratch("interrupted");
  int calls = 0;
  const sim::ProgressListener interrupt = [&](const sim::Progress&) {
    ++calls;
    throw sim::Interrupted();
  };
  // A run of a million simulated seconds, stopped at the listener's first call (after 250 ms).
  const Result run = cli_run({"run", kQuickstart, "-o", (dir / "run").string(), "--set", "run.horizon=1000000",
                              "--set", "crypto=none", "--trace", "--quiet"},
                             interrupt);
  CHECK(run.code == 130);
  CHECK(run.err == "loopix-sim: interrupted\n");
  CHECK(calls == 1);
  CHECK(fs::is_empty(dir / "run"));  // nothing written, not even the trace

  calls = 0;
  const std::string sweep = test_support::write_text(
      dir / "sweep.json", R"({"name": "cut", "base": {"name": "b", "crypto": "none", "run": {"horizon": 10, "warmup": 0},
      "topology": {"clients": 6, "providers": 2, "layers": 2, "mixes_per_layer": 1}}, "grid": {"delays.mu": [2, 4, 8]}})");
  const Result swept = cli_run({"sweep", sweep, "-o", (dir / "sweep").string(), "-j", "1", "--quiet"}, interrupt);
  CHECK(swept.code == 130);
  CHECK(calls == 1);
  std::vector<std::string> complete;
  for (const auto& run_dir : fs::directory_iterator(dir / "sweep" / "runs"))
    if (fs::exists(run_dir.path() / "summary.json")) complete.push_back(run_dir.path().filename().string());
  CHECK(complete.size() == 1);
  CHECK_FALSE(fs::exists(dir / "sweep" / "sweep.csv"));
  // Run again, it resumes: the other two runs, then the tables.
  REQUIRE(cli_run({"sweep", sweep, "-o", (dir / "sweep").string(), "-j", "1", "--quiet"}).code == 0);
  CHECK(fs::exists(dir / "sweep" / "sweep.csv"));
}

TEST_CASE("cli: analyze recomputes every metric from the trace, equal to the online figures", "[cli][oracle]") {
  fs::path dir = scratch("analyze");
  REQUIRE(cli_run(with(with({"run", kQuickstart, "-o", (dir / "run").string()}, kEveryMetric), kShort)).code == 0);
  const nlohmann::json online = require_offline_equals_online(dir / "run");
  CHECK(online["entropy"]["mixes"].size() == 9);
  CHECK(online["entropy"]["mean_over_mixes_bits"].get<double>() > 1.0);
  CHECK(online["anonymity"]["sender"]["delivered"].get<int>() > 10);
  CHECK(online["anonymity"]["message"]["complete"].get<int>() > 10);
  CHECK(online["unlinkability"]["challenges"].get<int>() > 5);
  CHECK(online["mixes"][2]["corrupt"] == true);
  CHECK(online["mixes"][3]["corrupt"] == false);
  CHECK(online["adversary"]["receiver_unobservability"]["evidence"] == "mixed");  // deposits at provider 1, pulls elsewhere
  CHECK(online["adversary"]["sender_unobservability"]["observed_clients"] == 100);  // every client, on its link

  REQUIRE(cli_run(with({"run", kQuickstart, "-o", (dir / "untraced").string()}, kShort)).code == 0);
  Result missing = cli_run({"analyze", (dir / "untraced").string()});
  CHECK(missing.code == 2);
  CHECK(missing.err == "loopix-sim: " + (dir / "untraced" / "trace.bin").string() +
                           ": cannot read file (analyze needs a run made with --trace)\n");
}

TEST_CASE("cli: analyze -o writes elsewhere, and --warmup gives the figures of a run with that warm-up", "[cli]") {
  // Without challengers (whose messages start at the warm-up) the warm-up changes no record,
  // only where the figures start counting.
  fs::path dir = scratch("analyze-warmup");
  const std::vector<std::string> quiet = with(kShort, {"--set", "challenge.senders=[]"});
  REQUIRE(cli_run(with({"run", kQuickstart, "-o", (dir / "run").string(), "--trace"}, quiet)).code == 0);
  REQUIRE(cli_run(with(with({"run", kQuickstart, "-o", (dir / "later").string()}, quiet), {"--set", "run.warmup=12.5"})).code == 0);
  const Result r = cli_run({"analyze", (dir / "run").string(), "-o", (dir / "out").string(), "--warmup", "12.5"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK_FALSE(fs::exists(dir / "run" / "offline"));
  nlohmann::json expected = nlohmann::json::parse(read_text(dir / "later" / "summary.json"));
  for (const char* only_online : {"events_processed", "drained_until_s", "timing", "provenance"}) expected.erase(only_online);
  const nlohmann::json offline = nlohmann::json::parse(read_text(dir / "out" / "analysis.json"));
  CHECK(offline["warmup_s"] == 12.5);
  CHECK(offline == expected);
  for (const char* csv : kMetricCsvs) CHECK(read_text(dir / "out" / csv) == read_text(dir / "later" / csv));
  CHECK(offline != nlohmann::json::parse(read_text(dir / "run" / "summary.json")));  // the warm-up mattered

  const Result late = cli_run({"analyze", (dir / "run").string(), "--warmup", "40"});
  CHECK(late.code == 2);
  CHECK(late.err == "loopix-sim: --warmup: expected a number of seconds below the run's horizon (40 s), got 40\n");
  const Result negative = cli_run({"analyze", (dir / "run").string(), "--warmup", "-1"});
  CHECK(negative.code == 2);
  CHECK(negative.err.find("--warmup") != std::string::npos);
  const Result own = cli_run({"analyze", (dir / "run").string(), "-o", (dir / "run").string()});
  CHECK(own.code == 2);
  CHECK(own.err == "loopix-sim: -o " + (dir / "run").string() +
                       ": expected a folder other than the run's own (its files would be overwritten)\n");
}

TEST_CASE("cli: analyze on a drained run equals the online figures", "[cli][oracle]") {
  fs::path dir = scratch("analyze-drained");
  REQUIRE(cli_run(with(with({"run", kQuickstart, "-o", (dir / "run").string(), "--set", "run.drain=30"}, kEveryMetric),
                       kShort))
              .code == 0);
  const nlohmann::json online = require_offline_equals_online(dir / "run");
  CHECK(online["kinds"]["payload"]["in_flight"] == 0);
  CHECK(online["anonymity"]["sender"]["in_flight"] == 0);
}

TEST_CASE("cli: every metric runs for every mix strategy and topology kind, offline equal to online",
          "[cli][oracle][strategy][topology]") {
  fs::path dir = scratch("analyze-strategies");
  for (const std::string setting : {"mixes.strategy=round", "mixes.strategy=timed_pool", "mixes.strategy=threshold",
                                    "topology.kind=cascade", "topology.kind=free_route"}) {
    INFO(setting);
    const fs::path run = dir / setting;
    REQUIRE(cli_run(with(with({"run", kQuickstart, "-o", run.string(), "--set", setting, "--set", "mixes.round=0.5",
                               "--set", "mixes.period=0.5", "--set", "mixes.keep=3", "--set", "mixes.threshold=5",
                               "--set", "topology.chains=3", "--set", "run.drain=30"},
                              kEveryMetric),
                         kShort))
                .code == 0);
    const nlohmann::json online = require_offline_equals_online(run);
    CHECK(online["entropy"]["mean_over_mixes_bits"].get<double>() > 1.0);
    CHECK(online["anonymity"]["sender"]["delivered"].get<int>() > 10);
    CHECK(online["anonymity"]["message"]["complete"].get<int>() > 10);
    CHECK(online["unlinkability"]["challenges"].get<int>() > 5);
  }
}

TEST_CASE("cli: a drain ends the packets in flight and leaves the run up to the horizon as it was", "[cli]") {
  fs::path dir = scratch("drain");
  REQUIRE(cli_run(with({"run", kQuickstart, "-o", (dir / "cut").string(), "--trace"}, kShort)).code == 0);
  REQUIRE(cli_run(with({"run", kQuickstart, "-o", (dir / "drained").string(), "--trace", "--set", "run.drain=30"}, kShort))
              .code == 0);
  const auto cut = nlohmann::json::parse(read_text(dir / "cut" / "summary.json"));
  const auto drained = nlohmann::json::parse(read_text(dir / "drained" / "summary.json"));
  CHECK(cut["drain_s"] == 0.0);
  CHECK(cut["drained_until_s"] == 40.0);
  CHECK(drained["drain_s"] == 30.0);
  CHECK(drained["drained_until_s"].get<double>() > 40.0);
  CHECK(drained["drained_until_s"].get<double>() < 70.0);  // it ended once no packet was in flight

  // Every kind keeps its cohort; what was in flight at the horizon is delivered or dropped.
  CHECK(cut["kinds"]["payload"]["in_flight"].get<int>() > 10);
  for (const char* kind : {"payload", "loop", "drop", "mix_loop", "dummy"}) {
    INFO(kind);
    const auto &before = cut["kinds"][kind], &after = drained["kinds"][kind];
    CHECK(after["sent"] == before["sent"]);
    CHECK(after["in_flight"] == 0);
    CHECK(after["fetched"] == before["fetched"]);  // pulls stop at the horizon
  }
  // The time-weighted and per-time figures cover [warm-up, horizon] either way.
  for (const char* figure : {"mixes", "entropy", "pool_mean_over_mixes", "lambda_mean_over_mixes_per_s"})
    CHECK(drained[figure] == cut[figure]);
  for (const char* csv : {"nodes.csv", "pool.csv", "entropy.csv"})
    CHECK(read_text(dir / "drained" / csv) == read_text(dir / "cut" / csv));

  // The drained trace continues the other, without a single Send.
  const std::string a = read_text(dir / "cut" / "trace.bin"), b = read_text(dir / "drained" / "trace.bin");
  REQUIRE(b.size() > a.size());
  CHECK(b.compare(0, a.size(), a) == 0);
  std::size_t sends = 0;
  for (std::size_t at = a.size(); at < b.size(); at += core::kTraceRecordSize)
    sends += core::decode_record(reinterpret_cast<const std::uint8_t*>(b.data() + at)).event == core::HopEvent::Send;
  CHECK(sends == 0);
}

TEST_CASE("cli: latency.csv and pool.csv are tidy histograms that add up", "[cli]") {
  fs::path dir = scratch("histograms");
  REQUIRE(cli_run(with({"run", kQuickstart, "-o", dir.string(), "--force"}, kShort)).code == 0);
  const auto summary = nlohmann::json::parse(read_text(dir / "summary.json"));

  std::istringstream latency(read_text(dir / "latency.csv"));
  std::string line;
  std::getline(latency, line);
  CHECK(line == "kind,bin_low_s,bin_high_s,packets,gamma_packets");
  std::map<std::string, double> counted, expected;
  while (std::getline(latency, line)) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    if (line.back() == ',') cells.push_back("");
    REQUIRE(cells.size() == 5);
    counted[cells[0]] += std::stod(cells[3]);
    if (!cells[4].empty()) expected[cells[0]] += std::stod(cells[4]);
  }
  // Every delivered payload but the longest 0.1% is in a bin; the Gamma expectation covers
  // the same range, so it sums to about the same.
  const double delivered = summary["kinds"]["payload"]["delivered"].get<double>();
  CHECK(counted["payload"] <= delivered);
  CHECK(counted["payload"] >= 0.998 * delivered);
  CHECK(expected["payload"] == Approx(delivered).epsilon(0.01));
  CHECK(expected.count("dummy") == 0);  // no delays, no Gamma

  std::istringstream pool(read_text(dir / "pool.csv"));
  std::getline(pool, line);
  CHECK(line == "node,layer,position,pool_packets,time_fraction,poisson_fraction");
  std::map<int, double> time_total;
  while (std::getline(pool, line)) {
    std::stringstream row(line);
    std::string node, layer, index, size, fraction;
    std::getline(row, node, ',');
    std::getline(row, layer, ',');
    std::getline(row, index, ',');
    std::getline(row, size, ',');
    std::getline(row, fraction, ',');
    time_total[std::stoi(node)] += std::stod(fraction);
  }
  REQUIRE(time_total.size() == 9);
  for (const auto& [node, total] : time_total) CHECK(total == Approx(1.0).epsilon(1e-6));
}

TEST_CASE("cli: plot draws a run's figures into its plots folder", "[cli][plot]") {
  fs::path dir = scratch("plot-run");
  REQUIRE(cli_run(with({"run", kQuickstart, "-o", dir.string(), "--force"}, kShort)).code == 0);
  Result r = cli_run({"plot", dir.string()});
  INFO(r.err);
  REQUIRE(r.code == 0);
  for (const char* f : {"entropy.png", "entropy.svg", "latency_payload.png", "latency_mix_loop.svg", "pool.png"})
    CHECK(fs::file_size(dir / "plots" / f) > 1000);
  CHECK(read_text(dir / "plots" / "entropy.png").rfind("\x89PNG", 0) == 0);
  Result bad = cli_run({"plot", (dir / "no-such-folder").string()});
  CHECK(bad.code == 2);
}

TEST_CASE("cli: summary.json and sweep.json say what made them: version, commit, command line, host, start, scenario digest", "[cli]") {
  // SHA-256 itself, on the standard's test vector.
  CHECK(core::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const fs::path dir = scratch("provenance");
  const std::vector<std::string> args = with({"run", kQuickstart, "-o", (dir / "run").string()}, kShort);
  REQUIRE(cli_run(args).code == 0);
  const auto p = nlohmann::json::parse(read_text(dir / "run" / "summary.json"))["provenance"];
  CHECK(p["version"] == LOOPIX_SIM_VERSION);
  CHECK(p["commit"] == LOOPIX_SIM_COMMIT);
  CHECK(p["commit"].get<std::string>().size() >= 7);
  CHECK(p["command_line"] == with({"loopix-sim"}, args));
  CHECK_FALSE(p["host"].get<std::string>().empty());
  const std::string started = p["started_utc"];
  CHECK(started.size() == 20);
  CHECK(started.substr(0, 2) == "20");
  CHECK(started.back() == 'Z');
  CHECK(p["scenario_sha256"] == core::sha256_hex(read_text(dir / "run" / "scenario.json")));

  const std::string sweep = test_support::write_text(dir / "s.json", R"({"base": {"crypto": "none", "run": {"horizon": 10, "warmup": 1}}})");
  REQUIRE(cli_run({"sweep", sweep, "-o", (dir / "sweep").string(), "--quiet"}).code == 0);
  const auto manifest = nlohmann::json::parse(read_text(dir / "sweep" / "sweep.json"));
  CHECK(manifest["provenance"]["command_line"] ==
        std::vector<std::string>{"loopix-sim", "sweep", sweep, "-o", (dir / "sweep").string(), "--quiet"});
  const std::string id = manifest["runs"][0]["id"];
  const auto run = nlohmann::json::parse(read_text(dir / "sweep" / "runs" / id / "summary.json"))["provenance"];
  CHECK(run["command_line"] == manifest["provenance"]["command_line"]);
  CHECK(run["scenario_sha256"] == core::sha256_hex(read_text(dir / "sweep" / "runs" / id / "scenario.json")));
}

TEST_CASE("cli: client classes with online periods and small inboxes: inbox figures, offline equal to online",
          "[cli][oracle][classes][online]") {
  fs::path dir = scratch("analyze-classes");
  const std::string classes =
      R"(clients.classes=[{"name": "heavy", "share": 0.2, "workload": {"rate": 2}},
                          {"name": "light", "share": 0.8, "workload": {"contacts": 3, "popularity": "zipf"},
                           "online": {"model": "alternating", "on": {"mean": 10},
                                      "off": {"distribution": "lognormal", "mean": 5, "sigma": 0.5}}}])";
  REQUIRE(cli_run(with(with({"run", kQuickstart, "-o", (dir / "run").string(), "--set", classes, "--set",
                             "pull.inbox_capacity=2"},
                            kEveryMetric),
                       kShort))
              .code == 0);
  const nlohmann::json online = require_offline_equals_online(dir / "run");
  const nlohmann::json& inbox = online["inbox"];
  CHECK(inbox["deposited"].get<int>() > 100);
  CHECK(inbox["deposited_offline"].get<int>() > 0);
  CHECK(inbox["lost_full"].get<int>() > 0);
  CHECK(inbox["lost_full"] == online["kinds"]["payload"]["dropped"]["inbox_full"]);
  CHECK(inbox["wait_s"]["count"].get<int>() > 100);
  CHECK(inbox["stored_max_at_a_provider"].get<int>() > 0);
}

TEST_CASE("cli: the Rollercoaster unicast example runs, with its group figures", "[cli][groups]") {
  fs::path dir = scratch("rollercoaster");
  const Result r = cli_run({"run", LOOPIX_SOURCE_DIR "/scenarios/examples/rollercoaster_unicast.json", "-o",
                            (dir / "run").string(), "--set", "run.horizon=60", "--set", "run.warmup=10", "--set",
                            "run.drain=0", "--quiet"});
  REQUIRE(r.code == 0);
  const auto summary = nlohmann::json::parse(read_text(dir / "run" / "summary.json"));
  const nlohmann::json& groups = summary["groups"];
  // 128 members, 20% at 4/30 and 80% at 1/30 group messages a second: about 0.053 x 128 x 50 s.
  CHECK(groups["messages"].get<int>() > 250);
  CHECK(groups["messages"].get<int>() < 430);
  CHECK(groups["copies"] == 127 * groups["messages"].get<int>());
  CHECK(groups["copies_received"].get<int>() > 0);
}

TEST_CASE("cli: the office example runs clients on a schedule with replies and acknowledgements, offline equal to "
          "online",
          "[cli][replies]") {
  fs::path dir = scratch("office");
  const Result r = cli_run({"run", LOOPIX_SOURCE_DIR "/scenarios/examples/office_replies.json", "-o", (dir / "run").string(),
                            "--set", "run.horizon=200", "--trace", "--quiet"});
  REQUIRE(r.code == 0);
  const nlohmann::json online = require_offline_equals_online(dir / "run");
  for (const char* kind : {"reply", "ack"}) {
    INFO(kind);
    const nlohmann::json& answers = online["replies"][kind];
    CHECK(answers["created"].get<int>() > 100);
    CHECK(answers["fetched"].get<int>() > 100);
    CHECK(online["kinds"][kind]["sent"].get<int>() > 100);
  }
  CHECK(online["inbox"]["deposited_offline"].get<int>() > 0);  // the office clients' inboxes fill while they are away
}

TEST_CASE("cli: the replayed workload example runs, offline equal to online", "[cli][workload]") {
  fs::path dir = scratch("replayed");
  const Result r = cli_run({"run", LOOPIX_SOURCE_DIR "/scenarios/examples/replayed_workload.json", "-o",
                            (dir / "run").string(), "--set", "run.horizon=200", "--trace", "--quiet"});
  REQUIRE(r.code == 0);
  const nlohmann::json online = require_offline_equals_online(dir / "run");
  const nlohmann::json& file = online["workload_file"];
  CHECK(file["messages"].get<int>() > 100);  // the file's rows before 200 s
  CHECK(file["parts"].get<int>() > file["messages"].get<int>());
  CHECK(file["completed"].get<int>() > 100);
}
