#include "cli/sweep_plot.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/csv_reader.h"
#include "cli/gnuplot.h"
#include "cli/metric_names.h"
#include "cli/plot_scripts.h"
#include "cli/user_error.h"
#include "core/config/scenario_fields.h"

namespace cli {

namespace fs = std::filesystem;

namespace {

// Short names for the metrics a researcher plots most.
const std::map<std::string, std::string, std::less<>> kShortMetrics = {
    {"epsilon", "unlinkability.epsilon_bits.mean"},
    {"epsilon_nats", "unlinkability.epsilon_nats.mean"},
    {"entropy", "entropy.mean_over_mixes_bits"},
    {"anonymity", "anonymity.message.entropy_bits.mean"},
    {"anonymity_limit", "anonymity.message.limit_bits"},
    {"sender_anonymity", "anonymity.sender.entropy_bits.mean"},
    {"throughput", "lambda_mean_over_mixes_per_s"},
    {"pool", "pool_mean_over_mixes"},
    {"latency", "kinds.payload.latency_s.mean"}};

const std::vector<std::string> kStatistics = {"metric", "runs", "value_mean", "value_sd", "value_ci95_low", "value_ci95_high"};

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& n : names) text += (text.empty() ? "" : ", ") + n;
  return text;
}

// NAME among CANDIDATES: itself, or the one candidate that ends with "." + NAME.
std::string resolve(const std::string& flag, const std::string& what, const std::string& name,
                    const std::vector<std::string>& candidates) {
  if (std::find(candidates.begin(), candidates.end(), name) != candidates.end()) return name;
  std::vector<std::string> ending, containing;
  for (const std::string& c : candidates) {
    if (c.size() > name.size() && c.ends_with("." + name)) ending.push_back(c);
    if (c.find(name) != std::string::npos && containing.size() < 12) containing.push_back(c);
  }
  if (ending.size() == 1) return ending.front();
  if (ending.size() > 1) throw UserError(flag + ": \"" + name + "\" is ambiguous: " + joined(ending));
  std::string known = containing.empty() ? "this sweep's " + what + "s: " + joined(candidates)
                                         : "did you mean one of: " + joined(containing);
  if (containing.empty() && candidates.size() > 12) known = "summary.csv lists them";
  throw UserError(flag + ": no " + what + " \"" + name + "\" in this sweep; " + known);
}

// A symbol of the field table as the paper writes it: "lambda_P" -> "λ_P", "mu" -> "μ".
std::string greek(std::string_view symbol) {
  for (const auto& [name, letter] : std::vector<std::pair<std::string, std::string>>{{"lambda", "λ"}, {"mu", "μ"}})
    if (symbol.starts_with(name)) return letter + std::string(symbol.substr(name.size()));
  return std::string(symbol);
}

// "delays.mu (μ, 1/s)": the key with the paper's symbol and unit where the field table has them.
std::string parameter_label(const std::string& key) {
  std::string pointer = "/" + key;
  std::replace(pointer.begin(), pointer.end(), '.', '/');
  const core::fields::Field* field = core::fields::find(pointer);
  std::vector<std::string> notes;
  if (field && !field->symbol.empty()) notes.emplace_back(greek(field->symbol));
  if (field && !field->unit.empty()) notes.emplace_back(field->unit);
  return notes.empty() ? key : key + " (" + joined(notes) + ")";
}

std::string file_name(std::string text) {
  std::replace(text.begin(), text.end(), '.', '-');
  for (char& c : text)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) c = '_';
  return text;
}

struct Row {
  std::size_t point;
  std::vector<std::string> values;  // the parameters, as in the CSV
  plot::SweepFigure::Point at;
};

}  // namespace

