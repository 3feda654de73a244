// Tests of scenario loading: every kind of bad scenario and its exact message, defaults,
// round trips, overrides, and the JSON Schema kept in step with the parser's key table.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/config/scenario.h"
#include "core/config/scenario_fields.h"
#include "support/scenario_problems.h"

namespace {

using nlohmann::json;
using Lines = std::vector<std::string>;

using test_support::problems_in;

Lines load_problems(const std::string& file, const Lines& overrides = {}) {
  try {
    core::load_scenario(file, overrides);
  } catch (const core::ScenarioError& error) {
    return error.problems();
  }
  return {};
}

// A fresh directory under the system's temporary directory, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    static int count = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("loopix-scenario-test-" + std::to_string(getpid()) + "-" + std::to_string(count++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string write(const std::string& name, const std::string& text) const {
    auto file = path_ / name;
    std::ofstream(file, std::ios::binary) << text;
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

// Every member, compared one by one, so a failure names the member.
void require_same(const core::Scenario& a, const core::Scenario& b) {
  CHECK(a.name == b.name);
  CHECK(a.seed == b.seed);
  CHECK(a.horizon == b.horizon);
  CHECK(a.warmup == b.warmup);
  CHECK(a.drain == b.drain);
  CHECK(a.providers == b.providers);
  CHECK(a.layers == b.layers);
  CHECK(a.mixes_per_layer == b.mixes_per_layer);
  CHECK(a.clients == b.clients);
  CHECK(a.assignment == b.assignment);
  CHECK(a.payload_rate == b.payload_rate);
  CHECK(a.loop_rate == b.loop_rate);
  CHECK(a.drop_rate == b.drop_rate);
  CHECK(a.mix_loop_rate == b.mix_loop_rate);
  CHECK(a.workload_rate == b.workload_rate);
  CHECK(a.recipients == b.recipients);
  CHECK(a.mu == b.mu);
  CHECK(a.provider_delay == b.provider_delay);
  CHECK(a.pull_period == b.pull_period);
  CHECK(a.pull_messages == b.pull_messages);
  CHECK(a.latency.distribution == b.latency.distribution);
  CHECK(a.latency.value == b.latency.value);
  CHECK(a.latency.mean == b.latency.mean);
  CHECK(a.crypto == b.crypto);
  CHECK(a.payload_size == b.payload_size);
  CHECK(a.max_hops == b.max_hops);
  CHECK(a.flip_payload == b.flip_payload);
  CHECK(a.replay == b.replay);
  CHECK(a.latency.min == b.latency.min);
  CHECK(a.latency.max == b.latency.max);
}

}  // namespace

// ---- bad scenarios: one kind of problem each --------------------------------------------

TEST_CASE("scenario: an unknown key close to a known one gets a did-you-mean hint", "[scenario]") {
  REQUIRE(problems_in(R"({"traffic": {"loop_rat": 2}})") ==
          Lines{R"(bad.json: /traffic/loop_rat: unknown key; did you mean "loop_rate"?)"});
  REQUIRE(problems_in(R"({"run": {"Horizon": 60}})") ==
          Lines{R"(bad.json: /run/Horizon: unknown key; did you mean "horizon"?)"});
  REQUIRE(
      problems_in(R"({"delays": {"mu": 1, "provider_dleay": true}})") ==
      Lines{R"(bad.json: /delays/provider_dleay: unknown key; did you mean "provider_delay"?)"});
}

TEST_CASE("scenario: an unknown key far from every known one lists the valid keys", "[scenario]") {
  REQUIRE(problems_in(R"({"topology": {"routers": 3}})") ==
          Lines{"bad.json: /topology/routers: unknown key; expected one of: providers, layers, "
                "mixes_per_layer, clients, assignment, kind, chains, distinct_hops"});
  REQUIRE(problems_in(R"({"xy": 1})") ==
          Lines{"bad.json: /xy: unknown key; expected one of: name, seed, run, topology, traffic, "
                "workload, delays, mixes, pull, online, replies, clients, links, service, epochs, crypto, sphinx, "
                "adversary, faults, detection, anonymity, challenge"});
}

TEST_CASE("scenario: a string where a number is expected", "[scenario]") {
  REQUIRE(problems_in(R"({"delays": {"mu": "2"}})") ==
          Lines{R"(bad.json: /delays/mu: expected a number in [1e-09, 1000000000] (the simulator's limits), got "2")"});
  REQUIRE(problems_in(R"({"run": {"horizon": null}})") ==
          Lines{"bad.json: /run/horizon: expected a number > 0, got null"});
}

TEST_CASE("scenario: a float where an integer is expected, 3.0 included", "[scenario]") {
  REQUIRE(problems_in(R"({"topology": {"layers": 2.5}})") ==
          Lines{"bad.json: /topology/layers: expected an integer >= 1, got 2.5"});
  REQUIRE(problems_in(R"({"topology": {"layers": 3.0}})") ==
          Lines{"bad.json: /topology/layers: expected an integer >= 1, got 3.0"});
  REQUIRE(problems_in(R"({"pull": {"messages": "4"}})") ==
          Lines{R"(bad.json: /pull/messages: expected an integer >= 1, got "4")"});
}

TEST_CASE("scenario: a number where a boolean is expected", "[scenario]") {
  REQUIRE(problems_in(R"({"delays": {"provider_delay": 1}})") ==
          Lines{"bad.json: /delays/provider_delay: expected true or false, got 1"});
}

TEST_CASE("scenario: an array or a number where an object is expected", "[scenario]") {
  REQUIRE(problems_in(R"({"topology": [3, 3]})") ==
          Lines{"bad.json: /topology: expected an object, got an array"});
  REQUIRE(problems_in(R"({"links": {"latency": 0.01}})") ==
          Lines{"bad.json: /links/latency: expected an object, got 0.01"});
}

