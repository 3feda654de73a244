#include "analysis/sweep_table.h"

#include <cmath>
#include <map>

#include "analysis/confidence_interval.h"

namespace analysis {

namespace {

void flatten(const nlohmann::json& object, const std::string& prefix,
             std::vector<std::pair<std::string, nlohmann::json>>& metrics) {
  for (const auto& [key, value] : object.items()) {
    const std::string name = prefix.empty() ? key : prefix + "." + key;
    if (value.is_object())
      flatten(value, name, metrics);
    else if (value.is_number())
      metrics.emplace_back(name, value);
  }
}

std::string quoted_if_needed(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string q = "\"";
  for (char c : text) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + '"';
}

std::string number_field(double v) { return std::isfinite(v) ? nlohmann::json(v).dump() : ""; }

void write_header(std::ostream& out, const std::string& before, const std::vector<std::string>& axes,
                  const std::string& after) {
  out << before;
  for (const std::string& axis : axes) out << ',' << quoted_if_needed(axis);
  out << ',' << after << '\n';
}

void write_values(std::ostream& out, const SweepTableRun& run) {
  for (const nlohmann::json& v : run.values) out << ',' << csv_field(v);
}

}  // namespace

std::vector<std::pair<std::string, nlohmann::json>> scalar_metrics(const nlohmann::json& summary) {
  nlohmann::json metrics = summary;
  for (const char* identity : {"timing", "version", "seed", "provenance"}) metrics.erase(identity);
  std::vector<std::pair<std::string, nlohmann::json>> out;
  flatten(metrics, "", out);
  return out;
}

std::string csv_field(const nlohmann::json& value) {
  return quoted_if_needed(value.is_string() ? value.get<std::string>() : value.dump());
}

void write_sweep_csv(std::ostream& out, const std::vector<std::string>& axes, const std::vector<SweepTableRun>& runs) {
  write_header(out, "run,point,replication,seed", axes, "metric,value");
  for (const SweepTableRun& run : runs)
    for (const auto& [metric, value] : run.metrics) {
      out << run.id << ',' << run.point << ',' << run.replication << ',' << run.seed;
      write_values(out, run);
      out << ',' << quoted_if_needed(metric) << ',' << value.dump() << '\n';
    }
}

void write_runs_csv(std::ostream& out, const std::vector<std::string>& axes, const std::vector<SweepTableRun>& runs) {
  std::map<std::string, std::size_t> column;  // metric -> its column, in name order
  for (const SweepTableRun& run : runs)
    for (const auto& entry : run.metrics) column.emplace(entry.first, 0);
  std::string metrics;
  std::size_t next = 0;
  for (auto& [name, index] : column) {
    index = next++;
    if (!metrics.empty()) metrics += ',';
    metrics += quoted_if_needed(name);
  }
  out << "run,point,replication,seed";
  for (const std::string& axis : axes) out << ',' << quoted_if_needed(axis);
  out << (metrics.empty() ? "" : ",") << metrics << '\n';
  std::vector<std::string> cells(column.size());
  for (const SweepTableRun& run : runs) {
    std::fill(cells.begin(), cells.end(), std::string());
    for (const auto& [metric, value] : run.metrics) cells[column.at(metric)] = value.dump();
    out << run.id << ',' << run.point << ',' << run.replication << ',' << run.seed;
    write_values(out, run);
    for (const std::string& cell : cells) out << ',' << cell;
    out << '\n';
  }
}

void write_summary_csv(std::ostream& out, const std::vector<std::string>& axes,
                       const std::vector<SweepTableRun>& runs) {
  write_header(out, "point", axes, "metric,runs,value_mean,value_sd,value_ci95_low,value_ci95_high");
  // Point -> its first run (for the parameter values) and each metric's values.
  struct Point {
    const SweepTableRun* run;
    std::map<std::string, std::vector<double>> metrics;
  };
  std::map<std::size_t, Point> points;
  for (const SweepTableRun& run : runs) {
    Point& p = points.try_emplace(run.point, Point{&run, {}}).first->second;
    for (const auto& [metric, value] : run.metrics) p.metrics[metric].push_back(value.get<double>());
  }
  for (const auto& [index, point] : points)
    for (const auto& [metric, values] : point.metrics) {
      const MeanInterval m = mean_interval(values);
      out << index;
      write_values(out, *point.run);
      out << ',' << quoted_if_needed(metric) << ',' << m.n << ',' << number_field(m.mean) << ',' << number_field(m.sd)
          << ',' << number_field(m.low) << ',' << number_field(m.high) << '\n';
    }
}

}  // namespace analysis
