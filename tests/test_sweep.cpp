// Sweeps: expansion of grid, ranges, zip and replications into runs (order, ids, seeds),
// validation of the file and of every run's scenario, and `loopix-sim sweep --list`
// (running sweeps: tests/test_sweep_run.cpp).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/config/sweep.h"
#include "sim/random.h"
#include "support/cli_fixture.h"

namespace fs = std::filesystem;

namespace {

using Result = test_support::CliResult;
using test_support::cli_run;

fs::path scratch(const std::string& name) { return test_support::scratch("sweep-" + name); }

// Writes TEXT to DIR/NAME and returns the path.
std::string write(const fs::path& dir, const std::string& name, const std::string& text) {
  return test_support::write_text(dir / name, text);
}

const std::string kBase = R"({"run": {"horizon": 40, "warmup": 5}, "crypto": "none"})";

// 3 x 2 grid, a 2-row zip, 2 replications: 24 runs.
const std::string kSweep = R"({"seed": 7, "base": )" + kBase + R"(,
  "grid": {"delays.mu": [0.5, 1, 2], "topology.layers": [2, 3]},
  "zip": {"traffic.payload_rate": [1, 2], "traffic.loop_rate": [1, 3]},
  "replications": 2})";

using Parameters = std::vector<std::pair<std::string, std::string>>;

