// Loading a sweep: checking the file section by section, expanding its axes into points and
// runs, and validating every point's scenario (the base with the axis values applied as
// overrides), reporting every problem in one pass.
#include "core/config/sweep.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "core/bytes.h"
#include "core/digest.h"
#include "core/config/json_document.h"
#include "core/config/scenario_fields.h"
#include "sim/random.h"

namespace core {
namespace {

namespace fs = std::filesystem;
using fields::Json;

std::string json_quoted(const std::string& text) { return Json(text).dump(); }

// ---- the sweep file --------------------------------------------------------------------

const std::vector<std::string> kTopKeys = {"name", "seed", "base", "grid", "zip", "ranges", "replications"};
const std::vector<std::string> kRangeKeys = {"from", "to", "count", "scale"};
const std::vector<std::string> kSections = {"grid", "ranges", "zip"};  // the order axes are checked in

struct Axis {
  std::string section;  // "grid", "ranges" or "zip"
  std::string key;      // "delays.mu"
  std::string pointer;  // "/delays/mu": where it lands in the scenario
  std::vector<std::string> path;  // {"delays", "mu"}
  std::vector<Json> values;
};

class Checker {
 public:
  explicit Checker(std::string file) : file_(std::move(file)) {}

  void problem(const std::string& pointer, const std::string& message) {
    problems_.push_back(file_ + ": " + shown(pointer) + ": " + message);
  }
  void expected(const std::string& pointer, const std::string& what, const Json* got) {
    problem(pointer, "expected " + what + ", got " + (got ? fields::describe(*got) : "nothing"));
  }
  void line(std::string text) { problems_.push_back(std::move(text)); }
  void throw_if_any() const {
    if (!problems_.empty()) throw ScenarioError(problems_);
  }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<std::string> problems_;
};

// Checks an axis key: a dotted path to a scenario key or group, other than "seed". Returns
// the axis with its path and pointer filled in, or nothing (the problem reported).
std::optional<Axis> read_axis_key(Checker& checker, const std::string& section, const std::string& key) {
  const std::string at = child_of("/" + section, key);
  Axis axis{section, key, "", {}, {}};
  std::istringstream parts(key + ".");  // the "." keeps a trailing empty part
  bool well_formed = !key.empty() && key.find('=') == std::string::npos;
  for (std::string part; std::getline(parts, part, '.');) {
    if (part.empty()) well_formed = false;
    axis.path.push_back(part);
    axis.pointer = child_of(axis.pointer, part);
  }
  if (!well_formed) {
    checker.problem(at, "expected a dotted scenario key such as \"delays.mu\", got " + json_quoted(key));
    return std::nullopt;
  }
  if (key == "seed") {
    checker.problem(at, "expected a scenario key other than \"seed\" (each run's seed is derived from "
                        "the sweep's /seed), got \"seed\"");
    return std::nullopt;
  }
  if (!fields::find(axis.pointer) && !fields::is_group(axis.pointer)) {
    std::vector<std::string> dotted;
    for (const fields::Field& field : fields::all()) {
      std::string name(field.pointer.substr(1));
      std::replace(name.begin(), name.end(), '/', '.');
      dotted.push_back(name);
    }
    auto close = fields::closest(key, dotted);
    checker.problem(at, close ? "unknown scenario key; did you mean " + json_quoted(*close) + "?"
                              : "unknown scenario key; expected a dotted key from README.md's \"Scenario keys\"");
    return std::nullopt;
  }
  return axis;
}

// "grid" or "zip": an object of non-empty arrays.
std::vector<Axis> read_lists(Checker& checker, const Json& document, const std::string& section) {
  std::vector<Axis> axes;
  if (!document.contains(section)) return axes;
  const Json& node = document[section];
  const std::string at = "/" + section;
  if (!node.is_object()) {
    checker.expected(at, "an object of scenario keys and arrays of values", &node);
    return axes;
  }
  for (const auto& item : node.items()) {
    std::optional<Axis> axis = read_axis_key(checker, section, item.key());
    if (!item.value().is_array() || item.value().empty()) {
      checker.expected(child_of(at, item.key()), "a non-empty array of values", &item.value());
      continue;
    }
    if (!axis) continue;
    axis->values.assign(item.value().begin(), item.value().end());
    axes.push_back(std::move(*axis));
  }
  return axes;
}

// A range value as JSON: an integer when it is one (integer keys accept only integers).
Json range_value_json(double value) {
  if (std::trunc(value) == value && std::fabs(value) < 9007199254740992.0)
    return Json(static_cast<std::int64_t>(value));
  return Json(value);
}

std::vector<Axis> read_ranges(Checker& checker, const Json& document) {
  std::vector<Axis> axes;
  if (!document.contains("ranges")) return axes;
  const Json& node = document["ranges"];
  if (!node.is_object()) {
    checker.expected("/ranges", "an object of scenario keys and ranges", &node);
    return axes;
  }
  for (const auto& item : node.items()) {
    std::optional<Axis> axis = read_axis_key(checker, "ranges", item.key());
    const std::string at = child_of("/ranges", item.key());
    const Json& range = item.value();
    if (!range.is_object()) {
      checker.expected(at, "a range {\"from\": NUMBER, \"to\": NUMBER, \"count\": INTEGER, \"scale\": \"linear\" or \"log\"}", &range);
      continue;
    }
    bool ok = true;
    for (const auto& field : range.items())
      if (std::find(kRangeKeys.begin(), kRangeKeys.end(), field.key()) == kRangeKeys.end()) {
        checker.problem(child_of(at, field.key()), unknown_key_message(field.key(), kRangeKeys));
        ok = false;
      }
    auto member = [&](const char* key) { return range.contains(key) ? &range[key] : nullptr; };
    bool log = false;
    if (const Json* scale = member("scale")) {
      if (*scale == "log") {
        log = true;
      } else if (*scale != "linear") {
        checker.expected(at + "/scale", "\"linear\" or \"log\"", scale);
        ok = false;
      }
    }
    double ends[2] = {0, 0};
    const char* end_keys[2] = {"from", "to"};
    for (int i = 0; i < 2; ++i) {
      const Json* end = member(end_keys[i]);
      if (!end || !end->is_number()) {
        checker.expected(at + "/" + end_keys[i], "a number", end);
        ok = false;
      } else if (log && end->get<double>() <= 0) {
        checker.expected(at + "/" + end_keys[i], "a number > 0 when " + at + "/scale is \"log\"", end);
        ok = false;
      } else {
        ends[i] = end->get<double>();
      }
    }
    const Json* count = member("count");
    const bool count_ok = count && count->is_number_integer() && count->get<std::int64_t>() >= 1 &&
                          count->get<std::int64_t>() <= static_cast<std::int64_t>(kMaxSweepRuns);
    if (!count_ok) {
      checker.expected(at + "/count", "an integer >= 1 (at most " + std::to_string(kMaxSweepRuns) + ")", count);
      ok = false;
    }
    if (!ok || !axis) continue;
    for (double value : sweep_range_values(ends[0], ends[1], count->get<int>(), log))
      axis->values.push_back(range_value_json(value));
    axes.push_back(std::move(*axis));
  }
  return axes;
}

// The zip lists must have the length of the first.
void check_zip_lengths(Checker& checker, const std::vector<Axis>& zip) {
  for (std::size_t i = 1; i < zip.size(); ++i) {
    if (zip[i].values.size() == zip[0].values.size()) continue;
    checker.problem(child_of("/zip", zip[i].key),
                    "expected an array of " + std::to_string(zip[0].values.size()) + " values (as /zip/" +
                        escape_key(zip[0].key) + "), got an array of " + std::to_string(zip[i].values.size()));
  }
}

// No two axes may set the same key, or one key inside another.
void check_overlaps(Checker& checker, const std::vector<const Axis*>& axes, std::vector<bool>& dropped) {
  for (std::size_t i = 0; i < axes.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (dropped[j] || !related(axes[i]->pointer, axes[j]->pointer)) continue;
      const std::string other = "/" + axes[j]->section + "/" + escape_key(axes[j]->key);
      checker.problem(child_of("/" + axes[i]->section, axes[i]->key),
                      "expected a key in only one of /grid, /ranges and /zip, got " + json_quoted(axes[i]->key) +
                          (axes[i]->key == axes[j]->key ? ", also in " : ", which overlaps ") + other);
      dropped[i] = true;
      break;
    }
  }
}

// ---- applying axis values to the base --------------------------------------------------

// Sets the value at PATH in DOCUMENT (see set_at); the problem as "/pointer: expected ...".
std::optional<std::string> apply(const std::vector<std::string>& path, const Json& value, Json& document) {
  if (std::optional<fields::Problem> problem = set_at(path, value, document))
    return shown(problem->pointer) + ": " + problem->message;
  return std::nullopt;
}

const std::string kTag = "<sweep run>";

// The problems of a scenario document, each "/pointer: expected ...", without a source.
std::vector<std::string> scenario_problems(const Json& document, Scenario* scenario) {
  try {
    Scenario parsed = parse_scenario(document, kTag);
    if (scenario) *scenario = parsed;
    return {};
  } catch (const ScenarioError& e) {
    std::vector<std::string> lines;
    for (const std::string& line : e.problems())
      lines.push_back(line.starts_with(kTag + ": ") ? line.substr(kTag.size() + 2) : line);
    return lines;
  }
}

std::string pointer_of(const std::string& problem) { return problem.substr(0, problem.find(": ")); }

// "a=1 b=2": a point's parameters for a message.
std::string point_key_text(const std::vector<std::pair<std::string, std::string>>& parameters) {
  std::string text;
  for (const auto& [key, value] : parameters) text += (text.empty() ? "" : " ") + key + "=" + value;
  return text.empty() ? "no parameters" : text;
}

std::size_t saturating_product(std::size_t a, std::size_t b) {
  if (a != 0 && b > static_cast<std::size_t>(-1) / a) return static_cast<std::size_t>(-1);
  return a * b;
}

}  // namespace