TEST_CASE("scenario: a string key given a number", "[scenario]") {
  REQUIRE(problems_in(R"({"name": 5})") == Lines{"bad.json: /name: expected a string, got 5"});
}

TEST_CASE("scenario: a negative rate", "[scenario]") {
  REQUIRE(problems_in(R"({"traffic": {"loop_rate": -0.5}})") ==
          Lines{"bad.json: /traffic/loop_rate: expected 0 or a number in [1e-09, 1000000000] (the simulator's limits), got -0.5"});
  REQUIRE(problems_in(R"({"workload": {"rate": -1}})") ==
          Lines{"bad.json: /workload/rate: expected 0 or a number in [1e-09, 1000000000] (the simulator's limits), got -1"});
}

TEST_CASE("scenario: a rate so small that 1/rate or its delays would overflow simulated time", "[scenario]") {
  REQUIRE(problems_in(R"({"traffic": {"loop_rate": 1e-300}})") ==
          Lines{"bad.json: /traffic/loop_rate: expected 0 or a number in [1e-09, 1000000000] (the simulator's limits), got 1e-300"});
  REQUIRE(problems_in(R"({"delays": {"mu": 1e-10}})") == Lines{"bad.json: /delays/mu: expected a number in [1e-09, 1000000000] (the simulator's limits), got 1e-10"});
  REQUIRE(problems_in(R"({"challenge": {"rate": 2e9}})") == Lines{"bad.json: /challenge/rate: expected a number in [1e-09, 1000000000] (the simulator's limits), got 2000000000.0"});
  // The limits themselves are valid, and 0 turns a stream off.
  REQUIRE(problems_in(R"({"delays": {"mu": 1e-9}, "traffic": {"loop_rate": 0, "drop_rate": 1e-9}})").empty());
}

TEST_CASE("scenario: zero layers", "[scenario]") {
  REQUIRE(problems_in(R"({"topology": {"layers": 0}})") ==
          Lines{"bad.json: /topology/layers: expected an integer >= 1, got 0"});
}

TEST_CASE("scenario: mu must be greater than zero", "[scenario]") {
  REQUIRE(problems_in(R"({"delays": {"mu": -1}})") ==
          Lines{"bad.json: /delays/mu: expected a number in [1e-09, 1000000000] (the simulator's limits), got -1"});
  REQUIRE(problems_in(R"({"delays": {"mu": 0}})") ==
          Lines{"bad.json: /delays/mu: expected a number in [1e-09, 1000000000] (the simulator's limits), got 0"});
  REQUIRE(problems_in(R"({"delays": {"mu": 0.0}})") ==
          Lines{"bad.json: /delays/mu: expected a number in [1e-09, 1000000000] (the simulator's limits), got 0.0"});
}

TEST_CASE("scenario: values beyond the simulator's limits", "[scenario]") {
  REQUIRE(
      problems_in(R"({"topology": {"layers": 65}})") ==
      Lines{
          "bad.json: /topology/layers: expected an integer <= 64 (the simulator's limit), got 65"});
  REQUIRE(problems_in(R"({"topology": {"clients": 10000001}})") ==
          Lines{"bad.json: /topology/clients: expected an integer <= 10000000 (the simulator's "
                "limit), got 10000001"});
  REQUIRE(problems_in(R"({"topology": {"providers": 1099511627776}})") ==
          Lines{"bad.json: /topology/providers: expected an integer <= 1000000 (the simulator's "
                "limit), got 1099511627776"});
  REQUIRE(problems_in(R"({"run": {"horizon": 1e10}})") ==
          Lines{"bad.json: /run/horizon: expected a number <= 1000000000 (the simulator's limit), "
                "got 10000000000.0"});
}

TEST_CASE("scenario: the seed must be a non-negative integer", "[scenario]") {
  REQUIRE(problems_in(R"({"seed": -1})") ==
          Lines{"bad.json: /seed: expected an integer >= 0, got -1"});
  REQUIRE(problems_in(R"({"seed": 1.5})") ==
          Lines{"bad.json: /seed: expected an integer >= 0, got 1.5"});
  REQUIRE(problems_in(R"({"seed": 18446744073709551615})").empty());
}

TEST_CASE("scenario: warmup at or after the horizon", "[scenario]") {
  REQUIRE(problems_in(R"({"run": {"horizon": 600, "warmup": 700}})") ==
          Lines{"bad.json: /run/warmup: expected a number < /run/horizon (600), got 700"});
  REQUIRE(problems_in(R"({"run": {"horizon": 2.5, "warmup": 2.5}})") ==
          Lines{"bad.json: /run/warmup: expected a number < /run/horizon (2.5), got 2.5"});
  // The default warmup (60 s) no longer fits a 30 s horizon.
  REQUIRE(
      problems_in(R"({"run": {"horizon": 30}})") ==
      Lines{
          "bad.json: /run/warmup: expected a number < /run/horizon (30), got 60.0 (the default)"});
}

TEST_CASE("scenario: the drain is a time of at least 0 and at most the simulator's limit", "[scenario]") {
  REQUIRE(problems_in(R"({"run": {"drain": -1}})") == Lines{"bad.json: /run/drain: expected a number >= 0, got -1"});
  REQUIRE(problems_in(R"({"run": {"drain": 1e10}})") ==
          Lines{"bad.json: /run/drain: expected a number <= 1000000000 (the simulator's limit), got 10000000000.0"});
  REQUIRE(problems_in(R"({"run": {"drain": 0}})").empty());
}

TEST_CASE("scenario: a recipient index out of range", "[scenario]") {
  REQUIRE(problems_in(R"({"topology": {"clients": 10}, "workload": {"recipients": [0, 10, 3]}})") ==
          Lines{"bad.json: /workload/recipients/1: expected a client index < /topology/clients "
                "(10), got 10"});
  REQUIRE(problems_in(R"({"workload": {"recipients": [-1, 2.5]}})") ==
          Lines{"bad.json: /workload/recipients/0: expected a client index >= 0, got -1",
                "bad.json: /workload/recipients/1: expected a client index >= 0, got 2.5"});
}

