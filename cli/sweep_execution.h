// Running a sweep's runs: a pool of local workers taking runs in order, each run reported as
// it ends (done or failed, with the count so far and an estimate of the time left); a failed
// run is recorded and the others go on.
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
#include "core/sweep.h"

namespace cli {

class SweepReporter {
 public:
  // TODO runs to do here (0: unknown, no estimate); `prefix` starts every line ("" or "rank 1: "); quiet prints nothing.
  SweepReporter(std::ostream& err, std::size_t todo, std::string prefix, bool quiet);
  // Thread-safe. A failure carries its message.
  void finished(const std::string& id, double seconds, const std::optional<std::string>& failure);
  // The failed runs so far: id and message.
  std::vector<std::pair<std::string, std::string>> failures() const;

 private:
  std::ostream& err_;
  std::size_t todo_, done_ = 0;
  std::string prefix_;
  bool quiet_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::vector<std::pair<std::string, std::string>> failures_;
  mutable std::mutex mutex_;
};

// Runs RUN of SWEEP into FOLDER and reports it; never throws for a failed run.
void execute_and_report(const SweepFolder& folder, const core::Sweep& sweep, std::size_t run, SweepReporter& reporter);

// Runs RUNS (indices into the sweep) on JOBS threads, in order of the list.
void execute_locally(const SweepFolder& folder, const core::Sweep& sweep, const std::vector<std::size_t>& runs,
                     int jobs, SweepReporter& reporter);

}  // namespace cli