// The stderr lines of `sweep FILE --list` for a sweep file with TEXT; exit code must be 2.
std::string problems_of(const std::string& name, const std::string& text) {
  const fs::path dir = scratch(name);
  const std::string file = write(dir, "sweep.json", text);
  Result r = cli_run({"sweep", file, "--list"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  std::string err = r.err;
  for (std::size_t at; (at = err.find(file)) != std::string::npos;) err.replace(at, file.size(), "SWEEP");
  return err;
}

// The id of the run with these parameters and replication.
std::string id_of(const Parameters& parameters, int replication) {
  return core::sweep_run_id(core::sweep_point_key(parameters), replication);
}

}  // namespace

TEST_CASE("sweep expands grid, zip and replications into 24 runs in a fixed order") {
  const fs::path dir = scratch("counts");
  const core::Sweep sweep = core::load_sweep(write(dir, "fig.json", kSweep));
  CHECK(sweep.name == "fig");
  CHECK(sweep.seed == 7);
  CHECK(sweep.points == 12);
  CHECK(sweep.replications == 2);
  REQUIRE(sweep.runs.size() == 24);

  // Zip slowest, then the grid with its last axis fastest; replication fastest of all.
  CHECK(sweep.runs[0].id == id_of(sweep.runs[0].parameters, 0));
  CHECK(sweep.runs[1].id == id_of(sweep.runs[0].parameters, 1));
  CHECK(sweep.runs[2].id == id_of(sweep.runs[2].parameters, 0));
  CHECK(sweep.runs[23].id == id_of(sweep.runs[23].parameters, 1));
  CHECK(sweep.runs[2].point == 1);
  CHECK(sweep.runs[0].parameters == Parameters{{"traffic.payload_rate", "1"}, {"traffic.loop_rate", "1"},
                                                {"delays.mu", "0.5"}, {"topology.layers", "2"}});
  CHECK(sweep.runs[2].parameters == Parameters{{"traffic.payload_rate", "1"}, {"traffic.loop_rate", "1"},
                                                {"delays.mu", "0.5"}, {"topology.layers", "3"}});
  CHECK(sweep.runs[4].parameters == Parameters{{"traffic.payload_rate", "1"}, {"traffic.loop_rate", "1"},
                                                {"delays.mu", "1"}, {"topology.layers", "2"}});
  CHECK(sweep.runs[12].parameters == Parameters{{"traffic.payload_rate", "2"}, {"traffic.loop_rate", "3"},
                                                 {"delays.mu", "0.5"}, {"topology.layers", "2"}});
  CHECK(sweep.runs[23].parameters == Parameters{{"traffic.payload_rate", "2"}, {"traffic.loop_rate", "3"},
                                                 {"delays.mu", "2"}, {"topology.layers", "3"}});
  for (std::size_t i = 0; i < sweep.runs.size(); ++i) {
    CHECK(sweep.runs[i].point == i / 2);
    CHECK(sweep.runs[i].replication == static_cast<int>(i % 2));
  }

  // Every run's scenario: the base with its parameters and its seed.
  const core::SweepRun& last = sweep.runs[23];
  CHECK(last.scenario.horizon == 40);
  CHECK(last.scenario.crypto == core::CryptoMode::None);
  CHECK(last.scenario.payload_rate == 2);
  CHECK(last.scenario.loop_rate == 3);
  CHECK(last.scenario.mu == 2);
  CHECK(last.scenario.layers == 3);
  CHECK(last.scenario.seed == last.seed);
  CHECK(last.overrides() == std::vector<std::string>{"traffic.payload_rate=2", "traffic.loop_rate=3", "delays.mu=2",
                                                     "topology.layers=3"});
}

TEST_CASE("sweep ranges join the grid as axes after the grid axes") {
  const fs::path dir = scratch("ranges");
  const core::Sweep sweep = core::load_sweep(write(dir, "r.json", R"({"base": {},
    "ranges": {"traffic.drop_rate": {"from": 0.1, "to": 10, "count": 3, "scale": "log"}},
    "grid": {"topology.layers": [2, 3]},
    "zip": {"traffic.payload_rate": [1, 2]},
    "replications": 2})"));
  CHECK(sweep.points == 2 * 2 * 3);
  REQUIRE(sweep.runs.size() == 24);
  CHECK(sweep.runs[0].parameters == Parameters{{"traffic.payload_rate", "1"}, {"topology.layers", "2"},
                                                {"traffic.drop_rate", "0.1"}});
  CHECK(sweep.runs[2].parameters == Parameters{{"traffic.payload_rate", "1"}, {"topology.layers", "2"},
                                                {"traffic.drop_rate", "1"}});
  CHECK(sweep.runs[4].parameters == Parameters{{"traffic.payload_rate", "1"}, {"topology.layers", "2"},
                                                {"traffic.drop_rate", "10"}});
  CHECK(sweep.runs[6].parameters == Parameters{{"traffic.payload_rate", "1"}, {"topology.layers", "3"},
                                                {"traffic.drop_rate", "0.1"}});
  CHECK(sweep.runs[12].parameters == Parameters{{"traffic.payload_rate", "2"}, {"topology.layers", "2"},
                                                 {"traffic.drop_rate", "0.1"}});
  CHECK(sweep.runs[4].scenario.drop_rate == 10);
}

TEST_CASE("sweep range values linear and log") {
  CHECK(core::sweep_range_values(0.1, 10, 3, true) == std::vector<double>{0.1, 1, 10});
  CHECK(core::sweep_range_values(1, 1000, 4, true) == std::vector<double>{1, 10, 100, 1000});
  CHECK(core::sweep_range_values(0.2, 2.0, 10, false) ==
        std::vector<double>{0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0});
  CHECK(core::sweep_range_values(2, 1, 3, false) == std::vector<double>{2, 1.5, 1});
  CHECK(core::sweep_range_values(5, 9, 1, false) == std::vector<double>{5});

  // Integral values are JSON integers, so integer keys can be swept with a range.
  const fs::path dir = scratch("range-integers");
  const core::Sweep sweep = core::load_sweep(write(dir, "r.json", R"({"base": {},
    "ranges": {"topology.clients": {"from": 10, "to": 30, "count": 3}}})"));
  REQUIRE(sweep.runs.size() == 3);
  CHECK(sweep.runs[0].parameters == Parameters{{"topology.clients", "10"}});
  CHECK(sweep.runs[1].parameters == Parameters{{"topology.clients", "20"}});
  CHECK(sweep.runs[2].parameters == Parameters{{"topology.clients", "30"}});
  CHECK(sweep.runs[2].scenario.clients == 30);
}

TEST_CASE("sweep run ids and seeds derive from the point's values, in any order, not from its position") {
  // The point key: parameters sorted by key, compact JSON values.
  CHECK(core::sweep_point_key({{"topology.layers", "2"}, {"delays.mu", "0.5"}}) == "delays.mu=0.5\ntopology.layers=2\n");
  CHECK(core::sweep_point_key({}).empty());
  // The id: the first 12 hex digits of SHA-256 of the key (`printf 'delays.mu=0.5\n' | sha256sum`
  // starts with 21baed93b60e; the empty key's digest with e3b0c44298fc).
  CHECK(core::sweep_run_id("delays.mu=0.5\n", 1) == "p21baed93b60e-r01");
  CHECK(core::sweep_run_id("", 0) == "pe3b0c44298fc-r00");
  CHECK(core::sweep_run_id("", 123) == "pe3b0c44298fc-r123");

  // Adding a value to an axis, before the others, keeps every earlier run's id and seed.
  const fs::path dir = scratch("grown");
  const core::Sweep small = core::load_sweep(write(dir, "a.json", R"({"seed": 5, "base": {},
    "grid": {"delays.mu": [1, 2], "topology.layers": [2, 3]}, "replications": 2})"));
  const core::Sweep grown = core::load_sweep(write(dir, "b.json", R"({"seed": 5, "base": {},
    "grid": {"delays.mu": [0.5, 1, 2], "topology.layers": [2, 3]}, "replications": 2})"));
  REQUIRE(grown.runs.size() == small.runs.size() + 4);
  std::map<std::string, std::uint64_t> grown_seeds;
  for (const auto& run : grown.runs) grown_seeds[run.id] = run.seed;
  for (const auto& run : small.runs) {
    INFO(run.id);
    REQUIRE(grown_seeds.count(run.id));
    CHECK(grown_seeds[run.id] == run.seed);
  }
  CHECK(grown.runs[4].id == small.runs[0].id);  // positions moved, ids did not
  CHECK(grown.runs[4].point == small.runs[0].point + 2);
}

TEST_CASE("sweep rejects two points with the same values: they would be the same runs") {
  const std::string id = core::sweep_run_id(core::sweep_point_key({{"delays.mu", "1"}}), 0);
  CHECK(problems_of("same-points", R"({"base": {}, "grid": {"delays.mu": [1, 2, 1]}})") ==
        "SWEEP: run " + id + ": expected distinct points, got the same parameter values at points 0 and 2 "
        "(delays.mu=1); a run's id and seed derive from its values\n");
}

TEST_CASE("sweep seeds are distinct, reproducible and follow the sweep seed") {
  const fs::path dir = scratch("seeds");
  const std::string file = write(dir, "s.json", kSweep);
  const core::Sweep a = core::load_sweep(file);
  const core::Sweep b = core::load_sweep(file);
  std::string other_text = kSweep;
  other_text.replace(other_text.find("\"seed\": 7"), 9, "\"seed\": 8");
  const core::Sweep other = core::load_sweep(write(dir, "t.json", other_text));

  std::set<std::uint64_t> seeds, other_seeds;
  for (std::size_t i = 0; i < a.runs.size(); ++i) {
    CHECK(a.runs[i].seed == b.runs[i].seed);
    CHECK(a.runs[i].seed == core::sweep_run_seed(7, core::sweep_point_key(a.runs[i].parameters), a.runs[i].replication));
    seeds.insert(a.runs[i].seed);
    other_seeds.insert(other.runs[i].seed);
  }
  CHECK(seeds.size() == a.runs.size());
  CHECK(other_seeds.size() == other.runs.size());
  for (std::uint64_t seed : other_seeds) CHECK(seeds.count(seed) == 0);

  // Distinct over many points and replications.
  std::set<std::uint64_t> many;
  for (int p = 0; p < 1000; ++p)
    for (int r = 0; r < 50; ++r) many.insert(core::sweep_run_seed(1, "x=" + std::to_string(p) + "\n", r));
  CHECK(many.size() == 50000);
}

TEST_CASE("sweep list prints one line per run") {
  const fs::path dir = scratch("list");
  const std::string file = write(dir, "small.json", R"({"seed": 3, "base": {},
    "grid": {"delays.mu": [0.5, 2], "links.latency.distribution": ["zero"]},
    "replications": 2})");
  Result r = cli_run({"sweep", file, "--list"});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  auto line = [](int replication, const char* mu) {
    const std::string key = core::sweep_point_key({{"delays.mu", mu}, {"links.latency.distribution", "\"zero\""}});
    return core::sweep_run_id(key, replication) + " replication=" + std::to_string(replication) +
           " seed=" + std::to_string(core::sweep_run_seed(3, key, replication)) + " delays.mu=" + mu +
           " links.latency.distribution=\"zero\"\n";
  };
  CHECK(r.out == line(0, "0.5") + line(1, "0.5") + line(0, "2") + line(1, "2"));
}

