#include "cli/sweep_folder.h"

#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>

#include "analysis/sweep_table.h"
#include "cli/simulate.h"
#include "cli/user_error.h"
#include "core/atomic_file.h"
#include "core/config/json_document.h"

namespace cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* kManifest = "sweep.json";
constexpr const char* kMarker = "complete";

// FNV-1a (64 bits) of the resolved scenario: a rerun into the folder must simulate the same
// scenarios, also when the base file changed and the axes did not.
std::string scenario_digest(const core::Scenario& scenario) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : core::to_json(scenario).dump()) h = (h ^ c) * 0x100000001b3ULL;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

nlohmann::json manifest_of(const core::Sweep& sweep) {
  nlohmann::json axes = nlohmann::json::array(), runs = nlohmann::json::array();
  if (!sweep.runs.empty())
    for (const auto& [key, value] : sweep.runs.front().parameters) axes.push_back(key);
  for (const core::SweepRun& run : sweep.runs) {
    nlohmann::json values = nlohmann::json::array();
    for (const auto& [key, value] : run.parameters) values.push_back(nlohmann::json::parse(value));
    runs.push_back({{"id", run.id},
                    {"point", run.point},
                    {"replication", run.replication},
                    {"seed", run.seed},
                    {"values", values},
                    {"scenario_digest", scenario_digest(run.scenario)}});
  }
  return {{"name", sweep.name}, {"seed", sweep.seed},  {"points", sweep.points},
          {"replications", sweep.replications}, {"axes", axes}, {"runs", runs}};
}

nlohmann::json read_json(const fs::path& file) {
  core::fields::Json document;  // in file order; compared and read as a plain document
  if (auto problem = core::read_json_file(file.string(), document)) throw UserError(*problem);
  return nlohmann::json(document);
}

// A folder's manifest, without the provenance of the command that wrote it.
nlohmann::json read_manifest(const fs::path& file) {
  nlohmann::json manifest = read_json(file);
  if (manifest.is_object()) manifest.erase("provenance");
  return manifest;
}

void write_text(const fs::path& file, const std::string& text) {
  core::AtomicFile out(file.string());
  out.stream() << text;
  out.commit();
}

// The manifest's shape, as far as this folder's code reads it.
bool well_formed(const nlohmann::json& m) {
  if (!m.is_object() || !m.contains("axes") || !m["axes"].is_array() || !m.contains("runs") || !m["runs"].is_array())
    return false;
  for (const auto& axis : m["axes"])
    if (!axis.is_string()) return false;
  for (const auto& run : m["runs"])
    if (!run.is_object() || !run.contains("id") || !run["id"].is_string() || !run.contains("point") ||
        !run["point"].is_number_unsigned() || !run.contains("replication") || !run["replication"].is_number_unsigned() ||
        !run.contains("seed") || !run["seed"].is_number_unsigned() || !run.contains("values") ||
        !run["values"].is_array() || run["values"].size() != m["axes"].size())
      return false;
  return true;
}

// The first key (JSON pointer) where two resolved scenarios differ, with both values.
std::string first_difference(const nlohmann::json& before, const nlohmann::json& now) {
  const nlohmann::json a = before.flatten(), b = now.flatten();
  for (const auto& [pointer, value] : b.items())
    if (!a.contains(pointer) || a[pointer] != value)
      return pointer + " was " + (a.contains(pointer) ? a[pointer].dump() : "missing") + ", is now " + value.dump();
  for (const auto& [pointer, value] : a.items())
    if (!b.contains(pointer)) return pointer + " was " + value.dump() + ", is now missing";
  return "";
}

// Why a folder whose manifest is EXISTING cannot take SWEEP (manifest MANIFEST), or nothing:
// a sweep may grow (values added to axes) or shrink, but the runs both hold must be the same
// runs (seed, values, scenario), and the name, seed and axes the same.
std::optional<std::string> conflict(const nlohmann::json& existing, const nlohmann::json& manifest,
                                    const core::Sweep& sweep, const fs::path& dir) {
  if (!well_formed(existing)) return "its manifest is not one `loopix-sim sweep` writes";
  for (const char* key : {"name", "seed", "replications", "axes"})
    if (existing.value(key, nlohmann::json()) != manifest[key])
      return std::string("another ") + key + " (" + existing.value(key, nlohmann::json()).dump() + ", not " +
             manifest[key].dump() + ")";
  std::map<std::string, const nlohmann::json*> before;
  for (const auto& run : existing["runs"]) before[run["id"].get<std::string>()] = &run;
  for (std::size_t i = 0; i < sweep.runs.size(); ++i) {
    const nlohmann::json& run = manifest["runs"][i];
    const auto found = before.find(run["id"].get<std::string>());
    if (found == before.end()) continue;
    const auto same = [&](const char* key) { return (*found->second).value(key, nlohmann::json()) == run[key]; };
    if (same("seed") && same("values") && same("replication") && same("scenario_digest")) continue;  // its point may move
    const fs::path made_with = dir / "runs" / sweep.runs[i].id / "scenario.json";
    std::error_code ec;
    const std::string difference =
        fs::is_regular_file(made_with, ec) ? first_difference(read_json(made_with), core::to_json(sweep.runs[i].scenario)) : "";
    return "run " + sweep.runs[i].id + " was made with another scenario" +
           (difference.empty() ? std::string() : ": " + difference);
  }
  return std::nullopt;
}

}  // namespace

