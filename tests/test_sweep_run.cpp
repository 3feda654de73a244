// Running sweeps: the sweep folder, reproducible runs, resuming after a kill, failed runs,
// shards (flag and Slurm variables), MPI ranks, merging, and the aggregate tables with their
// confidence intervals.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "analysis/confidence_interval.h"
#include "analysis/sweep_table.h"
#include "cli/sweep_shard.h"
#include "cli/user_error.h"
#include "core/config/sweep.h"
#include "support/cli_fixture.h"
#include "support/immutable_folder.h"
#include "support/process.h"

namespace fs = std::filesystem;
using test_support::cli_run;

namespace {

using test_support::read_text;
using test_support::write_text;

fs::path scratch(const std::string& name) { return test_support::scratch("sweep-run-" + name); }


// 2 mu values x 2 layer counts, 2 replications: 8 short runs without cryptography.
const std::string kSweep = R"({"name": "small", "seed": 11,
  "base": {"crypto": "none", "run": {"horizon": 20, "warmup": 4}, "topology": {"clients": 12},
           "challenge": {"senders": [0, 1], "recipient": 2}},
  "grid": {"delays.mu": [1, 4], "topology.layers": [2, 3]}, "replications": 2})";

std::size_t lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

std::size_t markers(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& run : fs::directory_iterator(dir / "runs")) n += fs::exists(run.path() / "complete");
  return n;
}

// A sweep.json without the provenance of the command that wrote it.
nlohmann::json without_provenance(const fs::path& manifest) {
  nlohmann::json j = nlohmann::json::parse(read_text(manifest));
  j.erase("provenance");
  return j;
}

// A summary.json without its wall-clock figures.
nlohmann::json timeless(const fs::path& summary) {
  nlohmann::json j = nlohmann::json::parse(read_text(summary));
  j.erase("timing");
  j.erase("provenance");
  return j;
}

}  // namespace