std::vector<std::string> SweepRun::overrides() const {
  std::vector<std::string> texts;
  for (const auto& [key, value] : parameters) texts.push_back(key + "=" + value);
  return texts;
}

std::string sweep_point_key(std::vector<std::pair<std::string, std::string>> parameters) {
  std::sort(parameters.begin(), parameters.end());
  std::string key;
  for (const auto& [name, value] : parameters) key += name + "=" + value + "\n";
  return key;
}

std::uint64_t sweep_run_seed(std::uint64_t sweep_seed, const std::string& point_key, int replication) {
  const auto digest = sha256("loopix-sim sweep run seed\n" + std::to_string(sweep_seed) + "\n" +
                             std::to_string(replication) + "\n" + point_key);
  return load_le<std::uint64_t>(digest.data());
}

std::string sweep_run_id(const std::string& point_key, int replication) {
  const std::string r = std::to_string(replication);
  return "p" + sha256_hex(point_key, 6) + "-r" + (r.size() < 2 ? "0" : "") + r;
}

std::vector<double> sweep_range_values(double from, double to, int count, bool log) {
  std::vector<double> values;
  for (int i = 0; i < count; ++i) {
    double value = from;
    if (count > 1 && i == count - 1) {
      value = to;
    } else if (count > 1) {
      const double t = static_cast<double>(i) / (count - 1);
      value = log ? std::exp(std::log(from) + t * (std::log(to) - std::log(from))) : from + t * (to - from);
    }
    char text[64];
    std::snprintf(text, sizeof text, "%.15g", value);
    values.push_back(std::strtod(text, nullptr));
  }
  return values;
}

