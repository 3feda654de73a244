// `loopix-sim run`: load the scenario, simulate it, write the results folder.
#include <unistd.h>

#include <filesystem>

#include "cli/available_cores.h"
#include "cli/commands.h"
#include "cli/results_writer.h"
#include "cli/simulate.h"
#include "cli/user_error.h"

namespace cli {

namespace fs = std::filesystem;

namespace {

void prepare_folder(const fs::path& dir, bool force) {
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec)) throw UserError(dir.string() + ": exists and is not a folder");
    if (!fs::is_empty(dir, ec) && !force)
      throw UserError(dir.string() + ": results folder is not empty (use --force to overwrite it)");
  }
  fs::create_directories(dir, ec);
  if (ec) throw UserError(dir.string() + ": cannot create folder: " + ec.message());
}

}  // namespace

int run_command(const RunOptions& o, std::ostream& out, std::ostream& err) {
  std::vector<std::string> overrides = o.overrides;
  if (o.seed) overrides.push_back("seed=" + std::to_string(*o.seed));
  const core::Scenario scenario = core::load_scenario(o.scenario, overrides);
  const fs::path dir = o.output.empty() ? fs::path("results") / scenario.name : fs::path(o.output);
  prepare_folder(dir, o.force);

  const int threads = o.threads > 0 ? o.threads : available_cores();
  const bool show_progress = !o.quiet && (o.progress || isatty(STDERR_FILENO));
  sim::ProgressReporter progress(err, sim::from_seconds(scenario.horizon + scenario.drain), show_progress,
                                o.listener);
  if (o.observations && !scenario.observes())
    throw UserError("--observations: the scenario has no adversary that observes anything (expected /adversary/gpa, "
                    "/adversary/corrupt_providers, /adversary/corrupt or /adversary/block/mixes)");
  const nlohmann::json summary =
      simulate_into(scenario, dir, {o.trace, threads, &progress, o.provenance, o.observations, ""});
  if (!o.quiet) {
    print_short_summary(out, summary);
    out << "  results in " << dir.string() << '\n';
  }
  return 0;
}

}  // namespace cli
