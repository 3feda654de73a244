// `loopix-sim plot SWEEP_DIR --x --y [--series] [--logx] [--logy]`: the figure read from a
// sweep's summary.csv (names resolved, one line per series, the table's means and intervals),
// its errors, and the files drawn.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/metric_names.h"
#include "cli/sweep_plot.h"
#include "cli/user_error.h"
#include "support/cli_fixture.h"

namespace fs = std::filesystem;
using test_support::cli_run;

namespace {

// A finished sweep of 2 mu values x 2 layer counts, 3 replications, in a fresh folder.
fs::path swept(const std::string& name) {
  const fs::path dir = test_support::scratch("sweep-plot-" + name);
  std::ofstream(dir / "s.json") << R"({"name": "p", "seed": 5,
    "base": {"crypto": "none", "run": {"horizon": 20, "warmup": 4}, "topology": {"clients": 12},
             "challenge": {"senders": [0, 1], "recipient": 2}},
    "grid": {"topology.layers": [3, 2], "delays.mu": [4, 1]}, "replications": 3})";
  REQUIRE(cli_run({"sweep", (dir / "s.json").string(), "-o", (dir / "out").string(), "--quiet"}).code == 0);
  return dir / "out";
}

std::string error_of(const fs::path& dir, const cli::SweepPlotOptions& o) {
  try {
    cli::sweep_plot(dir.string(), o);
  } catch (const cli::UserError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("sweep plot: one line per series, x ascending, the means and intervals of summary.csv") {
  const fs::path dir = swept("figure");
  // The rows of summary.csv for the metric, by (layers, mu): mean, low, high as written.
  std::map<std::pair<std::string, std::string>, std::vector<double>> expected;
  std::ifstream table(dir / "summary.csv");
  for (std::string line; std::getline(table, line);) {
    std::vector<std::string> f;
    std::stringstream fields(line);
    for (std::string x; std::getline(fields, x, ',');) f.push_back(x);
    if (f.size() == 9 && f[3] == "unlinkability.epsilon_bits.mean")
      expected[{f[1], f[2]}] = {std::stod(f[5]), std::stod(f[7]), std::stod(f[8])};
  }
  REQUIRE(expected.size() == 4);

  const cli::SweepPlot p = cli::sweep_plot(dir.string(), {"mu", "epsilon", std::string("layers"), true, false, std::nullopt, {}});
  CHECK(p.name == "unlinkability-epsilon_bits-mean_vs_delays-mu_by_topology-layers");
  CHECK(p.figure.x_label == "delays.mu (μ, 1/s)");
  CHECK(p.figure.y_label == "ε, mean over challenge messages (bits)");  // its documented name
  CHECK(p.figure.log_x);
  REQUIRE(p.figure.series.size() == 2);
  // Series in the sweep's order (layers 3 first), points by x.
  CHECK(p.figure.series[0].name == "topology.layers = 3");
  CHECK(p.figure.series[1].name == "topology.layers = 2");
  for (std::size_t s = 0; s < 2; ++s) {
    const std::string layers = s == 0 ? "3" : "2";
    REQUIRE(p.figure.series[s].points.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
      const cli::plot::SweepFigure::Point& at = p.figure.series[s].points[i];
      const std::vector<double>& row = expected.at({layers, i == 0 ? "1" : "4"});
      CHECK(at.x == (i == 0 ? 1 : 4));
      CHECK(at.mean == row[0]);
      CHECK(at.low == row[1]);
      CHECK(at.high == row[2]);
      CHECK(at.low < at.mean);
      CHECK(at.mean < at.high);
    }
  }
  // Full names work too.
  CHECK(cli::sweep_plot(dir.string(), {"delays.mu", "unlinkability.epsilon_bits.mean", std::string("topology.layers"),
                                       false, false, std::nullopt, {}})
            .figure.series.size() == 2);
}

TEST_CASE("sweep plot: --x may name a metric, each point at that metric's mean") {
  const fs::path dir = swept("metric-x");
  // The means of both metrics at each point, from summary.csv.
  std::map<std::string, std::map<std::string, double>> mean;  // metric -> point -> mean
  std::ifstream table(dir / "summary.csv");
  for (std::string line; std::getline(table, line);) {
    std::vector<std::string> f;
    std::stringstream fields(line);
    for (std::string x; std::getline(fields, x, ',');) f.push_back(x);
    if (f.size() == 9 && f[0] != "point") mean[f[3]][f[0]] = std::stod(f[5]);
  }
  const cli::SweepPlot p = cli::sweep_plot(dir.string(), {"latency", "entropy", std::string("layers"), false, false, std::nullopt, {}});
  CHECK(p.name == "entropy-mean_over_mixes_bits_vs_kinds-payload-latency_s-mean_by_topology-layers");
  CHECK(p.figure.x_label == "latency of real messages, mean (s)");
  REQUIRE(p.figure.series.size() == 2);
  std::size_t matched = 0;
  for (const auto& series : p.figure.series) {
    REQUIRE(series.points.size() == 2);
    CHECK(series.points[0].x < series.points[1].x);  // ordered by the x metric
    for (const auto& at : series.points)
      for (const auto& [point, latency] : mean.at("kinds.payload.latency_s.mean"))
        if (latency == at.x && mean.at("entropy.mean_over_mixes_bits").at(point) == at.mean) ++matched;
  }
  CHECK(matched == 4);  // each drawn point is one sweep point's (latency, entropy)
  // A name that is neither a parameter nor a metric gets the parameter's error.
  CHECK(error_of(dir, {"sigma", "entropy", std::nullopt, false, false, std::nullopt, {}}) ==
        "--x: no parameter \"sigma\" in this sweep; this sweep's parameters: topology.layers, delays.mu");
}

TEST_CASE("sweep plot: names that match nothing or several, and points that share x") {
  const fs::path dir = swept("errors");
  CHECK(error_of(dir, {"mu", "epsilon", std::nullopt, false, false, std::nullopt, {}}) ==
        "points 0 and 2 share delays.mu=4 but differ in topology.layers: pass one of them as --series");
  CHECK(error_of(dir, {"sigma", "epsilon", std::nullopt, false, false, std::nullopt, {}}) ==
        "--x: no parameter \"sigma\" in this sweep; this sweep's parameters: topology.layers, delays.mu");
  CHECK(error_of(dir, {"mu", "epsilon", std::string("mu"), false, false, std::nullopt, {}}) == "--series: delays.mu is already --x");
  CHECK(error_of(dir, {"mu", "mean", std::string("layers"), false, false, std::nullopt, {}}).rfind("--y: \"mean\" is ambiguous: ", 0) == 0);
  CHECK(error_of(dir, {"mu", "epsilo", std::string("layers"), false, false, std::nullopt, {}})
            .rfind("--y: no metric \"epsilo\" in this sweep; did you mean one of: unlinkability.epsilon_bits.count, ", 0) ==
        0);
  CHECK(error_of(dir, {"mu", "unlinkability.delta", std::string("layers"), false, true, std::nullopt, {}}) ==
        "--logy: unlinkability.delta at point 0 has the mean 0.0, which a log scale cannot show");
  CHECK(error_of(dir / "runs", {"mu", "epsilon", std::nullopt, false, false, std::nullopt, {}}) ==
        (dir / "runs" / "summary.csv").string() +
            ": not found (is it a sweep folder? `loopix-sim sweep --merge DIR` writes it)");
}

TEST_CASE("sweep plot: the command draws PNG and SVG into the sweep's plots folder") {
  const fs::path dir = swept("draw");
  auto r = cli_run({"plot", dir.string(), "--x", "mu", "--y", "entropy", "--series", "layers", "--logx"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  for (const char* ext : {".png", ".svg"})
    CHECK(fs::file_size(dir / "plots" / (std::string("entropy-mean_over_mixes_bits_vs_delays-mu_by_topology-layers") + ext)) >
          1000);
  // Without --x the folder is named as a sweep's; --series needs --x.
  auto bare = cli_run({"plot", dir.string()});
  CHECK(bare.code == 2);
  CHECK(bare.err == "loopix-sim: " + dir.string() + ": a sweep folder: name the figure with --x PARAMETER --y METRIC\n");
  CHECK(cli_run({"plot", dir.string(), "--series", "layers"}).code == 2);
}

TEST_CASE("sweep plot: --beside draws a second metric, such as a closed form, as its own line") {
  const fs::path dir = test_support::scratch("sweep-plot-beside");
  std::ofstream(dir / "summary.csv")
      << "point,topology.clients,metric,runs,value_mean,value_sd,value_ci95_low,value_ci95_high\n"
         "0,100,anonymity.message.entropy_bits.mean,3,5.5,0.1,5.25,5.75\n"
         "0,100,anonymity.message.limit_bits,3,6.0,0,6.0,6.0\n"
         "1,1000,anonymity.message.entropy_bits.mean,3,9.2,0.1,8.95,9.45\n"
         "1,1000,anonymity.message.limit_bits,3,9.3,0,9.3,9.3\n";
  const cli::SweepPlot p =
      cli::sweep_plot(dir.string(), {"clients", "anonymity", std::nullopt, true, false, std::string("anonymity_limit"), {}});
  CHECK(p.name == "anonymity-message-entropy_bits-mean_vs_topology-clients");
  REQUIRE(p.figure.series.size() == 2);
  CHECK(p.figure.series[0].name == "message anonymity, mean over targets (bits)");  // documented names
  CHECK(p.figure.series[1].name == "message anonymity, large-pool limit (bits)");
  REQUIRE(p.figure.series[1].points.size() == 2);
  CHECK(p.figure.series[1].points[0].x == 100);
  CHECK(p.figure.series[1].points[0].mean == 6.0);
  CHECK(p.figure.series[1].points[1].mean == 9.3);
  CHECK(p.figure.series[0].points[1].low == 8.95);
  CHECK(error_of(dir, {"clients", "anonymity", std::nullopt, false, false, std::string("limit_bitz"), {}})
            .rfind("--beside: no metric \"limit_bitz\" in this sweep", 0) == 0);
}

TEST_CASE("sweep plot: every metric a sweep's summary has is labelled by its documented name and unit") {
  using cli::metric_label;
  CHECK(metric_label("unlinkability.epsilon_bits.mean") == "ε, mean over challenge messages (bits)");
  CHECK(metric_label("kinds.payload.latency_s.p95") == "latency of payload messages, 95th percentile (s)");
  CHECK(metric_label("kinds.loop.fetch_latency_s.median") == "time until loop messages are fetched, median (s)");
  CHECK(metric_label("kinds.drop.sent") == "drop messages sent");
  CHECK(metric_label("kinds.payload.dropped.overflow") == "payload messages dropped: overflow");
  CHECK(metric_label("kinds.reply.latency_s.count") == "latency of reply messages, count");
  CHECK(metric_label("anonymity.sender.entropy_bits.q1") == "sender anonymity over targets, first quartile (bits)");
  CHECK(metric_label("inbox.wait_offline_s.p99") == "time a message waits for its offline recipient, 99th percentile (s)");
  CHECK(metric_label("anonymity.message.p_exit.sd") == "probability of the target's true exit, standard deviation");
  // A key it does not know keeps its name, with the unit the key carries, or none.
  CHECK(metric_label("mixes.some_rate_per_s") == "mixes.some_rate_per_s (1/s)");
  CHECK(metric_label("kinds.payload.latency_s.p42") == "kinds.payload.latency_s.p42 (s)");
  CHECK(metric_label("custom.thing") == "custom.thing");
}
