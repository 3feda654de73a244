// `loopix-sim sweep`: load a sweep and check every run's scenario; list its runs, or run them
// (the pending ones of this shard: locally on -j workers, or across MPI ranks) into the sweep
// folder and aggregate; or only aggregate a folder (--merge).
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "cli/available_cores.h"
#include "cli/commands.h"
#include "cli/sweep_execution.h"
#include "cli/sweep_folder.h"
#include "cli/sweep_mpi.h"
#include "cli/sweep_shard.h"
#include "cli/user_error.h"
#include "core/config/sweep.h"

namespace cli {

namespace fs = std::filesystem;

namespace {

void print_aggregate(std::ostream& out, const SweepFolder& folder, const SweepFolder::Aggregate& a) {
  out << "sweep.csv, runs.csv and summary.csv in " << folder.dir().string() << ": " << a.complete << " of " << a.total
      << " runs complete\n";
}

// The end of any execution: the aggregate of every complete run in the folder, then the
// runs of this process that failed (listed; exit code 1 if one failed on an internal error,
// else 2). A table that cannot be written is reported too, after the failures (exit code 2 if
// no run failed).
int finish(const SweepFolder& folder, const std::vector<RunFailure>& failures,
           std::ostream& out, std::ostream& err) {
  std::optional<std::string> table_error;
  try {
    print_aggregate(out, folder, folder.aggregate());
  } catch (const UserError& e) {
    table_error = e.what();
  }
  if (!failures.empty()) {
    err << "loopix-sim: " << failures.size() << " run" << (failures.size() == 1 ? "" : "s")
        << " failed (run the same command again to redo them):\n";
    for (const RunFailure& f : failures) err << "  " << f.id << ": " << f.message << '\n';
  }
  if (table_error) err << "loopix-sim: " << *table_error << '\n';
  if (failures.empty()) return table_error ? 2 : 0;
  const bool ours = std::any_of(failures.begin(), failures.end(), [](const RunFailure& f) { return f.internal; });
  return ours ? 1 : 2;
}
}  // namespace

int sweep_command(const SweepOptions& o, std::ostream& out, std::ostream& err) {
  if (o.merge) {
    if (!o.sweep.empty()) throw UserError("sweep: --merge DIR takes no sweep file (the folder has its runs)");
    const SweepFolder folder(*o.merge);
    print_aggregate(out, folder, folder.aggregate());
    return 0;
  }
  if (o.sweep.empty()) throw UserError("sweep: expected a sweep file, or --merge DIR");
  const core::Sweep sweep = core::load_sweep(o.sweep);  // ScenarioError: exit code 2
  if (o.list) {
    out << core::sweep_run_list(sweep);
    return 0;
  }
  const Shard shard = select_shard(o.shard, [](const char* name) { return std::getenv(name); });
  const SweepFolder folder(o.output.empty() ? fs::path("results") / sweep.name : fs::path(o.output), sweep, o.provenance);
  std::vector<std::size_t> runs = shard_runs(shard, sweep.runs.size()), pending;
  for (std::size_t run : runs)
    if (!folder.complete(run)) pending.push_back(run);

  if (mpi_ranks_from_environment() > 1) {
    const MpiSweep mpi = execute_with_mpi(folder, sweep, pending, o.jobs > 0 ? o.jobs : 1, err, o.quiet);
    return mpi.rank == 0 ? finish(folder, mpi.failures, out, err) : 0;
  }
  const int jobs = o.jobs > 0 ? o.jobs : available_cores();
  if (!o.quiet)
    err << "sweep " << sweep.name << ": " << runs.size() << " runs" << (shard.source.empty() ? "" : " (" + shard.source + ")")
        << ", " << runs.size() - pending.size() << " already complete, " << pending.size() << " to run on " << jobs
        << " worker" << (jobs == 1 ? "" : "s") << " into " << folder.dir().string() << '\n';
  SweepReporter reporter(err, pending.size(), "", o.quiet, o.listener);
  execute_on_workers(folder, sweep, std::min<std::size_t>(jobs, std::max<std::size_t>(pending.size(), 1)),
                     with_kill_hook(runs_in_order(pending)), reporter);
  return finish(folder, reporter.failures(), out, err);
}

}  // namespace cli