TEST_CASE("sweep runs every run into its own folder, aggregates, and a rerun does nothing") {
  const fs::path dir = scratch("basic");
  const std::string file = write_text(dir / "small.json", kSweep);
  const std::string out = (dir / "out").string();
  auto r = cli_run({"sweep", file, "-o", out, "-j", "2"});
  REQUIRE(r.code == 0);
  CHECK(r.out == "sweep.csv, runs.csv and summary.csv in " + out + ": 8 of 8 runs complete\n");
  CHECK(r.err.find("sweep small: 8 runs, 0 already complete, 8 to run on 2 workers into " + out) == 0);
  CHECK(r.err.find("[8/8] ") != std::string::npos);

  const core::Sweep sweep = core::load_sweep(file);
  for (const core::SweepRun& run : sweep.runs) {
    CHECK(read_text(fs::path(out) / "runs" / run.id / "complete") == run.id + " seed=" + std::to_string(run.seed) + "\n");
    const nlohmann::json scenario = nlohmann::json::parse(read_text(fs::path(out) / "runs" / run.id / "scenario.json"));
    CHECK(scenario["seed"] == run.seed);
  }
  // A run of the sweep is the scenario run on its own with its overrides and seed.
  const core::SweepRun& third = sweep.runs[3];
  std::vector<std::string> args{"run", file, "-o", (dir / "alone").string(), "--quiet", "--seed", std::to_string(third.seed)};
  const std::string base = write_text(dir / "base.json", nlohmann::json::parse(kSweep)["base"].dump());
  args[1] = base;
  for (const std::string& o : third.overrides()) args.insert(args.end(), {"--set", o});
  REQUIRE(cli_run(args).code == 0);
  CHECK(timeless(dir / "alone" / "summary.json") == timeless(fs::path(out) / "runs" / third.id / "summary.json"));
  // Its tables are the same, with the run's id as a first column.
  std::istringstream alone(read_text(dir / "alone" / "challenge.csv"));
  std::string with_run, line;
  for (bool header = true; std::getline(alone, line); header = false) with_run += (header ? "run" : third.id) + "," + line + "\n";
  CHECK(with_run.size() > 200);
  CHECK(with_run == read_text(fs::path(out) / "runs" / third.id / "challenge.csv"));

  // sweep.csv: one row per run and scalar metric; summary.csv: one row per point and metric.
  const std::string sweep_csv = read_text(fs::path(out) / "sweep.csv"), summary_csv = read_text(fs::path(out) / "summary.csv");
  // (A summary without a value, such as an entropy over no complete target, is no metric.)
  std::size_t metrics = 0;
  std::map<std::size_t, std::set<std::string>> point_metrics;
  for (const core::SweepRun& run : sweep.runs)
    for (const auto& [name, value] : analysis::scalar_metrics(timeless(fs::path(out) / "runs" / run.id / "summary.json"))) {
      ++metrics;
      point_metrics[run.point].insert(name);
    }
  std::size_t point_rows = 0;
  for (const auto& [point, names] : point_metrics) point_rows += names.size();
  CHECK(metrics > 800);
  CHECK(sweep_csv.rfind("run,point,replication,seed,delays.mu,topology.layers,metric,value\n", 0) == 0);
  CHECK(lines(sweep_csv) == 1 + metrics);
  CHECK(summary_csv.rfind("point,delays.mu,topology.layers,metric,runs,value_mean,value_sd,value_ci95_low,value_ci95_high\n", 0) == 0);
  CHECK(lines(summary_csv) == 1 + point_rows);
  CHECK(sweep_csv.find("\n" + sweep.runs[7].id + ",3,1," + std::to_string(sweep.runs[7].seed) + ",4,3,anonymity.message.targets,") !=
        std::string::npos);
  // runs.csv: the same values, one row per run and one column per metric.
  const std::string runs_csv = read_text(fs::path(out) / "runs.csv");
  CHECK(lines(runs_csv) == 1 + sweep.runs.size());
  CHECK(runs_csv.rfind("run,point,replication,seed,delays.mu,topology.layers,", 0) == 0);
  const std::string header = runs_csv.substr(0, runs_csv.find('\n'));
  std::vector<std::string> columns;
  for (std::size_t at = 0, comma; at <= header.size(); at = comma + 1) {
    comma = std::min(header.find(',', at), header.size());
    columns.push_back(header.substr(at, comma - at));
  }
  std::size_t names = 0;
  for (const auto& [point, set] : point_metrics) names = std::max(names, set.size());
  CHECK(columns.size() >= 6 + names);
  const auto targets = std::find(columns.begin(), columns.end(), "anonymity.message.targets");
  REQUIRE(targets != columns.end());
  const std::string row7 = runs_csv.substr(runs_csv.find("\n" + sweep.runs[7].id + ",") + 1);
  std::vector<std::string> cells;
  for (std::size_t at = 0, comma; at <= row7.find('\n'); at = comma + 1) {
    comma = std::min(row7.find(',', at), row7.find('\n'));
    cells.push_back(row7.substr(at, comma - at));
  }
  REQUIRE(cells.size() == columns.size());
  const nlohmann::json summary7 = timeless(fs::path(out) / "runs" / sweep.runs[7].id / "summary.json");
  CHECK(cells[static_cast<std::size_t>(targets - columns.begin())] == summary7["anonymity"]["message"]["targets"].dump());

  // A rerun finds every run complete, runs none again (a run's summary.json holds its wall
  // time, so a redone run would change it), and writes the same tables.
  std::vector<std::string> summaries;
  for (const core::SweepRun& run : sweep.runs) summaries.push_back(read_text(fs::path(out) / "runs" / run.id / "summary.json"));
  auto again = cli_run({"sweep", file, "-o", out});
  CHECK(again.code == 0);
  CHECK(again.err.find("8 runs, 8 already complete, 0 to run") != std::string::npos);
  for (std::size_t i = 0; i < sweep.runs.size(); ++i)
    CHECK(read_text(fs::path(out) / "runs" / sweep.runs[i].id / "summary.json") == summaries[i]);
  CHECK(read_text(fs::path(out) / "sweep.csv") == sweep_csv);
  // --merge rebuilds them from the folder alone, and takes no flag that would run anything.
  fs::remove(fs::path(out) / "summary.csv");
  auto merged = cli_run({"sweep", "--merge", out});
  CHECK(merged.code == 0);
  CHECK(read_text(fs::path(out) / "summary.csv") == summary_csv);
  CHECK(cli_run({"sweep", "--merge", out, "-j", "2"}).code == 2);
  CHECK(cli_run({"sweep", "--merge", out, "--shard", "0/2"}).code == 2);
  // -j 1 gives the same bytes as -j 2.
  REQUIRE(cli_run({"sweep", file, "-o", (dir / "serial").string(), "-j", "1", "--quiet"}).code == 0);
  CHECK(read_text(dir / "serial" / "sweep.csv") == sweep_csv);
}