TEST_CASE("scenario: an empty or misspelled recipients value", "[scenario]") {
  REQUIRE(
      problems_in(R"({"workload": {"recipients": []}})") ==
      Lines{
          R"(bad.json: /workload/recipients: expected "uniform" or a non-empty array of client indices, got an empty array)"});
  REQUIRE(
      problems_in(R"({"workload": {"recipients": "unifrom"}})") ==
      Lines{
          R"(bad.json: /workload/recipients: expected "uniform" or a non-empty array of client indices, got "unifrom"; did you mean "uniform"?)"});
}

TEST_CASE("scenario: a duplicate recipient", "[scenario]") {
  REQUIRE(problems_in(R"({"workload": {"recipients": [3, 5, 3]}})") ==
          Lines{"bad.json: /workload/recipients/2: expected distinct client indices, got 3 again "
                "(first at /workload/recipients/0)"});
}

TEST_CASE("scenario: uniform recipients need a second client", "[scenario]") {
  REQUIRE(
      problems_in(R"({"topology": {"clients": 1}})") ==
      Lines{
          R"(bad.json: /workload/recipients: expected an array of client indices when /topology/clients is 1 and /workload/rate > 0 ("uniform" means any other client, and there is none), got "uniform" (the default))"});
  REQUIRE(problems_in(R"({"topology": {"clients": 1}, "workload": {"rate": 0}})").empty());
  REQUIRE(problems_in(R"({"topology": {"clients": 1}, "workload": {"recipients": [0]}})").empty());
}

TEST_CASE("scenario: an unknown assignment gets a hint", "[scenario]") {
  REQUIRE(
      problems_in(R"({"topology": {"assignment": "round-robin"}})") ==
      Lines{
          R"(bad.json: /topology/assignment: expected "round_robin" or "random", got "round-robin"; did you mean "round_robin"?)"});
  REQUIRE(problems_in(R"({"topology": {"assignment": 1}})") ==
          Lines{R"(bad.json: /topology/assignment: expected "round_robin" or "random", got 1)"});
}

TEST_CASE("scenario: an unknown latency distribution", "[scenario]") {
  REQUIRE(
      problems_in(R"({"links": {"latency": {"distribution": "exponental"}}})") ==
      Lines{
          R"(bad.json: /links/latency/distribution: expected "zero", "constant", "exponential", "uniform" or "lognormal", got "exponental"; did you mean "exponential"?)"});
  REQUIRE(
      problems_in(R"({"links": {"latency": {"distribution": "normal"}}})") ==
      Lines{
          R"(bad.json: /links/latency/distribution: expected "zero", "constant", "exponential", "uniform" or "lognormal", got "normal")"});
}

TEST_CASE("scenario: an exponential latency needs a mean above zero", "[scenario]") {
  REQUIRE(
      problems_in(R"({"links": {"latency": {"distribution": "exponential"}}})") ==
      Lines{
          R"(bad.json: /links/latency/mean: expected a number > 0 when /links/latency/distribution is "exponential", got 0.0 (the default))"});
  REQUIRE(
      problems_in(R"({"links": {"latency": {"distribution": "exponential", "mean": 0}}})") ==
      Lines{
          R"(bad.json: /links/latency/mean: expected a number > 0 when /links/latency/distribution is "exponential", got 0)"});
  REQUIRE(problems_in(R"({"links": {"latency": {"distribution": "exponential", "mean": 0.01}}})")
              .empty());
}

TEST_CASE("scenario: a uniform latency needs max at least min", "[scenario]") {
  REQUIRE(
      problems_in(
          R"({"links": {"latency": {"distribution": "uniform", "min": 0.5, "max": 0.1}}})") ==
      Lines{
          R"(bad.json: /links/latency/max: expected a number >= /links/latency/min (0.5) when /links/latency/distribution is "uniform", got 0.1)"});
  // The same values mean nothing for a constant latency, so they pass.
  REQUIRE(
      problems_in(R"({"links": {"latency": {"distribution": "constant", "min": 0.5, "max": 0.1}}})")
          .empty());
}

TEST_CASE("scenario: the top level must be an object", "[scenario]") {
  REQUIRE(problems_in("[1, 2]") == Lines{"bad.json: /: expected an object, got an array"});
  REQUIRE(problems_in("3") == Lines{"bad.json: /: expected an object, got 3"});
}

TEST_CASE("scenario: invalid JSON is reported with line and column", "[scenario]") {
  TempDir dir;
  const std::string file =
      dir.write("broken.json", "{\n  \"name\": \"x\",\n  \"run\": {\"horizon\": ,}\n}\n");
  REQUIRE(load_problems(file) ==
          Lines{file + ":3:22: invalid JSON: syntax error while parsing value - unexpected ','; "
                       "expected '[', '{', or a literal"});
  // Columns count characters: the two bytes of "é" are one column.
  const std::string accented = dir.write("accented.json", "{\"é\": x}");
  REQUIRE(load_problems(accented) ==
          Lines{accented +
                ":1:7: invalid JSON: syntax error while parsing value - invalid literal; "
                "last read: '\"é\": x'"});
  const std::string empty = dir.write("empty.json", "");
  REQUIRE(load_problems(empty) ==
          Lines{empty + ":1:1: invalid JSON: syntax error while parsing value - unexpected end of "
                        "input; expected '[', '{', or a literal"});
}

TEST_CASE("scenario: a missing or unreadable file", "[scenario]") {
  TempDir dir;
  const std::string missing = dir.write("present.json", "{}") + ".missing";
  REQUIRE(load_problems(missing) == Lines{missing + ": cannot read file"});
  const std::string directory = std::filesystem::temp_directory_path().string();
  REQUIRE(load_problems(directory) == Lines{directory + ": cannot read file"});
}