std::string sweep_run_list(const Sweep& sweep) {
  std::string text;
  for (const SweepRun& run : sweep.runs) {
    text += run.id + " replication=" + std::to_string(run.replication) + " seed=" + std::to_string(run.seed);
    for (const auto& [key, value] : run.parameters) text += " " + key + "=" + value;
    text += '\n';
  }
  return text;
}

Sweep load_sweep(const std::string& file) {
  Checker checker(file);
  Json document;
  if (auto problem = read_json_file(file, document)) throw ScenarioError({*problem});
  if (!document.is_object()) throw ScenarioError({file + ": /: expected an object (a sweep), got " + fields::describe(document)});

  Sweep sweep;
  sweep.file = file;
  sweep.name = fs::path(file).stem().string();
  for (const auto& item : document.items())
    if (std::find(kTopKeys.begin(), kTopKeys.end(), item.key()) == kTopKeys.end())
      checker.problem(child_of("", item.key()), unknown_key_message(item.key(), kTopKeys));

  if (document.contains("name")) {
    const Json& name = document["name"];
    const std::string text = name.is_string() ? name.get<std::string>() : "";
    if (!is_folder_name(text))
      checker.expected("/name", kFolderNameExpectation, &name);
    else
      sweep.name = text;
  }
  if (document.contains("seed")) {
    if (document["seed"].is_number_unsigned())
      sweep.seed = document["seed"].get<std::uint64_t>();
    else
      checker.expected("/seed", "an integer >= 0", &document["seed"]);
  }
  if (document.contains("replications")) {
    const Json& replications = document["replications"];
    if (replications.is_number_integer() && replications.get<std::int64_t>() >= 1 &&
        replications.get<std::int64_t>() <= kMaxSweepReplications)
      sweep.replications = replications.get<int>();
    else
      checker.expected("/replications", "an integer >= 1 (at most " + std::to_string(kMaxSweepReplications) + ")",
                       &replications);
  }

  std::vector<Axis> grid = read_lists(checker, document, "grid");
  std::vector<Axis> ranges = read_ranges(checker, document);
  std::vector<Axis> zip = read_lists(checker, document, "zip");
  check_zip_lengths(checker, zip);
  {
    std::vector<const Axis*> all;
    for (const auto* section : {&grid, &ranges, &zip})
      for (const Axis& axis : *section) all.push_back(&axis);
    std::vector<bool> dropped(all.size(), false);
    check_overlaps(checker, all, dropped);
  }

  // The base: inline, or a file relative to the sweep file.
  Json base;
  std::string base_file;  // empty: inline
  const std::string base_expectation = "a scenario object or the path of a scenario file (relative to this file)";
  if (!document.contains("base")) {
    checker.expected("/base", base_expectation, nullptr);
  } else if (document["base"].is_object()) {
    base = document["base"];
  } else if (document["base"].is_string() && !document["base"].get<std::string>().empty()) {
    base_file = (fs::path(file).parent_path() / document["base"].get<std::string>()).string();
    if (auto problem = read_json_file(base_file, base)) {
      if (problem->starts_with(base_file + ": cannot read file"))
        checker.expected("/base", "a readable scenario file (" + base_file + ": cannot read file)", &document["base"]);
      else
        checker.line(*problem);
    } else if (!base.is_object()) {
      checker.line(base_file + ": /: expected an object (a scenario), got " + fields::describe(base));
    }
  } else {
    checker.expected("/base", base_expectation, &document["base"]);
  }
  checker.throw_if_any();

  // Points: zip rows (slowest), then the grid and range axes, the last one fastest.
  std::vector<const Axis*> product;
  for (const Axis& axis : grid) product.push_back(&axis);
  for (const Axis& axis : ranges) product.push_back(&axis);
  std::size_t product_points = 1;
  for (const Axis* axis : product) product_points = saturating_product(product_points, axis->values.size());
  const std::size_t zip_rows = zip.empty() ? 1 : zip[0].values.size();
  sweep.points = saturating_product(product_points, zip_rows);
  const std::size_t runs = saturating_product(sweep.points, static_cast<std::size_t>(sweep.replications));
  if (runs > kMaxSweepRuns) {
    checker.problem("", "expected at most " + std::to_string(kMaxSweepRuns) +
                            " runs (points x /replications), got " +
                            (runs == static_cast<std::size_t>(-1) ? std::string("more") : std::to_string(runs)));
    checker.throw_if_any();
  }

  // Validate every point; report base problems once, the others per run, merging runs
  // that share the same problem.
  const std::vector<std::string> base_alone = scenario_problems(base, nullptr);
  const std::set<std::string> base_problems(base_alone.begin(), base_alone.end());
  std::set<std::string> base_reported;
  struct RunProblem {
    std::string run, who, what;
    std::size_t points = 0;
  };
  std::vector<RunProblem> run_problems;
  std::map<std::string, std::size_t> run_problem_index;
  std::vector<std::string> base_lines;

  std::vector<std::pair<std::string, std::string>> parameters;
  std::vector<const Axis*> applied;
  std::map<std::string, std::size_t> first_point;  // point key -> the first point with it
  for (std::size_t point = 0; point < sweep.points; ++point) {
    parameters.clear();
    applied.clear();
    const std::size_t row = point / product_points;
    for (const Axis& axis : zip) {
      parameters.emplace_back(axis.key, axis.values[row].dump());
      applied.push_back(&axis);
    }
    std::vector<std::size_t> indices(product.size());
    for (std::size_t rest = point % product_points, i = product.size(); i > 0; --i) {
      indices[i - 1] = rest % product[i - 1]->values.size();
      rest /= product[i - 1]->values.size();
    }
    for (std::size_t i = 0; i < product.size(); ++i) {
      parameters.emplace_back(product[i]->key, product[i]->values[indices[i]].dump());
      applied.push_back(product[i]);
    }

    const std::string point_key = sweep_point_key(parameters);
    const std::string run_id = sweep_run_id(point_key, 0);
    if (auto [earlier, fresh] = first_point.try_emplace(point_key, point); !fresh) {
      checker.line(file + ": run " + run_id + ": expected distinct points, got the same parameter values at points " +
                   std::to_string(earlier->second) + " and " + std::to_string(point) + " (" + point_key_text(parameters) +
                   "); a run's id and seed derive from its values");
      continue;
    }
    Json scenario_document = base;
    scenario_document["seed"] = sweep_run_seed(sweep.seed, point_key, 0);
    std::vector<std::pair<std::size_t, std::string>> problems;  // (override index or npos, text)
    for (std::size_t i = 0; i < applied.size(); ++i) {
      const std::size_t row_or_index = applied[i]->section == "zip" ? row : indices[i - zip.size()];
      if (auto problem = apply(applied[i]->path, applied[i]->values[row_or_index], scenario_document))
        problems.emplace_back(i, *problem);
    }
    Scenario scenario;
    if (problems.empty()) {
      for (const std::string& problem : scenario_problems(scenario_document, &scenario)) {
        std::size_t source = std::string::npos;
        for (std::size_t i = applied.size(); i > 0; --i)
          if (related(pointer_of(problem), applied[i - 1]->pointer)) {
            source = i - 1;
            break;
          }
        if (source == std::string::npos && base_problems.count(problem)) {
          if (base_reported.insert(problem).second)
            base_lines.push_back(base_file.empty()
                                     ? file + ": /base" + (problem.starts_with("/: ") ? problem.substr(1) : problem)
                                     : base_file + ": " + problem);
          continue;
        }
        problems.emplace_back(source, problem);
      }
    }
    for (const auto& [source, what] : problems) {
      std::string who;
      if (source != std::string::npos) {
        who = "--set " + parameters[source].first + "=" + parameters[source].second;
      } else {
        for (const auto& [key, value] : parameters) {
          if (!who.empty()) who += ' ';
          who += "--set ";
          who += key;
          who += '=';
          who += value;
        }
        if (who.empty()) who = "the base";
      }
      const std::string key = who + "\n" + what;
      auto [found, inserted] = run_problem_index.emplace(key, run_problems.size());
      if (inserted) run_problems.push_back({run_id, who, what, 0});
      ++run_problems[found->second].points;
    }
    if (!problems.empty() || !run_problems.empty() || !base_lines.empty()) continue;  // no runs kept once a problem is found

    for (int replication = 0; replication < sweep.replications; ++replication) {
      SweepRun run;
      run.id = sweep_run_id(point_key, replication);
      run.point = point;
      run.replication = replication;
      run.seed = sweep_run_seed(sweep.seed, point_key, replication);
      run.parameters = parameters;
      run.scenario = scenario;
      run.scenario.seed = run.seed;
      sweep.runs.push_back(std::move(run));
    }
  }

  for (const std::string& line : base_lines) checker.line(line);
  for (const RunProblem& problem : run_problems) {
    const std::size_t more = problem.points * static_cast<std::size_t>(sweep.replications) - 1;
    checker.line(file + ": run " + problem.run + ", " + problem.who + ": " + problem.what +
                 (more > 0 ? " (and " + std::to_string(more) + " more run" + (more == 1 ? ")" : "s)") : ""));
  }
  checker.throw_if_any();
  return sweep;
}

}  // namespace core