TEST_CASE("sweep grown by a value on an axis reuses its finished runs and runs only the new ones") {
  const fs::path dir = scratch("grow");
  const std::string out = (dir / "out").string();
  const std::string small = write_text(dir / "small.json", kSweep);
  REQUIRE(cli_run({"sweep", small, "-o", out, "--quiet"}).code == 0);
  std::map<std::string, std::string> before;  // run id -> its summary.json (wall time included)
  for (const core::SweepRun& run : core::load_sweep(small).runs)
    before[run.id] = read_text(fs::path(out) / "runs" / run.id / "summary.json");

  nlohmann::json grown = nlohmann::json::parse(kSweep);
  grown["grid"]["delays.mu"] = {0.5, 1, 4};  // a value before the others: every point moves
  const std::string grown_file = write_text(dir / "grown.json", grown.dump());
  auto r = cli_run({"sweep", grown_file, "-o", out});
  CHECK(r.code == 0);
  CHECK(r.err.find("12 runs, 8 already complete, 4 to run") != std::string::npos);
  for (const auto& [id, summary] : before) CHECK(read_text(fs::path(out) / "runs" / id / "summary.json") == summary);
  // The tables equal those of the grown sweep run from scratch.
  REQUIRE(cli_run({"sweep", grown_file, "-o", (dir / "fresh").string(), "--quiet"}).code == 0);
  CHECK(read_text(fs::path(out) / "sweep.csv") == read_text(dir / "fresh" / "sweep.csv"));
  CHECK(read_text(fs::path(out) / "summary.csv") == read_text(dir / "fresh" / "summary.csv"));
  CHECK(nlohmann::json::parse(read_text(fs::path(out) / "sweep.json"))["runs"] ==
        nlohmann::json::parse(read_text(dir / "fresh" / "sweep.json"))["runs"]);
}

TEST_CASE("sweep folder holds one sweep, and --merge needs a manifest") {
  const fs::path dir = scratch("other");
  const std::string out = (dir / "out").string();
  REQUIRE(cli_run({"sweep", write_text(dir / "a.json", kSweep), "-o", out, "--quiet"}).code == 0);
  nlohmann::json other = nlohmann::json::parse(kSweep);
  other["base"]["topology"]["clients"] = 13;  // same ids and seeds, other scenarios
  auto r = cli_run({"sweep", write_text(dir / "b.json", other.dump()), "-o", out, "--quiet"});
  CHECK(r.code == 2);
  const std::string first = core::load_sweep((dir / "a.json").string()).runs[0].id;
  CHECK(r.err == "loopix-sim: " + out + "/sweep.json: the folder holds another sweep than " + (dir / "b.json").string() +
                     ": run " + first + " was made with another scenario: /topology/clients was 12, is now 13; use "
                     "another folder\n");
  other = nlohmann::json::parse(kSweep);
  other["seed"] = 12;
  r = cli_run({"sweep", write_text(dir / "c.json", other.dump()), "-o", out, "--quiet"});
  CHECK(r.code == 2);
  CHECK(r.err == "loopix-sim: " + out + "/sweep.json: the folder holds another sweep than " + (dir / "c.json").string() +
                     ": another seed (11, not 12); use another folder\n");
  auto m = cli_run({"sweep", "--merge", (dir / "nowhere").string()});
  CHECK(m.code == 2);
  CHECK(m.err == "loopix-sim: " + (dir / "nowhere").string() + ": no such folder\n");
  fs::create_directories(dir / "empty");
  write_text(dir / "empty" / "sweep.json", R"({"runs": 3})");
  auto bad = cli_run({"sweep", "--merge", (dir / "empty").string()});
  CHECK(bad.code == 2);
  CHECK(bad.err == "loopix-sim: " + (dir / "empty" / "sweep.json").string() +
                       ": expected a sweep manifest (axes and runs), as `loopix-sim sweep` writes\n");
}