TEST_CASE("scenario: several problems in one file are reported together in document order",
          "[scenario]") {
  TempDir dir;
  const std::string file = dir.write("many.json", R"({
    "topology": {"layers": 0, "foo": 1},
    "delays": {"mu": -1},
    "run": {"horizon": 100, "warmup": 700},
    "seed": "x",
    "links": {"latency": {"distribution": "uniform", "min": 2, "max": 1}}
  })");
  REQUIRE(load_problems(file) ==
          Lines{file + ": /topology/layers: expected an integer >= 1, got 0",
                file + ": /topology/foo: unknown key; expected one of: providers, layers, "
                       "mixes_per_layer, clients, assignment, kind, chains, distinct_hops",
                file + ": /delays/mu: expected a number in [1e-09, 1000000000] (the simulator's limits), got -1",
                file + ": /run/warmup: expected a number < /run/horizon (100), got 700",
                file + R"(: /seed: expected an integer >= 0, got "x")",
                file + ": /links/latency/max: expected a number >= /links/latency/min (2) when "
                       "/links/latency/distribution is \"uniform\", got 1"});
}

TEST_CASE("scenario: ScenarioError's message holds every problem, one per line", "[scenario]") {
  try {
    core::parse_scenario(json::parse(R"({"delays": {"mu": 0}, "name": 1})"), "s.json");
    FAIL("no ScenarioError");
  } catch (const core::ScenarioError& error) {
    REQUIRE(std::string(error.what()) ==
            "s.json: /delays/mu: expected a number in [1e-09, 1000000000] (the simulator's limits), got 0\ns.json: /name: expected a string, "
            "got 1");
  }
}

// ---- overrides ---------------------------------------------------------------------------

TEST_CASE("scenario: malformed overrides are reported, even when the file is unreadable",
          "[scenario]") {
  TempDir dir;
  const std::string file = dir.write("ok.json", R"({"topology": {"layers": 0}})");
  REQUIRE(load_problems(file, {"foo", "=3", "a..b=1", "topology.=2"}) ==
          Lines{file + ": /topology/layers: expected an integer >= 1, got 0",
                "--set foo: expected KEY=VALUE", "--set =3: expected KEY=VALUE",
                "--set a..b=1: expected KEY=VALUE", "--set topology.=2: expected KEY=VALUE"});
  const std::string missing = file + ".missing";
  REQUIRE(load_problems(missing, {"foo"}) ==
          Lines{missing + ": cannot read file", "--set foo: expected KEY=VALUE"});
}

TEST_CASE("scenario: a bad override value is reported with the override it came from",
          "[scenario]") {
  TempDir dir;
  const std::string file =
      dir.write("ok.json", R"({"topology": {"layers": 3}, "delays": {"mu": -1}})");
  REQUIRE(load_problems(file, {"topology.layers=0", "name=42"}) ==
          Lines{file + ": /delays/mu: expected a number in [1e-09, 1000000000] (the simulator's limits), got -1",
                "--set topology.layers=0: /topology/layers: expected an integer >= 1, got 0",
                "--set name=42: /name: expected a string, got 42"});
  // The last override of a key decides its value, and takes the blame.
  REQUIRE(
      load_problems(file, {"topology.layers=0", "topology={\"layers\": -1}", "delays.mu=1"}) ==
      Lines{
          R"(--set topology={"layers": -1}: /topology/layers: expected an integer >= 1, got -1)"});
}

TEST_CASE("scenario: an override of an unknown key gets a hint", "[scenario]") {
  TempDir dir;
  const std::string file = dir.write("ok.json", "{}");
  REQUIRE(
      load_problems(file, {"traffic.loop_rat=3", "nmae=x"}) ==
      Lines{
          R"(--set traffic.loop_rat=3: /traffic/loop_rat: unknown key; did you mean "loop_rate"?)",
          R"(--set nmae=x: /nmae: unknown key; did you mean "name"?)"});
}

TEST_CASE("scenario: an override through a value that is not an object", "[scenario]") {
  TempDir dir;
  const std::string file = dir.write("ok.json", R"({"run": {"horizon": 600}, "topology": [1]})");
  REQUIRE(
      load_problems(file, {"run.horizon.x=1", "topology.layers=4"}) ==
      Lines{
          file + ": /topology: expected an object, got an array",
          R"(--set run.horizon.x=1: /run/horizon: expected an object to set "x" in, got 600)",
          R"(--set topology.layers=4: /topology: expected an object to set "layers" in, got an array)"});
}

TEST_CASE("scenario: overrides are typed as JSON: integer, float, boolean, string, array",
          "[scenario]") {
  TempDir dir;
  const std::string file = dir.write("ok.json", R"({"name": "base", "topology": {"layers": 2}})");
  const core::Scenario s = core::load_scenario(
      file, {"topology.layers=4", "delays.mu=0.25", "delays.provider_delay=false", "name=sweep 1",
             "workload.recipients=[7, 2]", "links.latency.distribution=uniform",
             "links.latency.max=0.02", "seed=18446744073709551615", "run.warmup=0"});
  CHECK(s.layers == 4);
  CHECK(s.mu == 0.25);
  CHECK_FALSE(s.provider_delay);
  CHECK(s.name == "sweep 1");
  CHECK(s.recipients == std::vector<int>{7, 2});
  CHECK(s.latency.distribution == core::LatencyDistribution::Uniform);
  CHECK(s.latency.max == 0.02);
  CHECK(s.seed == 18446744073709551615ULL);
  CHECK(s.warmup == 0.0);
  // A JSON string literal stays a string; an empty value is the empty string (which the name
  // check then refuses).
  CHECK(core::load_scenario(file, {R"(name="42")"}).name == "42");
  CHECK_THROWS_WITH(core::load_scenario(file, {"name="}),
                    Catch::Contains("--set name=: /name: expected a non-empty name"));
  CHECK(core::load_scenario(file, {"name=a=b"}).name == "a=b");
}

