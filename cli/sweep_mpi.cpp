#include "cli/sweep_mpi.h"

#include <cstdlib>

#include "cli/user_error.h"

#ifdef LOOPIX_HAVE_MPI
#include <mpi.h>

#include <chrono>
#include <mutex>
#include <optional>
#include <thread>
#endif

namespace cli {

bool launched_by_mpi() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(variable)) return true;
  return false;
}

#ifdef LOOPIX_HAVE_MPI

namespace {

constexpr int kRequest = 1;  // a rank asks for a run (no content)
constexpr int kAssign = 2;   // rank 0 answers: a run index, or -1 for "no more"

// Rank 0: hands out runs to the other ranks and to its own worker thread. Polls for requests
// with a short sleep, so that waiting does not take a core from the runs.
void dispatch(const SweepFolder& folder, const core::Sweep& sweep, const std::vector<std::size_t>& runs, int size,
              SweepReporter& reporter) {
  std::mutex mutex;
  std::size_t next = 0;
  auto take = [&]() -> std::optional<std::size_t> {
    const std::lock_guard lock(mutex);
    if (next == runs.size()) return std::nullopt;
    return runs[next++];
  };
  std::thread local([&] {
    while (auto run = take()) execute_and_report(folder, sweep, *run, reporter);
  });
  for (int active = size - 1; active > 0;) {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, kRequest, MPI_COMM_WORLD, &flag, &status);
    if (!flag) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      continue;
    }
    MPI_Recv(nullptr, 0, MPI_BYTE, status.MPI_SOURCE, kRequest, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    const auto run = take();
    const long long answer = run ? static_cast<long long>(*run) : -1;
    MPI_Send(&answer, 1, MPI_LONG_LONG, status.MPI_SOURCE, kAssign, MPI_COMM_WORLD);
    if (!run) --active;
  }
  local.join();
}

// Ranks other than 0: ask, run, ask again until told "no more".
void work(const SweepFolder& folder, const core::Sweep& sweep, SweepReporter& reporter) {
  for (;;) {
    MPI_Send(nullptr, 0, MPI_BYTE, 0, kRequest, MPI_COMM_WORLD);
    long long run = -1;
    MPI_Recv(&run, 1, MPI_LONG_LONG, 0, kAssign, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (run < 0) return;
    execute_and_report(folder, sweep, static_cast<std::size_t>(run), reporter);
  }
}

}  // namespace

MpiSweep execute_with_mpi(const SweepFolder& folder, const core::Sweep& sweep, const std::vector<std::size_t>& runs,
                          std::ostream& err, bool quiet) {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);  // only the main thread calls MPI
  MpiSweep result;
  MPI_Comm_rank(MPI_COMM_WORLD, &result.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &result.size);
  // A rank cannot know how many runs it will get: lines count its own runs, with no estimate.
  SweepReporter reporter(err, 0, "rank " + std::to_string(result.rank) + ": ", quiet);
  if (result.rank == 0)
    dispatch(folder, sweep, runs, result.size, reporter);
  else
    work(folder, sweep, reporter);
  result.failures = reporter.failures();
  MPI_Finalize();
  return result;
}

#else

MpiSweep execute_with_mpi(const SweepFolder&, const core::Sweep&, const std::vector<std::size_t>&, std::ostream&,
                          bool) {
  throw UserError("sweep: started by an MPI launcher, but this loopix-sim was built without MPI (install "
                  "libopenmpi-dev and build again, or run the sweep without mpirun)");
}

#endif

}  // namespace cli
