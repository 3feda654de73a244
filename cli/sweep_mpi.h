// A sweep's runs across MPI ranks (`mpirun -np K loopix-sim sweep ...`): rank 0 hands the runs
// out one at a time to whichever worker asks next, on any rank, itself included, so ranks
// balance runs of unequal length. Each rank runs `jobs` runs at once on worker threads while
// its main thread alone talks MPI. Every rank writes into the one sweep folder; when it has
// no more runs, it sends rank 0 its failed runs, so rank 0 knows every run has ended, and
// which failed, without reading the file system.
#pragma once
#include <cstddef>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "cli/sweep_execution.h"

namespace cli {

// The number of ranks an MPI launcher started (mpirun's OMPI_COMM_WORLD_SIZE, PMI_SIZE, or
// under srun with PMIx, SLURM_NTASKS); 1 when none did.
int mpi_ranks_from_environment();

struct MpiSweep {
  int rank = 0;
  std::vector<RunFailure> failures;  // on rank 0: every rank's failed runs
};

// Initialises MPI, runs RUNS across the ranks with JOBS workers each, each run reported on its
// rank's ERR (lines prefixed "rank R: "; none when QUIET), and finalises MPI. Rank 0 returns
// once every run on every rank has ended. A UserError when this build has no MPI.
MpiSweep execute_with_mpi(const SweepFolder& folder, const core::Sweep& sweep, const std::vector<std::size_t>& runs,
                          int jobs, std::ostream& err, bool quiet);

}  // namespace cli
