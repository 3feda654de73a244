// The tidy tables of a sweep: every run's scalar metrics (read from its summary.json) in one
// long table, sweep.csv, and per parameter point and metric the mean, standard deviation and
// 95% Student t confidence interval over the replications, summary.csv.
#pragma once
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace analysis {

// The scalar metrics of a summary.json: every number inside nested objects, named by its
// dotted path ("unlinkability.epsilon_bits.mean"), in name order. Arrays (per-mix figures),
// strings, booleans and nulls are left out, and so are "timing" (wall-clock figures, which
// differ between identical runs), "version" and "seed" (the run's identity, not a metric).
std::vector<std::pair<std::string, nlohmann::json>> scalar_metrics(const nlohmann::json& summary);

// One completed run of a sweep.
struct SweepTableRun {
  std::string id;  // "p0003-r01"
  std::size_t point = 0;
  int replication = 0;
  std::uint64_t seed = 0;
  std::vector<nlohmann::json> values;  // the point's parameter values, in axis order
  std::vector<std::pair<std::string, nlohmann::json>> metrics;  // scalar_metrics of its summary.json
};

// sweep.csv: "run,point,replication,seed,AXIS...,metric,value", one row per run and metric,
// runs in the order given.
void write_sweep_csv(std::ostream& out, const std::vector<std::string>& axes, const std::vector<SweepTableRun>& runs);

// runs.csv: "run,point,replication,seed,AXIS...,METRIC...", one row per run (in the order
// given) and one column per metric any run has (in name order); a run without a metric has an
// empty cell there.
void write_runs_csv(std::ostream& out, const std::vector<std::string>& axes, const std::vector<SweepTableRun>& runs);

// summary.csv: "point,AXIS...,metric,runs,value_mean,value_sd,value_ci95_low,value_ci95_high", one row per point and
// metric, points ascending and metrics in name order; n counts the replications that have the
// metric. sd and the interval are empty when n < 2.
void write_summary_csv(std::ostream& out, const std::vector<std::string>& axes,
                       const std::vector<SweepTableRun>& runs);

// A value as a CSV field: a JSON string's text, any other value as compact JSON; quoted
// (with "" for ") when it holds a comma, a quote or a line break.
std::string csv_field(const nlohmann::json& value);

}  // namespace analysis