TEST_CASE("sweep killed half-way resumes to the same sweep.csv as an uninterrupted one") {
  const fs::path dir = scratch("kill");
  const std::string file = write_text(dir / "small.json", kSweep);
  REQUIRE(cli_run({"sweep", file, "-o", (dir / "whole").string(), "--quiet"}).code == 0);

  // What a run killed while writing leaves: no marker, a partial summary.json, a temporary.
  const std::string id = core::load_sweep(file).runs[7].id;
  const fs::path broken = dir / "broken", partial = broken / "runs" / id;
  fs::create_directories(partial);
  write_text(partial / "summary.json", "{\"kinds\": ");
  write_text(partial / "nodes.csv.0123456789abcdef.tmp", "node,role\n");
  // The sweep's test hook kills it (SIGKILL) once 3 runs are complete, on one worker.
  setenv("LOOPIX_SWEEP_KILL_AFTER", "3", 1);
  const pid_t child = test_support::spawn(LOOPIX_COMMAND, {"sweep", file, "-o", broken.string(), "-j", "1"},
                                          (dir / "log").string());
  unsetenv("LOOPIX_SWEEP_KILL_AFTER");
  CHECK(test_support::wait_for(child) == 128 + SIGKILL);
  const std::size_t done = markers(broken);
  REQUIRE(done == 3);
  CHECK_FALSE(fs::exists(broken / "sweep.csv"));

  auto resumed = cli_run({"sweep", file, "-o", broken.string()});
  CHECK(resumed.code == 0);
  CHECK(resumed.err.find(std::to_string(done) + " already complete, " + std::to_string(8 - done) + " to run") !=
        std::string::npos);
  CHECK(read_text(broken / "sweep.csv") == read_text(dir / "whole" / "sweep.csv"));
  CHECK(read_text(broken / "summary.csv") == read_text(dir / "whole" / "summary.csv"));
  // The partial run was done again from an empty folder.
  CHECK(timeless(partial / "summary.json") == timeless(dir / "whole" / "runs" / id / "summary.json"));
  CHECK_FALSE(fs::exists(partial / "nodes.csv.0123456789abcdef.tmp"));
}

TEST_CASE("sweep reports a failed run, finishes the others, and a rerun redoes only it") {
  const fs::path dir = scratch("fail");
  // entropy.csv has 1000 samples per mix: point 1 (20 mixes) writes about 360 kB of it, over
  // a 200 kB limit on file size, so its write fails as on a full disk; points 0 and 2 (1 and 2
  // mixes) write about 30 and 60 kB.
  const std::string file = write_text(dir / "s.json", R"({"name": "f", "seed": 1,
    "base": {"crypto": "none", "run": {"horizon": 20, "warmup": 4}, "topology": {"layers": 1, "clients": 5}},
    "grid": {"topology.mixes_per_layer": [1, 20, 2]}})");
  const core::Sweep sweep = core::load_sweep(file);
  const fs::path out = dir / "out";
  const pid_t child = test_support::spawn(LOOPIX_COMMAND, {"sweep", file, "-o", out.string(), "-j", "1"},
                                          (dir / "log").string(), 200'000);
  CHECK(test_support::wait_for(child) == 2);  // a file that cannot grow: the environment's problem
  const std::string log = read_text(dir / "log");
  INFO(log);
  CHECK(log.find(sweep.runs[1].id + " FAILED: " + (out / "runs" / sweep.runs[1].id).string()) != std::string::npos);
  CHECK(log.find("[3/3] ") != std::string::npos);  // the run after it still ran
  CHECK(log.find("1 run failed (run the same command again to redo them):\n  " + sweep.runs[1].id + ": ") != std::string::npos);
  CHECK(log.find(": cannot write: File too large") != std::string::npos);
  CHECK(log.find("2 of 3 runs complete") != std::string::npos);
  CHECK(fs::exists(out / "runs" / sweep.runs[2].id / "complete"));
  CHECK_FALSE(fs::exists(out / "runs" / sweep.runs[1].id));  // a failed run leaves no folder

  auto again = cli_run({"sweep", file, "-o", out.string()});
  CHECK(again.code == 0);
  CHECK(again.err.find("3 runs, 2 already complete, 1 to run") != std::string::npos);
  CHECK(again.out.find("3 of 3 runs complete") != std::string::npos);
}

TEST_CASE("sweep reports a table it cannot write after the runs, with exit code 2") {
  const fs::path dir = scratch("table");
  const std::string file = write_text(dir / "small.json", kSweep);
  fs::create_directories(dir / "out" / "summary.csv");  // a folder where the table goes
  auto r = cli_run({"sweep", file, "-o", (dir / "out").string(), "--quiet"});
  CHECK(r.code == 2);
  CHECK(r.err.rfind("loopix-sim: " + (dir / "out" / "summary.csv").string() + ": cannot rename ", 0) == 0);
  CHECK(fs::exists(dir / "out" / "runs" / core::load_sweep(file).runs[7].id / "complete"));  // the runs are done
  fs::remove(dir / "out" / "summary.csv");
  CHECK(cli_run({"sweep", "--merge", (dir / "out").string()}).code == 0);
  CHECK(fs::is_regular_file(dir / "out" / "summary.csv"));
}