TEST_CASE("scenario: an override creates the objects on its path", "[scenario]") {
  TempDir dir;
  const std::string file = dir.write("ok.json", "{}");
  const core::Scenario s = core::load_scenario(
      file, {"links.latency.distribution=constant", "links.latency.value=0.01"});
  CHECK(s.latency.distribution == core::LatencyDistribution::Constant);
  CHECK(s.latency.value == 0.01);
}

// ---- good scenarios ----------------------------------------------------------------------

TEST_CASE("scenario: an empty object gives every default", "[scenario]") {
  const core::Scenario s = core::parse_scenario(json::object(), "empty.json");
  require_same(s, core::Scenario{});
  CHECK(s.name == "unnamed");
  CHECK(s.horizon == 600.0);
  CHECK(s.layers == 3);
  CHECK(s.recipients.empty());
  CHECK(s.latency.distribution == core::LatencyDistribution::Zero);
}

TEST_CASE("scenario: to_json writes every key, defaults included, in the documented layout",
          "[scenario]") {
  const json expected = json::parse(R"({
    "name": "unnamed", "seed": 1,
    "run": {"horizon": 600.0, "warmup": 60.0, "drain": 0.0},
    "topology": {"providers": 3, "layers": 3, "mixes_per_layer": 3, "clients": 100,
                 "assignment": "round_robin", "kind": "stratified", "chains": 1, "distinct_hops": false},
    "traffic": {"payload_rate": 1.0, "loop_rate": 1.0, "drop_rate": 1.0, "mix_loop_rate": 1.0},
    "workload": {"rate": 0.5, "recipients": "uniform", "group": false, "contacts": 0, "popularity": "uniform", "zipf_exponent": 1.0,
                 "file": "", "send": "buffer"},
    "delays": {"mu": 2.0, "provider_delay": true},
    "mixes": {"strategy": "poisson", "round": 1.0, "random_phase": false, "period": 1.0, "keep": 0, "threshold": 10},
    "pull": {"period": 1.0, "messages": 4, "inbox_capacity": 0},
    "online": {"model": "always",
               "on": {"distribution": "exponential", "value": 0.0, "mean": 3600.0, "min": 0.0, "max": 0.0, "sigma": 1.0},
               "off": {"distribution": "exponential", "value": 0.0, "mean": 3600.0, "min": 0.0, "max": 0.0, "sigma": 1.0},
               "file": ""},
    "replies": {"probability": 0.0, "ack": false},
    "clients": {"classes": [], "groups": []},
    "links": {"latency": {"distribution": "zero", "value": 0.0, "mean": 0.0, "min": 0.0, "max": 0.0, "sigma": 1.0},
              "bandwidth": 0.0},
    "service": {"time": {"distribution": "zero", "value": 0.0, "mean": 0.0, "min": 0.0, "max": 0.0, "sigma": 1.0},
                "processors": 1, "queue_limit": 0},
    "epochs": {"length": 0.0, "grace": 0.0},
    "crypto": "sphinx",
    "sphinx": {"payload_size": 1024, "max_hops": 0},
    "adversary": {"flip_payload": [], "replay": [], "corrupt": [], "corrupt_providers": [], "provider_role": "both",
                  "gpa": false, "window": 10.0, "advantage": 0.5,
                  "disclosure": {"targets": [], "round": 60.0},
                  "block": {"mixes": [], "fraction": 0.0, "start": 0.0, "duration": 0.0, "spare": [], "delay": 0.0, "flood": 0.0}},
    "faults": {"outage": {"mixes": [], "start": 0.0, "duration": 0.0}},
    "detection": {"window": 0.0, "false_alarm": 0.001, "clients": false},
    "anonymity": {"levels": ["message"], "senders": "all", "sample": 1.0, "targets": 0, "exit": "last_mix"},
    "challenge": {"senders": [], "recipient": 0, "rate": 1.0, "duration": 60.0}
  })");
  REQUIRE(core::to_json(core::Scenario{}) == expected);
}

TEST_CASE("scenario: a full scenario round-trips through to_json and parse_scenario",
          "[scenario]") {
  core::Scenario s;
  s.name = "fig5 mu=0.2";
  s.seed = 12345678901234ULL;
  s.horizon = 2600;
  s.warmup = 2500;
  s.drain = 400;
  s.providers = 4;
  s.layers = 5;
  s.mixes_per_layer = 2;
  s.clients = 500;
  s.assignment = core::Assignment::Random;
  s.payload_rate = 0.1;
  s.loop_rate = 1.0 / 3.0;
  s.drop_rate = 0;
  s.mix_loop_rate = 7.25;
  s.workload_rate = 1e-3;
  s.recipients = {4, 0, 499};
  s.mu = 0.2;
  s.provider_delay = false;
  s.pull_period = 0.5;
  s.pull_messages = 10;
  s.latency = {core::LatencyDistribution::Uniform, 0.001, 0.002, 0.003, 0.004};
  s.crypto = core::CryptoMode::None;
  s.payload_size = 2048;
  s.max_hops = 9;
  s.flip_payload = {{3, 0}};
  s.replay = {{9}};

  require_same(core::parse_scenario(core::to_json(s), "mem"), s);
  // Through text too: doubles are printed with enough digits to come back exactly.
  require_same(core::parse_scenario(json::parse(core::to_json(s).dump()), "mem"), s);
  CHECK(core::to_json(s)["workload"]["recipients"] == json::array({4, 0, 499}));
}

TEST_CASE("scenario: every latency distribution and assignment name is understood", "[scenario]") {
  auto distribution = [](const std::string& name) {
    json doc = {{"links", {{"latency", {{"distribution", name}, {"mean", 1}}}}}};
    return core::parse_scenario(doc, "mem").latency.distribution;
  };
  CHECK(distribution("zero") == core::LatencyDistribution::Zero);
  CHECK(distribution("constant") == core::LatencyDistribution::Constant);
  CHECK(distribution("exponential") == core::LatencyDistribution::Exponential);
  CHECK(distribution("uniform") == core::LatencyDistribution::Uniform);
  auto assignment = [](const std::string& name) {
    return core::parse_scenario({{"topology", {{"assignment", name}}}}, "mem").assignment;
  };
  CHECK(assignment("round_robin") == core::Assignment::RoundRobin);
  CHECK(assignment("random") == core::Assignment::Random);
}