SweepFolder::SweepFolder(fs::path dir, const core::Sweep& sweep, nlohmann::json provenance)
    : dir_(std::move(dir)), manifest_(manifest_of(sweep)), provenance_(std::move(provenance)) {
  nlohmann::json written = manifest_;
  written["provenance"] = provenance_;
  std::error_code ec;
  if (fs::exists(dir_, ec) && !fs::is_directory(dir_, ec)) throw UserError(dir_.string() + ": exists and is not a folder");
  fs::create_directories(dir_ / "runs", ec);
  if (ec) throw UserError((dir_ / "runs").string() + ": cannot create folder: " + ec.message());
  // The first process creates the manifest; any other, also one started at the same moment,
  // finds it and must hold the same sweep.
  const fs::path manifest = dir_ / kManifest;
  bool created = false;
  try {
    core::AtomicFile file(manifest.string());
    file.stream() << written.dump(1) << '\n';
    created = file.commit_new();
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
  if (created) return;
  const nlohmann::json existing = read_manifest(manifest);
  if (existing == manifest_) return;
  if (auto why = conflict(existing, manifest_, sweep, dir_))
    throw UserError(manifest.string() + ": the folder holds another sweep than " + sweep.file + ": " + *why +
                    "; use another folder");
  // The same sweep grown or shrunk: its runs in common keep their folders.
  write_text(manifest, written.dump(1) + '\n');
}

SweepFolder::SweepFolder(fs::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  if (!fs::is_directory(dir_, ec)) throw UserError(dir_.string() + ": no such folder");
  manifest_ = read_manifest(dir_ / kManifest);
  if (!well_formed(manifest_))
    throw UserError((dir_ / kManifest).string() + ": expected a sweep manifest (axes and runs), as `loopix-sim sweep` writes");
}

bool SweepFolder::complete(std::size_t run) const {
  std::error_code ec;
  return fs::exists(run_dir(run) / kMarker, ec);
}

void SweepFolder::execute(std::size_t run, const core::Sweep& sweep) const {
  const fs::path dir = run_dir(run);
  fs::remove_all(dir);
  fs::create_directories(dir);
  const core::SweepRun& r = sweep.runs.at(run);
  try {
    simulate_into(r.scenario, dir, {.provenance = provenance_, .run_id = r.id});
    write_text(dir / kMarker, r.id + " seed=" + std::to_string(r.seed) + '\n');
  } catch (...) {
    std::error_code ec;
    fs::remove_all(dir, ec);  // a failed run leaves nothing that looks like results
    throw;
  }
}

SweepFolder::Aggregate SweepFolder::aggregate() const {
  std::vector<analysis::SweepTableRun> table;
  for (std::size_t i = 0; i < runs(); ++i) {
    if (!complete(i)) continue;
    const nlohmann::json& run = manifest_["runs"][i];
    table.push_back({run["id"], run["point"], run["replication"], run["seed"],
                     run["values"].get<std::vector<nlohmann::json>>(),
                     analysis::scalar_metrics(read_json(run_dir(i) / "summary.json"))});
  }
  const auto axes = manifest_["axes"].get<std::vector<std::string>>();
  try {
    core::AtomicFile sweep_csv((dir_ / "sweep.csv").string()), runs_csv((dir_ / "runs.csv").string()),
        summary_csv((dir_ / "summary.csv").string());
    analysis::write_sweep_csv(sweep_csv.stream(), axes, table);
    analysis::write_runs_csv(runs_csv.stream(), axes, table);
    analysis::write_summary_csv(summary_csv.stream(), axes, table);
    sweep_csv.commit();
    runs_csv.commit();
    summary_csv.commit();
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
  return {table.size(), runs()};
}

}  // namespace cli