TEST_CASE("sweep list seeds are pinned") {
  const fs::path dir = scratch("pinned");
  const std::string file = write(dir, "one.json", R"({"seed": 7, "base": {}, "replications": 2})");
  Result r = cli_run({"sweep", file, "--list"});
  CHECK(r.code == 0);
  CHECK(r.out == "pe3b0c44298fc-r00 replication=0 seed=10411093667513289305\n"
                 "pe3b0c44298fc-r01 replication=1 seed=14585458938019283869\n");
}

TEST_CASE("sweep needs a file or --merge, and a bad file writes no folder") {
  const fs::path dir = scratch("no-file");
  Result none = cli_run({"sweep"});
  CHECK(none.code == 2);
  CHECK(none.err == "loopix-sim: sweep: expected a sweep file, or --merge DIR\n");
  Result both = cli_run({"sweep", write(dir, "s.json", kSweep), "--merge", (dir / "x").string()});
  CHECK(both.code == 2);
  CHECK(both.err == "loopix-sim: sweep: --merge DIR takes no sweep file (the folder has its runs)\n");
  Result bad = cli_run({"sweep", write(dir, "bad.json", R"({"base": {}, "replications": 0})"), "-o", (dir / "out").string()});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("/replications: expected") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("sweep base file is relative to the sweep file") {
  const fs::path dir = scratch("base-file");
  fs::create_directories(dir / "sub");
  write(dir / "sub", "base.json", R"({"name": "b", "topology": {"clients": 7}})");
  const core::Sweep sweep =
      core::load_sweep(write(dir / "sub", "s.json", R"({"name": "mu", "base": "base.json", "grid": {"delays.mu": [3]}})"));
  CHECK(sweep.name == "mu");
  REQUIRE(sweep.runs.size() == 1);
  CHECK(sweep.runs[0].scenario.clients == 7);
  CHECK(sweep.runs[0].scenario.mu == 3);
  CHECK(sweep.runs[0].scenario.name == "b");

  // The example in scenarios/examples, on the quickstart.
  const core::Sweep example = core::load_sweep(std::string(LOOPIX_SOURCE_DIR) + "/scenarios/examples/sweep_mu.json");
  CHECK(example.runs.size() == 24);
}

TEST_CASE("sweep files of the paper's figures expand and validate") {
  const std::string dir = std::string(LOOPIX_SOURCE_DIR) + "/scenarios/paper/";
  // Fig. 4: 5 mu x 9 client counts x 3; Fig. 5: 10 mu x 50; Fig. 6: 11 layer counts x 50;
  // Fig. 7: 10 corrupt fractions x 50; Fig. 8: 10 rates x 2; Fig. 10: one run; Fig. 8 with a
  // service time: 15 rates x 2; Fig. 9 with a service time: 10 client counts x 3; strategies
  // and topologies: 3 x 5 x 3 each.
  for (const auto& [name, runs] : std::vector<std::pair<std::string, std::size_t>>{
           {"fig4", 135}, {"fig5", 500}, {"fig6", 550}, {"fig7", 500}, {"fig8", 20}, {"fig10", 1},
           {"fig8_service", 30}, {"fig9_service", 30}, {"strategies", 45}, {"topologies", 45}}) {
    INFO(name);
    const core::Sweep sweep = core::load_sweep(dir + name + ".json");
    CHECK(sweep.name == name);
    CHECK(sweep.runs.size() == runs);
  }
  // Fig. 7's fractions are k/9: each point corrupts exactly k of the 9 mixes.
  const core::Sweep fig7 = core::load_sweep(dir + "fig7.json");
  for (std::size_t point = 0; point < 10; ++point)
    CHECK(fig7.runs[point * 50].scenario.corrupt.fraction * 9 == Approx(static_cast<double>(point)).margin(1e-9));
}

TEST_CASE("sweep file errors are all reported with their JSON paths") {
  CHECK(problems_of("structure", R"({"seedz": 1, "base": {}, "replications": 0, "seed": -1,
    "grid": {"delays.mu": 0.5, "topology.layers": [], "seed": [1], "delays.mux": [1], "a..b": [1],
             "topology.providers": [1]},
    "zip": {"traffic.payload_rate": [1, 2], "traffic.loop_rate": [1, 2, 3], "topology.providers": [2, 3]},
    "ranges": {"traffic.drop_rate": {"from": 0, "to": 1, "count": 0, "scale": "log"},
               "traffic.loop_rate": {"from": 1, "count": 2, "scale": "cubic", "step": 1}}})") ==
        "SWEEP: /seedz: unknown key; did you mean \"seed\"?\n"
        "SWEEP: /seed: expected an integer >= 0, got -1\n"
        "SWEEP: /replications: expected an integer >= 1 (at most 1048576), got 0\n"
        "SWEEP: /grid/delays.mu: expected a non-empty array of values, got 0.5\n"
        "SWEEP: /grid/topology.layers: expected a non-empty array of values, got an empty array\n"
        "SWEEP: /grid/seed: expected a scenario key other than \"seed\" (each run's seed is derived from the "
        "sweep's /seed), got \"seed\"\n"
        "SWEEP: /grid/delays.mux: unknown scenario key; did you mean \"delays.mu\"?\n"
        "SWEEP: /grid/a..b: expected a dotted scenario key such as \"delays.mu\", got \"a..b\"\n"
        "SWEEP: /ranges/traffic.drop_rate/from: expected a number > 0 when /ranges/traffic.drop_rate/scale is "
        "\"log\", got 0\n"
        "SWEEP: /ranges/traffic.drop_rate/count: expected an integer >= 1 (at most 1000000), got 0\n"
        "SWEEP: /ranges/traffic.loop_rate/step: unknown key; expected one of: from, to, count, scale\n"
        "SWEEP: /ranges/traffic.loop_rate/scale: expected \"linear\" or \"log\", got \"cubic\"\n"
        "SWEEP: /ranges/traffic.loop_rate/to: expected a number, got nothing\n"
        "SWEEP: /zip/traffic.loop_rate: expected an array of 2 values (as /zip/traffic.payload_rate), got an "
        "array of 3\n"
        "SWEEP: /zip/topology.providers: expected a key in only one of /grid, /ranges and /zip, got "
        "\"topology.providers\", also in /grid/topology.providers\n");
}

