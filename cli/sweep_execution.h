// Running a sweep's runs: a pool of local workers, each taking its next run from a source
// (a list in order, or the MPI dispatcher) until it is empty; each run reported as it ends
// (done or failed, with the count so far and an estimate of the time left); a failed run is
// recorded and the others go on.
#pragma once
#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "cli/sweep_folder.h"
#include "core/config/sweep.h"
#include "sim/progress.h"

namespace cli {

// A run that failed: its id, its error, and whether the error is the program's own (an
// internal error, exit code 1) rather than the user's or the environment's (a file that cannot
// be written, a folder that cannot be emptied: exit code 2).
struct RunFailure {
  std::string id, message;
  bool internal = false;
};

class SweepReporter {
 public:
  // TODO runs to do here (0: unknown, no estimate); `prefix` starts every line ("" or
  // "rank 1: "); quiet prints nothing. A listener is told of each run done, quiet or not; if it
  // throws sim::Interrupted, interrupted() says so from then on.
  SweepReporter(std::ostream& err, std::size_t todo, std::string prefix, bool quiet,
                sim::ProgressListener listener = {});
  // Thread-safe. A failed run passes its failure.
  void finished(const std::string& id, double seconds, const std::optional<RunFailure>& failure);
  // The failed runs so far.
  std::vector<RunFailure> failures() const;
  bool interrupted() const;

 private:
  std::ostream& err_;
  std::size_t todo_, done_ = 0;
  std::string prefix_;
  bool quiet_;
  sim::ProgressListener listener_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::vector<RunFailure> failures_;
  bool interrupted_ = false;
  mutable std::mutex mutex_;
};

// The next run for a worker to do, or nothing when there is none left. Called from several
// worker threads at once.
using RunSource = std::function<std::optional<std::size_t>()>;

// The runs of RUNS (indices into the sweep), in order, each given out once.
RunSource runs_in_order(std::vector<std::size_t> runs);

// A test hook (tests/test_sweep_run.cpp kills a sweep at a chosen run): when the environment
// sets LOOPIX_SWEEP_KILL_AFTER=N, the source given out kills the process with SIGKILL, as a
// crash or a scheduler would, when asked for a run after N runs were given out (with -j 1:
// once N runs are complete and none under way). Without the variable, NEXT itself.
RunSource with_kill_hook(RunSource next);

// Runs the runs NEXT gives on JOBS worker threads and returns when NEXT is empty and every
// run has ended; if the reporter is interrupted, starts no more runs, and throws
// sim::Interrupted once those under way have ended.
void execute_on_workers(const SweepFolder& folder, const core::Sweep& sweep, int jobs, const RunSource& next,
                        SweepReporter& reporter);

}  // namespace cli