// ---- the JSON Schema, kept in step with the parser's key table ---------------------------

namespace {

namespace fields = core::fields;

// What the schema must say about FIELD, built from the parser's table.
json expected_schema_entry(const fields::Field& field) {
  std::string description(field.meaning);
  if (!field.unit.empty()) description += " Unit: " + std::string(field.unit) + ".";
  if (!field.symbol.empty()) description += " Paper symbol: " + std::string(field.symbol) + ".";
  json entry = {{"description", description}};
  const fields::Bounds& bounds = field.bounds;
  auto add_bounds = [&](json& target) {
    if (bounds.zero_or) {  // 0, or at least the minimum
      target["minimum"] = 0;
      target["not"] = {{"exclusiveMinimum", 0}, {"exclusiveMaximum", bounds.minimum}};
    } else {
      target[bounds.exclusive_minimum ? "exclusiveMinimum" : "minimum"] = bounds.minimum;
    }
    if (bounds.maximum != fields::kNoMaximum) target["maximum"] = bounds.maximum;
  };
  switch (fields::kind_of(field)) {
    case fields::Kind::String:
      entry["type"] = "string";
      break;
    case fields::Kind::Unsigned:
    case fields::Kind::Integer:
      entry["type"] = "integer";
      add_bounds(entry);
      break;
    case fields::Kind::Number:
      entry["type"] = "number";
      add_bounds(entry);
      break;
    case fields::Kind::Boolean:
      entry["type"] = "boolean";
      break;
    case fields::Kind::Choice:
      entry["type"] = "string";
      entry["enum"] = fields::choices_of(field);
      break;
    case fields::Kind::Recipients:
    case fields::Kind::Senders: {  // a word, or a non-empty array of client indices
      json index = {{"type", "integer"}};
      add_bounds(index);
      const char* word = fields::kind_of(field) == fields::Kind::Recipients ? "uniform" : "all";
      entry["oneOf"] = json::array(
          {{{"const", word}}, {{"type", "array"}, {"minItems", 1}, {"uniqueItems", true}, {"items", index}}});
      break;
    }
    case fields::Kind::Mixes:
    case fields::Kind::Clients: {
      json index = {{"type", "integer"}};
      add_bounds(index);
      entry["type"] = "array";
      entry["uniqueItems"] = true;
      entry["items"] = index;
      break;
    }
    case fields::Kind::Levels:
      entry["type"] = "array";
      entry["uniqueItems"] = true;
      entry["items"] = {{"type", "string"}, {"enum", fields::choices_of(field)}};
      break;
    case fields::Kind::Share: {
      json index = {{"type", "integer"}};
      add_bounds(index);
      entry["oneOf"] = json::array({{{"type", "number"}, {"minimum", 0}, {"maximum", 1}},
                                    {{"type", "array"}, {"uniqueItems", true}, {"items", index}}});
      break;
    }
    case fields::Kind::Classes: {  // an array of objects: a class's own keys, and the class keys' entries
      json item = {{"type", "object"},
                   {"additionalProperties", false},
                   {"oneOf", json::array({{{"required", {"count"}}}, {{"required", {"share"}}}})},
                   {"properties",
                    {{"name", {{"type", "string"}, {"minLength", 1}}},
                     {"count", {{"type", "integer"}, {"minimum", 0}}},
                     {"share", {{"type", "number"}, {"minimum", 0}, {"maximum", 1}}}}}};
      for (const std::string& pointer : fields::class_keys()) {
        json* object = &item;
        std::string rest = pointer.substr(1);
        for (std::size_t slash; (slash = rest.find('/')) != std::string::npos; rest = rest.substr(slash + 1)) {
          json& child = (*object)["properties"][rest.substr(0, slash)];
          if (child.is_null()) child = {{"type", "object"}, {"additionalProperties", false}, {"properties", json::object()}};
          object = &child;
        }
        json key = expected_schema_entry(*fields::find(pointer));
        key.erase("default");  // a class takes the scenario's value
        (*object)["properties"][rest] = key;
      }
      entry["type"] = "array";
      entry["items"] = item;
      break;
    }
    case fields::Kind::Groups:
      entry["type"] = "array";
      entry["items"] = {{"type", "object"},
                        {"additionalProperties", false},
                        {"required", {"size"}},
                        {"properties",
                         {{"name", {{"type", "string"}, {"minLength", 1}}},
                          {"size", {{"type", "integer"}, {"minimum", 2}, {"maximum", core::kMaxGroupSize}}},
                          {"classes", {{"type", "array"}, {"uniqueItems", true}, {"items", {{"type", "string"}}}}}}}};
      break;
  }
  entry["default"] = fields::value_of(field, core::Scenario{});
  return entry;
}

// The schema's leaf entries by JSON pointer; objects must be closed (additionalProperties false).
void flatten(const json& node, const std::string& pointer, std::map<std::string, json>& leaves,
             Lines& mismatches) {
  if (node.value("additionalProperties", true) != false)
    mismatches.push_back(pointer + ": the schema object allows additional properties");
  const json properties = node.value("properties", json::object());
  for (const auto& [key, entry] : properties.items()) {
    const std::string child = pointer + "/" + key;
    if (entry.value("type", "") == "object")
      flatten(entry, child, leaves, mismatches);
    else
      leaves[child] = entry;
  }
}

// Every difference between SCHEMA and the parser's table, both directions.
Lines schema_mismatches(const json& schema) {
  Lines mismatches;
  std::map<std::string, json> leaves;
  flatten(schema, "", leaves, mismatches);
  for (const auto& [pointer, entry] : leaves)
    if (!fields::find(pointer))
      mismatches.push_back(pointer + ": in the schema, unknown to the parser");
  for (const fields::Field& field : fields::all()) {
    const std::string pointer(field.pointer);
    auto leaf = leaves.find(pointer);
    if (leaf == leaves.end()) {
      mismatches.push_back(pointer + ": known to the parser, missing from the schema");
    } else if (leaf->second != expected_schema_entry(field)) {
      mismatches.push_back(pointer + ": the schema says " + leaf->second.dump() +
                           ", the parser's table says " + expected_schema_entry(field).dump());
    }
  }
  return mismatches;
}

const char* const kSchemaPath = LOOPIX_SOURCE_DIR "/scenarios/scenario.schema.json";

json load_schema() {
  std::ifstream in(kSchemaPath);
  REQUIRE(in);
  return json::parse(in);
}

// Rewrites the schema's leaves from the parser's table, keeping the file's order and its
// groups' descriptions; a new group gets a description to write by hand.
void regenerate_schema() {
  std::ifstream in(kSchemaPath);
  nlohmann::ordered_json schema = nlohmann::ordered_json::parse(in);
  for (const fields::Field& field : fields::all()) {
    nlohmann::ordered_json* object = &schema;
    std::string rest(field.pointer.substr(1));
    for (std::size_t slash; (slash = rest.find('/')) != std::string::npos; rest = rest.substr(slash + 1)) {
      nlohmann::ordered_json& child = (*object)["properties"][rest.substr(0, slash)];
      if (child.is_null())
        child = {{"description", "TO WRITE"}, {"type", "object"}, {"additionalProperties", false}, {"properties", nlohmann::ordered_json::object()}};
      object = &child;
    }
    nlohmann::ordered_json& leaf = (*object)["properties"][rest];
    if (json::parse(leaf.dump()) != expected_schema_entry(field))  // a leaf already right stays as written
      leaf = nlohmann::ordered_json::parse(expected_schema_entry(field).dump());
  }
  std::ofstream(kSchemaPath) << schema.dump(2) << '\n';
}

}  // namespace