TEST_CASE("sweep shards together equal the whole sweep") {
  const fs::path dir = scratch("shards");
  const std::string file = write_text(dir / "small.json", kSweep);
  REQUIRE(cli_run({"sweep", file, "-o", (dir / "whole").string(), "--quiet"}).code == 0);
  const std::string into = (dir / "sharded").string();
  for (const char* shard : {"2/3", "0/3"}) {
    auto r = cli_run({"sweep", file, "-o", into, "--shard", shard});
    REQUIRE(r.code == 0);
    CHECK(r.err.find("(--shard " + std::string(shard) + ")") != std::string::npos);
  }
  CHECK(without_provenance(fs::path(into) / "sweep.json") == without_provenance(dir / "whole" / "sweep.json"));
  CHECK(read_text(fs::path(into) / "sweep.csv") != read_text(dir / "whole" / "sweep.csv"));  // shard 1 missing
  auto last = cli_run({"sweep", file, "-o", into, "--shard", "1/3"});
  CHECK(last.code == 0);
  CHECK(last.out.find("8 of 8 runs complete") != std::string::npos);
  CHECK(read_text(fs::path(into) / "sweep.csv") == read_text(dir / "whole" / "sweep.csv"));
  CHECK(read_text(fs::path(into) / "summary.csv") == read_text(dir / "whole" / "summary.csv"));
  for (const char* bad : {"3/3", "1", "a/2", "0/0", "1/-2"}) {
    auto r = cli_run({"sweep", file, "-o", into, "--shard", bad});
    CHECK(r.code == 2);
    CHECK(r.err == "loopix-sim: --shard: expected I/N with 0 <= I < N (shard I of N), got \"" + std::string(bad) + "\"\n");
  }
}