TEST_CASE("sweep a key in two sections or inside another is an error") {
  CHECK(problems_of("two-sections", R"({"base": {}, "grid": {"delays.mu": [1]},
    "ranges": {"delays.mu": {"from": 1, "to": 2, "count": 2}}, "zip": {"delays": [{"mu": 1}]}})") ==
        "SWEEP: /ranges/delays.mu: expected a key in only one of /grid, /ranges and /zip, got \"delays.mu\", "
        "also in /grid/delays.mu\n"
        "SWEEP: /zip/delays: expected a key in only one of /grid, /ranges and /zip, got \"delays\", which "
        "overlaps /grid/delays.mu\n");
}

TEST_CASE("sweep base missing unreadable or invalid") {
  CHECK(problems_of("no-base", R"({"grid": {"delays.mu": [1]}})") ==
        "SWEEP: /base: expected a scenario object or the path of a scenario file (relative to this file), got "
        "nothing\n");
  CHECK(problems_of("base-number", R"({"base": 5})") ==
        "SWEEP: /base: expected a scenario object or the path of a scenario file (relative to this file), got 5\n");
  {
    const fs::path dir = scratch("unreadable");
    const std::string file = write(dir, "s.json", R"({"base": "missing.json"})");
    Result r = cli_run({"sweep", file, "--list"});
    CHECK(r.code == 2);
    CHECK(r.err == file + ": /base: expected a readable scenario file (" + (dir / "missing.json").string() +
                       ": cannot read file), got \"missing.json\"\n");
  }
  {
    const fs::path dir = scratch("bad-json-base");
    write(dir, "base.json", "{\n  \"run\": ,\n}");
    const std::string file = write(dir, "s.json", R"({"base": "base.json"})");
    Result r = cli_run({"sweep", file, "--list"});
    CHECK(r.code == 2);
    CHECK(r.err.starts_with((dir / "base.json").string() + ":2:10: invalid JSON: "));
  }
  {
    const fs::path dir = scratch("bad-json-sweep");
    const std::string file = write(dir, "s.json", "{\"base\": {}");
    Result r = cli_run({"sweep", file, "--list"});
    CHECK(r.code == 2);
    CHECK(r.err.starts_with(file + ":1:12: invalid JSON: "));
  }
  CHECK(problems_of("not-object", "[1]") == "SWEEP: /: expected an object (a sweep), got an array\n");
}