TEST_CASE("scenario: the JSON Schema lists exactly the parser's keys, types, bounds and defaults",
          "[scenario]") {
  // Regenerate (after adding or changing keys) with LOOPIX_REGENERATE_SCHEMA=1; the run then
  // rewrites the file and fails, so that nothing passes on a regenerated schema.
  if (std::getenv("LOOPIX_REGENERATE_SCHEMA") != nullptr) {
    regenerate_schema();
    FAIL("regenerated " << kSchemaPath << ": review the diff, then run again without LOOPIX_REGENERATE_SCHEMA");
  }
  const json schema = load_schema();
  CHECK(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema");
  CHECK(schema["type"] == "object");
  REQUIRE(schema_mismatches(schema) == Lines{});
}

TEST_CASE("scenario: the schema check notices a key, default or bound on one side only",
          "[scenario]") {
  json schema = load_schema();
  schema["properties"]["traffic"]["properties"]["burst_rate"] = {{"type", "number"}};
  schema["properties"]["delays"]["properties"].erase("mu");
  schema["properties"]["topology"]["properties"]["layers"]["default"] = 4;
  schema["properties"]["links"]["properties"]["latency"]["additionalProperties"] = true;
  const json layers = schema["properties"]["topology"]["properties"]["layers"];
  REQUIRE(schema_mismatches(schema) ==
          Lines{"/links/latency: the schema object allows additional properties",
                "/traffic/burst_rate: in the schema, unknown to the parser",
                "/topology/layers: the schema says " + layers.dump() +
                    ", the parser's table says " +
                    expected_schema_entry(*fields::find("/topology/layers")).dump(),
                "/delays/mu: known to the parser, missing from the schema"});
}

TEST_CASE("scenario: Sphinx sizes and misbehaving mixes are checked against the topology", "[scenario]") {
  CHECK(problems_in(R"({"topology": {"layers": 4}, "sphinx": {"max_hops": 5}})") ==
        Lines{"bad.json: /sphinx/max_hops: expected 0 or an integer >= /topology/layers + 2 (6: ingress "
              "provider, a mix per layer, egress provider), got 5"});
  CHECK(problems_in(R"({"sphinx": {"payload_size": 63}})") ==
        Lines{"bad.json: /sphinx/payload_size: expected an integer >= 64, got 63"});
  CHECK(problems_in(R"({"crypto": "sphynx"})") ==
        Lines{"bad.json: /crypto: expected \"sphinx\" or \"none\", got \"sphynx\"; did you mean \"sphinx\"?"});
  CHECK(problems_in(R"({"adversary": {"flip_payload": [2, 9], "replay": 3}})") ==
        Lines{"bad.json: /adversary/flip_payload/1: expected a mix index < /topology/layers * "
              "/topology/mixes_per_layer (9), got 9",
              "bad.json: /adversary/replay: expected an array of mix indices, got 3"});
  CHECK(problems_in(R"({"adversary": {"replay": [1, 1]}})") ==
        Lines{"bad.json: /adversary/replay/1: expected distinct mix indices, got 1 again (first at "
              "/adversary/replay/0)"});
  // Positions count every element, invalid ones too.
  CHECK(problems_in(R"({"adversary": {"replay": [-1, 2, 2]}})") ==
        Lines{"bad.json: /adversary/replay/0: expected a mix index >= 0, got -1",
              "bad.json: /adversary/replay/2: expected distinct mix indices, got 2 again (first at "
              "/adversary/replay/1)"});
  // A list of 400,000 indices is checked in linear time (it took 20 s when each was compared
  // with every earlier one): 399,999 distinct mixes of a large layer, then the first again.
  json big = {{"topology", {{"mixes_per_layer", 400000}}}, {"adversary", {{"replay", json::array()}}}};
  for (int m = 0; m < 399999; ++m) big["adversary"]["replay"].push_back(m);
  big["adversary"]["replay"].push_back(0);
  CHECK(problems_in(big.dump()) == Lines{"bad.json: /adversary/replay/399999: expected distinct mix indices, got 0 "
                                         "again (first at /adversary/replay/0)"});
  const core::Scenario s = core::parse_scenario(
      json::parse(R"({"crypto": "none", "adversary": {"replay": [4, 8]}, "sphinx": {"max_hops": 7}})"), "mem");
  CHECK(s.crypto == core::CryptoMode::None);
  CHECK(s.replay.contains(8));
  CHECK_FALSE(s.replay.contains(0));
  CHECK(s.header_hops() == 7);
  CHECK(core::Scenario{}.header_hops() == 5);
}

TEST_CASE("scenario: corrupt mixes, anonymity targets and the challenge are checked", "[scenario]") {
  CHECK(problems_in(R"({"adversary": {"corrupt": 1.5}})") ==
        Lines{"bad.json: /adversary/corrupt: expected a fraction in [0, 1] or an array of mix indices, got 1.5"});
  CHECK(problems_in(R"({"adversary": {"corrupt": [0, 9]}})") ==
        Lines{"bad.json: /adversary/corrupt/1: expected a mix index < /topology/layers * "
              "/topology/mixes_per_layer (9), got 9"});
  CHECK(problems_in(R"({"anonymity": {"senders": "al", "sample": 2}})") ==
        Lines{"bad.json: /anonymity/sample: expected a number <= 1, got 2",
              "bad.json: /anonymity/senders: expected \"all\" or a non-empty array of client indices, got \"al\"; "
              "did you mean \"all\"?"});
  CHECK(problems_in(R"({"anonymity": {"senders": [3, 100]}})") ==
        Lines{"bad.json: /anonymity/senders/1: expected a client index < /topology/clients (100), got 100"});
  CHECK(problems_in(R"({"challenge": {"senders": [3]}})") ==
        Lines{"bad.json: /challenge/senders: expected an empty array or two client indices [S0, S1], got an array"});
  CHECK(problems_in(R"({"challenge": {"senders": [3, 4], "recipient": 4}})") ==
        Lines{"bad.json: /challenge/recipient: expected a client other than the challengers in /challenge/senders, "
              "got 4"});
  CHECK(problems_in(R"({"challenge": {"senders": [0, 1], "recipient": 100, "rate": 0}})") ==
        Lines{"bad.json: /challenge/rate: expected a number in [1e-09, 1000000000] (the simulator's limits), got 0",
              "bad.json: /challenge/recipient: expected a client index < /topology/clients (100), got 100"});
  const core::Scenario s = core::parse_scenario(
      json::parse(R"({"adversary": {"corrupt": 0.25}, "anonymity": {"senders": [2], "sample": 0.5},
                      "challenge": {"senders": [0, 1], "recipient": 2}})"),
      "mem");
  CHECK(s.corrupt.fraction == 0.25);
  CHECK(s.anonymity_senders.clients == std::vector<int>{2});
  CHECK(s.challenge());
  CHECK(core::to_json(s)["adversary"]["corrupt"] == 0.25);
  CHECK(core::to_json(core::parse_scenario(core::to_json(s), "again")) == core::to_json(s));
}

