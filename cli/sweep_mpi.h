// A sweep's runs across MPI ranks (`mpirun -np K loopix-sim sweep ...`): rank 0 hands the runs
// out one at a time to whichever rank asks next, itself included (its runs go on a worker
// thread while its main thread answers), so ranks balance runs of unequal length. Every rank
// writes into the one sweep folder; rank 0 knows all runs have ended when it has answered
// every other rank with "no more".
#pragma once
#include <cstddef>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "cli/sweep_execution.h"

namespace cli {

// Whether an MPI launcher (mpirun, mpiexec, srun with PMI) started this process.
bool launched_by_mpi();

struct MpiSweep {
  int rank = 0, size = 1;
  std::vector<std::pair<std::string, std::string>> failures;  // this rank's failed runs: id, message
};

// Initialises MPI, runs RUNS across the ranks, each run reported on its rank's ERR (lines
// prefixed "rank R: "; none when QUIET), and finalises MPI. Rank 0 returns once every run has
// ended. A UserError when this build has no MPI.
MpiSweep execute_with_mpi(const SweepFolder& folder, const core::Sweep& sweep, const std::vector<std::size_t>& runs,
                          std::ostream& err, bool quiet);

}  // namespace cli