TEST_CASE("sweep shards from the Slurm array variables") {
  auto from = [](std::map<std::string, std::string> env) {
    return [env = std::move(env)](const char* name) -> const char* {
      const auto at = env.find(name);
      return at == env.end() ? nullptr : at->second.c_str();
    };
  };
  const cli::Shard none = cli::select_shard(std::nullopt, from({}));
  CHECK(none.index == 0);
  CHECK(none.count == 1);
  CHECK(cli::shard_runs(none, 3) == std::vector<std::size_t>{0, 1, 2});
  const cli::Shard slurm =
      cli::select_shard(std::nullopt, from({{"SLURM_ARRAY_TASK_ID", "5"}, {"SLURM_ARRAY_TASK_COUNT", "4"},
                                            {"SLURM_ARRAY_TASK_MIN", "3"}}));
  CHECK(slurm.index == 2);
  CHECK(slurm.count == 4);
  CHECK(slurm.source == "SLURM_ARRAY_TASK_ID=5 of 4");
  CHECK(cli::shard_runs(slurm, 11) == std::vector<std::size_t>{2, 6, 10});
  // The flag wins over the variables.
  CHECK(cli::select_shard(std::string("1/2"), from({{"SLURM_ARRAY_TASK_ID", "0"}})).index == 1);
  auto message = [&](std::map<std::string, std::string> env) {
    try {
      cli::select_shard(std::nullopt, from(std::move(env)));
    } catch (const cli::UserError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message({{"SLURM_ARRAY_TASK_ID", "2"}}) ==
        "SLURM_ARRAY_TASK_COUNT: not set (a Slurm job array sets it beside SLURM_ARRAY_TASK_ID)");
  CHECK(message({{"SLURM_ARRAY_TASK_ID", "x"}, {"SLURM_ARRAY_TASK_COUNT", "2"}}) ==
        "SLURM_ARRAY_TASK_ID: expected a whole number >= 0, got \"x\"");
  CHECK(message({{"SLURM_ARRAY_TASK_ID", "4"}, {"SLURM_ARRAY_TASK_COUNT", "4"}}) ==
        "SLURM_ARRAY_TASK_ID=4: expected a task id from SLURM_ARRAY_TASK_MIN=0 to 3 (SLURM_ARRAY_TASK_COUNT=4); "
        "submit the array as --array=0-3");
}

#ifdef LOOPIX_HAVE_MPI
TEST_CASE("sweep under mpirun -np 2 equals the local sweep") {
  const fs::path dir = scratch("mpi");
  // Runs of about half a second, one at a time on each rank, so that rank 0 cannot take all
  // eight (about 4 s of work) before rank 1 has started, even on a loaded machine. (At 800 s
  // simulated, as the simulator got faster, a run took 0.13 s and rank 0 sometimes took all.)
  std::string longer = kSweep;
  const std::string horizon = "\"horizon\": 20";
  longer.replace(longer.find(horizon), horizon.size(), "\"horizon\": 3200");
  const std::string file = write_text(dir / "small.json", longer);
  REQUIRE(cli_run({"sweep", file, "-o", (dir / "local").string(), "--quiet"}).code == 0);
  std::vector<std::string> args{"--oversubscribe", "-np", "2"};
  if (geteuid() == 0) args.insert(args.begin(), "--allow-run-as-root");
  args.insert(args.end(), {LOOPIX_COMMAND, "sweep", file, "-o", (dir / "mpi").string(), "--jobs", "1"});
  const pid_t child = test_support::spawn(LOOPIX_MPIEXEC, args, (dir / "log").string());
  const int code = test_support::wait_for(child);
  const std::string log = read_text(dir / "log");
  INFO(log);
  REQUIRE(code == 0);
  // Both ranks ran runs, handed out one at a time.
  CHECK(log.find("rank 0: [1] ") != std::string::npos);
  CHECK(log.find("rank 1: [1] ") != std::string::npos);
  CHECK(log.find("8 of 8 runs complete") != std::string::npos);
  CHECK(read_text(dir / "mpi" / "sweep.csv") == read_text(dir / "local" / "sweep.csv"));
  CHECK(read_text(dir / "mpi" / "summary.csv") == read_text(dir / "local" / "summary.csv"));
}

TEST_CASE("sweep under mpirun lists every rank's failed runs with their errors") {
  const fs::path dir = scratch("mpi-fail"), out = dir / "out";
  const std::string file = write_text(dir / "small.json", kSweep);
  // Three runs whose folders cannot be emptied: they fail on whichever rank takes them.
  {
    const core::Sweep sweep = core::load_sweep(file);
    const test_support::ImmutableFolder a(out / "runs" / sweep.runs[1].id), b(out / "runs" / sweep.runs[4].id),
        c(out / "runs" / sweep.runs[7].id);
    std::vector<std::string> args{"--oversubscribe", "-np", "2"};
    if (geteuid() == 0) args.insert(args.begin(), "--allow-run-as-root");
    args.insert(args.end(), {LOOPIX_COMMAND, "sweep", file, "-o", out.string()});
    const int code = test_support::wait_for(
        test_support::spawn(LOOPIX_MPIEXEC, args, (dir / "stdout.log").string(), 0, (dir / "stderr.log").string()));
    const std::string output = read_text(dir / "stdout.log"), log = read_text(dir / "stderr.log");
    INFO(output << log);
    CHECK(code == 2);  // folders that cannot be emptied: the environment's problem
    CHECK(output.find("5 of 8 runs complete") != std::string::npos);
    CHECK(log.find("3 runs failed (run the same command again to redo them):\n") != std::string::npos);
    for (const std::size_t run : {1, 4, 7})
      CHECK(log.find("  " + sweep.runs[run].id + ": filesystem error: cannot remove all: Operation not permitted") !=
            std::string::npos);
  }
  auto again = cli_run({"sweep", file, "-o", out.string()});
  CHECK(again.code == 0);
  CHECK(again.err.find("5 already complete, 3 to run") != std::string::npos);
}
#endif

TEST_CASE("confidence intervals: Student t on hand-computed samples") {
  // {1..5}: mean 3, sd sqrt(2.5), t(0.975; 4) = 2.7764451052; half-width 2.7764451052 sqrt(2.5)/sqrt(5).
  const analysis::MeanInterval five = analysis::mean_interval({1, 2, 3, 4, 5});
  CHECK(five.n == 5);
  CHECK(five.mean == Approx(3).epsilon(1e-15));
  CHECK(five.sd == Approx(1.5811388300841898).epsilon(1e-12));
  CHECK(five.low == Approx(3 - 1.9632432).epsilon(1e-7));
  CHECK(five.high == Approx(3 + 1.9632432).epsilon(1e-7));
  // {0, 2}: sd sqrt(2), so the half-width is t(0.975; 1) = tan(0.475 pi) (Cauchy).
  const analysis::MeanInterval two = analysis::mean_interval({0, 2});
  CHECK(two.low == Approx(1 - std::tan(0.475 * M_PI)).epsilon(1e-12));
  CHECK(two.high == Approx(1 + std::tan(0.475 * M_PI)).epsilon(1e-12));
  // 90%: t(0.95; 4) = 2.1318467813.
  CHECK(analysis::mean_interval({1, 2, 3, 4, 5}, 0.90).high == Approx(3 + 2.1318467813 * std::sqrt(0.5)).epsilon(1e-9));
  const analysis::MeanInterval one = analysis::mean_interval({7});
  CHECK(one.mean == 7);
  CHECK(std::isnan(one.sd));
  CHECK(std::isnan(one.low));
}

TEST_CASE("sweep tables: scalar metrics by dotted name, tidy rows, empty fields without spread") {
  const nlohmann::json summary = nlohmann::json::parse(R"({"version": "0.1.0", "seed": 5, "timing": {"wall_time_s": 1.5},
    "scenario": "x", "horizon_s": 10.0, "mixes": [{"pool_mean": 3}], "anonymity": null, "flag": true,
    "unlinkability": {"delta": 0.25, "epsilon_bits": {"mean": 0.5, "count": 4}}})");
  const auto metrics = analysis::scalar_metrics(summary);
  REQUIRE(metrics.size() == 4);
  CHECK(metrics[0].first == "horizon_s");
  CHECK(metrics[1].first == "unlinkability.delta");
  CHECK(metrics[2].first == "unlinkability.epsilon_bits.count");
  CHECK(metrics[3].first == "unlinkability.epsilon_bits.mean");

  auto with = [&](double delta) {
    nlohmann::json s = summary;
    s["unlinkability"]["delta"] = delta;
    return analysis::scalar_metrics(s);
  };
  const std::vector<analysis::SweepTableRun> runs{
      {"p0000-r00", 0, 0, 17, {nlohmann::json("zero, or not"), nlohmann::json(0.5)}, with(0.25)},
      {"p0000-r01", 0, 1, 18, {nlohmann::json("zero, or not"), nlohmann::json(0.5)}, with(0.75)},
      {"p0001-r00", 1, 0, 19, {nlohmann::json("x"), nlohmann::json(2)}, with(1)}};
  std::ostringstream sweep, summary_csv;
  analysis::write_sweep_csv(sweep, {"links.latency.distribution", "delays.mu"}, runs);
  analysis::write_summary_csv(summary_csv, {"links.latency.distribution", "delays.mu"}, runs);
  CHECK(sweep.str().substr(0, sweep.str().find('\n', 130) + 1) ==
        "run,point,replication,seed,links.latency.distribution,delays.mu,metric,value\n"
        "p0000-r00,0,0,17,\"zero, or not\",0.5,horizon_s,10.0\n"
        "p0000-r00,0,0,17,\"zero, or not\",0.5,unlinkability.delta,0.25\n");
  CHECK(lines(sweep.str()) == 1 + 3 * 4);
  CHECK(summary_csv.str() ==
        "point,links.latency.distribution,delays.mu,metric,runs,value_mean,value_sd,value_ci95_low,value_ci95_high\n"
        "0,\"zero, or not\",0.5,horizon_s,2,10.0,0.0,10.0,10.0\n"
        // {0.25, 0.75}: sd sqrt(0.125), half-width t(0.975; 1) * 0.25, t(p; 1) = tan(pi (p - 1/2))
        "0,\"zero, or not\",0.5,unlinkability.delta,2,0.5,0.3535533905932738,-2.6765511840436735,3.6765511840436735\n"
        "0,\"zero, or not\",0.5,unlinkability.epsilon_bits.count,2,4.0,0.0,4.0,4.0\n"
        "0,\"zero, or not\",0.5,unlinkability.epsilon_bits.mean,2,0.5,0.0,0.5,0.5\n"
        "1,x,2,horizon_s,1,10.0,,,\n"
        "1,x,2,unlinkability.delta,1,1.0,,,\n"
        "1,x,2,unlinkability.epsilon_bits.count,1,4.0,,,\n"
        "1,x,2,unlinkability.epsilon_bits.mean,1,0.5,,,\n");
}