TEST_CASE("scenario: the name must be usable as the results folder", "[scenario]") {
  const std::string expected =
      "expected a non-empty name without /, \\ or control characters, other than . and .. (it names the results "
      "folder), got ";
  CHECK(problems_in(R"({"name": "../x"})") == Lines{"bad.json: /name: " + expected + "\"../x\""});
  CHECK(problems_in(R"({"name": ""})") == Lines{"bad.json: /name: " + expected + "\"\""});
  CHECK(problems_in(R"({"name": ".."})") == Lines{"bad.json: /name: " + expected + "\"..\""});
  CHECK(problems_in(R"({"name": "fig5 mu=0.2"})").empty());
  // A NUL would cut the folder's name; a tab or a DEL would make it hard to type.
  CHECK(problems_in(R"({"name": "a\u0000b"})") == Lines{"bad.json: /name: " + expected + "\"a\\u0000b\""});
  CHECK(problems_in(R"({"name": "a\tb"})") == Lines{"bad.json: /name: " + expected + "\"a\\tb\""});
  CHECK(problems_in(R"({"name": "a\u007fb"})") == Lines{"bad.json: /name: " + expected + "\"a\u007fb\""});
}

TEST_CASE("scenario: a key twice in one object is an error naming its path, not a silent last wins", "[scenario]") {
  const auto dir = std::filesystem::temp_directory_path() / "loopix-sim-test-duplicate-keys";
  std::filesystem::create_directories(dir);
  const auto file = [&](const std::string& name, const std::string& text) {
    std::ofstream((dir / name).string()) << text;
    return (dir / name).string();
  };
  const std::string top = file("top.json", R"({"seed": 1, "seed": 2})");
  CHECK(load_problems(top) == Lines{top + ": /seed: duplicate key (each key may appear once in an object)"});
  const std::string nested = file("nested.json", R"({"run": {"horizon": 10}, "delays": {"mu": 2, "provider_delay": true, "mu": 3}})");
  CHECK(load_problems(nested) == Lines{nested + ": /delays/mu: duplicate key (each key may appear once in an object)"});
  const std::string in_array =
      file("array.json", R"({"adversary": {"replay": [1]}, "x": [{"a": 1}, {"b": 1, "c": 2, "b": 3}]})");
  CHECK(load_problems(in_array) == Lines{in_array + ": /x/1/b: duplicate key (each key may appear once in an object)"});
  // The same key in two objects is fine.
  CHECK(load_problems(file("fine.json", R"({"run": {"horizon": 100}, "links": {"latency": {"value": 0.1}}})")).empty());
}