TEST_CASE("sweep runs whose scenario is invalid are named with their override") {
  // delays.mu=0 and -1 break two points each (x 2 replications); the base's own problem is
  // reported once, at its path inside the sweep; delays.mu in the base is overridden, so it
  // is not a problem.
  CHECK(problems_of("runs", R"({"base": {"run": {"horizon": 40, "warmup": 50}, "delays": {"mu": 0}},
    "grid": {"delays.mu": [0, 1, -1], "topology.layers": [2, 3]}, "replications": 2})") ==
        "SWEEP: /base/run/warmup: expected a number < /run/horizon (40), got 50\n"
        "SWEEP: run " + id_of({{"delays.mu", "0"}, {"topology.layers", "2"}}, 0) +
            ", --set delays.mu=0: /delays/mu: expected a number in [1e-09, 1000000000] (the simulator's limits), got 0 "
            "(and 3 more runs)\n"
            "SWEEP: run " + id_of({{"delays.mu", "-1"}, {"topology.layers", "2"}}, 0) +
            ", --set delays.mu=-1: /delays/mu: expected a number in [1e-09, 1000000000] (the simulator's limits), got -1 "
            "(and 3 more runs)\n");
  // A problem tied to no single override names all of the run's overrides.
  CHECK(problems_of("rules", R"({"base": {}, "zip": {"run.horizon": [100, 10], "delays.mu": [1, 2]}})") ==
        "SWEEP: run " + id_of({{"run.horizon", "10"}, {"delays.mu", "2"}}, 0) +
            ", --set run.horizon=10 --set delays.mu=2: /run/warmup: expected a number < "
        "/run/horizon (10), got 60.0 (the default)\n");
  // A bad value from a range; one run alone.
  CHECK(problems_of("range-run", R"({"base": {}, "ranges": {"topology.clients": {"from": 2, "to": 3, "count": 3}}})") ==
        "SWEEP: run " + id_of({{"topology.clients", "2.5"}}, 0) +
            ", --set topology.clients=2.5: /topology/clients: expected an integer >= 1, got 2.5\n");
}

TEST_CASE("sweep schema lists the sweep keys") {
  std::ifstream in(std::string(LOOPIX_SOURCE_DIR) + "/scenarios/sweep.schema.json");
  const nlohmann::json schema = nlohmann::json::parse(in);
  std::set<std::string> keys;
  for (const auto& item : schema["properties"].items()) keys.insert(item.key());
  CHECK(keys == std::set<std::string>{"name", "seed", "base", "grid", "zip", "ranges", "replications"});
  CHECK(schema["properties"]["base"]["oneOf"][0]["$ref"] == "scenario.schema.json");
  CHECK(schema["additionalProperties"] == false);
}
