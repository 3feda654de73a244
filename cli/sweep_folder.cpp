#include "cli/sweep_folder.h"

#include <cstdint>
#include <cstdio>

#include "analysis/sweep_table.h"
#include "cli/simulate.h"
#include "cli/user_error.h"
#include "core/atomic_file.h"
#include "core/json_document.h"

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

}  // namespace

SweepFolder::SweepFolder(fs::path dir, const core::Sweep& sweep) : dir_(std::move(dir)), manifest_(manifest_of(sweep)) {
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
    file.stream() << manifest_.dump(1) << '\n';
    created = file.commit_new();
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
  if (!created && read_json(manifest) != manifest_)
    throw UserError(manifest.string() + ": the folder holds another sweep (another name, or other runs, parameters, " +
                    "seeds or scenarios than " + sweep.file + "); use another folder");
}

SweepFolder::SweepFolder(fs::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  if (!fs::is_directory(dir_, ec)) throw UserError(dir_.string() + ": no such folder");
  manifest_ = read_json(dir_ / kManifest);
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
    simulate_into(r.scenario, dir, {});
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
    core::AtomicFile sweep_csv((dir_ / "sweep.csv").string()), summary_csv((dir_ / "summary.csv").string());
    analysis::write_sweep_csv(sweep_csv.stream(), axes, table);
    analysis::write_summary_csv(summary_csv.stream(), axes, table);
    sweep_csv.commit();
    summary_csv.commit();
  } catch (const std::runtime_error& e) {
    throw UserError(e.what());
  }
  return {table.size(), runs()};
}

}  // namespace cli