SweepPlot sweep_plot(const std::string& sweep_dir, const SweepPlotOptions& o) {
  const fs::path dir(sweep_dir), table = dir / "summary.csv";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw UserError(dir.string() + ": no such folder");
  if (!fs::exists(table, ec))
    throw UserError(table.string() + ": not found (is it a sweep folder? `loopix-sim sweep --merge DIR` writes it)");
  CsvReader csv(table);
  const std::vector<std::string>& columns = csv.columns();
  if (columns.size() < 1 + kStatistics.size() || columns.front() != "point" ||
      !std::equal(kStatistics.begin(), kStatistics.end(), columns.end() - static_cast<long>(kStatistics.size())))
    csv.fail("expected the header point,PARAMETER...,metric,runs,value_mean,value_sd,value_ci95_low,value_ci95_high");
  const std::vector<std::string> axes(columns.begin() + 1, columns.end() - static_cast<long>(kStatistics.size()));
  if (axes.empty()) throw UserError(table.string() + ": the sweep varies no parameter, so there is nothing to plot against");
  const std::size_t metric_column = 1 + axes.size();

  std::optional<std::size_t> series_at;
  if (o.series) {
    const std::string s = resolve("--series", "parameter", *o.series, axes);
    series_at = static_cast<std::size_t>(std::find(axes.begin(), axes.end(), s) - axes.begin());
  }

  std::set<std::string> metric_set;
  std::vector<std::pair<std::string, Row>> rows;  // metric, row (its x set below)
  while (csv.next()) {
    const std::string& metric = csv.text(metric_column);
    metric_set.insert(metric);
    Row row{csv.id(0), {}, {}};
    for (std::size_t a = 0; a < axes.size(); ++a) row.values.push_back(csv.text(1 + a));
    if (csv.count(metric_column + 1) == 0) continue;
    const double mean = csv.number(metric_column + 2);
    const auto low = csv.optional_number(metric_column + 4), high = csv.optional_number(metric_column + 5);
    row.at = {0, mean, low.value_or(mean), high.value_or(mean)};
    rows.emplace_back(metric, std::move(row));
  }
  const std::vector<std::string> metrics(metric_set.begin(), metric_set.end());
  auto metric_named = [&](const char* flag, const std::string& name) {
    const auto short_name = kShortMetrics.find(name);
    return short_name != kShortMetrics.end() && metric_set.contains(short_name->second) ? short_name->second
                                                                                         : resolve(flag, "metric", name, metrics);
  };
  const std::string y = metric_named("--y", o.y);
  const std::optional<std::string> beside = o.beside ? std::optional(metric_named("--beside", *o.beside)) : std::nullopt;

  // --x: a parameter, or else a metric (each point at that metric's mean: entropy against
  // the latency it costs, say).
  const bool x_is_parameter = std::any_of(axes.begin(), axes.end(), [&](const std::string& a) {
    return a == o.x || (a.size() > o.x.size() && a.ends_with("." + o.x));
  });
  const std::string x = x_is_parameter ? resolve("--x", "parameter", o.x, axes) : [&] {
    try {
      return metric_named("--x", o.x);
    } catch (const UserError&) {
      return resolve("--x", "parameter", o.x, axes);  // the parameter's error: the usual meaning
    }
  }();
  if (series_at && axes[*series_at] == x) throw UserError("--series: " + x + " is already --x");
  const auto x_at = static_cast<std::size_t>(std::find(axes.begin(), axes.end(), x) - axes.begin());
  std::map<std::size_t, double> x_of_point;  // x as a metric: its mean at each point
  if (!x_is_parameter)
    for (const auto& [name, row] : rows)
      if (name == x) x_of_point[row.point] = row.at.mean;
  for (auto& [name, row] : rows) {
    if (!x_is_parameter) {
      const auto it = x_of_point.find(row.point);
      row.at.x = it == x_of_point.end() ? std::numeric_limits<double>::quiet_NaN() : it->second;
      continue;
    }
    try {
      std::size_t used = 0;
      row.at.x = std::stod(row.values[x_at], &used);
      if (used == row.values[x_at].size()) continue;
    } catch (const std::exception&) {
    }
    throw UserError("--x: " + x + " takes the value \"" + row.values[x_at] + "\", not a number; plot against a numeric parameter");
  }
  std::erase_if(rows, [](const auto& r) { return std::isnan(r.second.at.x); });  // points without the x metric

  plot::SweepFigure figure{x_is_parameter ? parameter_label(x) : metric_label(x), metric_label(y), o.log_x, o.log_y, {}};
  // The lines of one metric: one per value of the series parameter, each ordered by x.
  auto add_lines = [&](const std::string& flag, const std::string& metric) {
    std::vector<std::string> order;                             // series values, in point order
    std::map<std::string, std::map<double, const Row*>> lines;  // series value -> x -> row
    for (const auto& [name, row] : rows) {
      if (name != metric) continue;
      const std::string key = series_at ? row.values[*series_at] : "";
      if (!lines.contains(key)) order.push_back(key);
      const auto [it, inserted] = lines[key].try_emplace(row.at.x, &row);
      if (!inserted) {
        std::vector<std::string> differing;
        for (std::size_t a = 0; a < axes.size(); ++a)
          if (row.values[a] != it->second->values[a]) differing.push_back(axes[a]);
        throw UserError("points " + std::to_string(it->second->point) + " and " + std::to_string(row.point) + " share " +
                        x + "=" + (x_is_parameter ? row.values[x_at] : nlohmann::json(row.at.x).dump()) +
                        (series_at ? " and " + axes[*series_at] + "=" + key : "") +
                        " but differ in " + joined(differing) + ": pass " +
                        (series_at ? "a sweep that varies fewer parameters" : "one of them as --series"));
      }
      if (o.log_x && row.at.x <= 0)
        throw UserError("--logx: " + x + " takes the value " +
                        (x_is_parameter ? row.values[x_at] : nlohmann::json(row.at.x).dump()) + " at point " +
                        std::to_string(row.point) + ", which a log scale cannot show");
      if (o.log_y && row.at.low <= 0)
        throw UserError("--logy: " + metric + " at point " + std::to_string(row.point) + " has " +
                        (row.at.mean <= 0 ? "the mean " + nlohmann::json(row.at.mean).dump()
                                          : "a 95% interval reaching " + nlohmann::json(row.at.low).dump()) +
                        ", which a log scale cannot show");
    }
    if (order.empty()) throw UserError(flag + ": " + metric + " has no values in " + table.string());
    for (const std::string& key : order) {
      plot::SweepFigure::Series s{series_at ? axes[*series_at] + " = " + key : beside ? metric_label(metric) : "", {}};
      for (const auto& [x_value, row] : lines[key]) s.points.push_back(row->at);
      figure.series.push_back(std::move(s));
    }
  };
  add_lines("--y", y);
  if (beside) add_lines("--beside", *beside);

  return {file_name(y + "_vs_" + x + (series_at ? "_by_" + axes[*series_at] : "")), std::move(figure)};
}

int sweep_plot_command(const std::string& sweep_dir, const SweepPlotOptions& o, std::ostream& out, std::ostream& err,
                       const std::string& gnuplot) {
  const SweepPlot p = sweep_plot(sweep_dir, o);
  const fs::path shown = fs::path(sweep_dir) / "plots";
  const TempDir tmp;
  const Gnuplot g = probe(gnuplot, tmp, o.figures);
  for (const fs::path& file : render(g, tmp, plots_folder(shown), shown, p.name, plot::sweep_script(p.figure), err))
    out << "wrote " << file.string() << '\n';
  return 0;
}

}  // namespace cli
