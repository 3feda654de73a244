#include "cli/sweep_mpi.h"

#include <cstdlib>

#include "cli/user_error.h"

#ifdef LOOPIX_HAVE_MPI
#include <mpi.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#endif

namespace cli {

int mpi_ranks_from_environment() {
  const char* size = std::getenv("OMPI_COMM_WORLD_SIZE");
  if (!size) size = std::getenv("PMI_SIZE");
  if (!size && std::getenv("PMIX_RANK")) size = std::getenv("SLURM_NTASKS");
  const int ranks = size ? std::atoi(size) : 1;
  return ranks > 1 ? ranks : 1;
}

#ifdef LOOPIX_HAVE_MPI

namespace {

constexpr int kRequest = 1;  // a rank asks for a run (no content)
constexpr int kAssign = 2;   // rank 0 answers: a run index, or -1 for "no more"
constexpr int kReport = 3;   // a rank, after its last run: its failures, "id\tinternal (0 or 1)\tmessage\n" each

// Waits for a message with TAG from SOURCE, polling with a short sleep: a blocking receive
// would keep a core busy while the workers need it. Returns the status of the probe.
MPI_Status await(int source, int tag) {
  for (;;) {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(source, tag, MPI_COMM_WORLD, &flag, &status);
    if (flag) return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

std::string failure_lines(const std::vector<RunFailure>& failures) {
  std::string text;
  for (const RunFailure& f : failures) {
    std::string one_line = f.message;
    for (char& c : one_line)
      if (c == '\n' || c == '\t') c = ' ';
    text += f.id + '\t' + (f.internal ? "1" : "0") + '\t' + one_line + '\n';
  }
  return text;
}

RunFailure failure_of_line(const std::string& line) {
  const std::size_t tab = line.find('\t'), second = tab == std::string::npos ? tab : line.find('\t', tab + 1);
  if (second == std::string::npos) return {line, "", true};
  return {line.substr(0, tab), line.substr(second + 1), line.substr(tab + 1, second - tab - 1) == "1"};
}

// Rank 0: its workers take runs from the list directly; its main thread answers the other
// ranks' requests from the same list, then collects their reports.
std::vector<RunFailure> dispatch(const SweepFolder& folder, const core::Sweep& sweep,
                                                          const std::vector<std::size_t>& runs, int jobs, int size,
                                                          SweepReporter& reporter) {
  std::mutex mutex;
  std::size_t next = 0;
  const RunSource take = [&]() -> std::optional<std::size_t> {
    const std::lock_guard lock(mutex);
    if (next == runs.size()) return std::nullopt;
    return runs[next++];
  };
  std::thread local([&] { execute_on_workers(folder, sweep, jobs, take, reporter); });
  for (int asking = size - 1; asking > 0;) {
    const MPI_Status status = await(MPI_ANY_SOURCE, kRequest);
    MPI_Recv(nullptr, 0, MPI_BYTE, status.MPI_SOURCE, kRequest, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    const std::optional<std::size_t> run = take();
    const long long answer = run ? static_cast<long long>(*run) : -1;
    MPI_Send(&answer, 1, MPI_LONG_LONG, status.MPI_SOURCE, kAssign, MPI_COMM_WORLD);
    if (!run) --asking;  // that rank asks no more, once each of its workers has been told
  }
  std::vector<RunFailure> failures;
  for (int source = 1; source < size; ++source) {
    MPI_Status status = await(source, kReport);
    int length = 0;
    MPI_Get_count(&status, MPI_CHAR, &length);
    std::string text(static_cast<std::size_t>(length), '\0');
    MPI_Recv(text.data(), length, MPI_CHAR, source, kReport, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) failures.push_back(failure_of_line(line));
  }
  local.join();
  for (auto& f : reporter.failures()) failures.push_back(std::move(f));
  return failures;
}

// Other ranks: the workers ask the main thread, which asks rank 0 for one run per asking
// worker. When rank 0 says "no more", the workers finish and the rank reports its failures.
void work(const SweepFolder& folder, const core::Sweep& sweep, int jobs, SweepReporter& reporter) {
  std::mutex mutex;
  std::condition_variable changed;
  int waiting = 0;                // workers waiting for a run
  std::deque<std::size_t> given;  // runs from rank 0 not yet taken by a worker
  bool exhausted = false, finished = false;
  const RunSource ask = [&]() -> std::optional<std::size_t> {
    std::unique_lock lock(mutex);
    if (exhausted && given.empty()) return std::nullopt;
    ++waiting;
    changed.notify_all();
    changed.wait(lock, [&] { return !given.empty() || exhausted; });
    if (given.empty()) return std::nullopt;
    const std::size_t run = given.front();
    given.pop_front();
    return run;
  };
  std::thread local([&] {
    execute_on_workers(folder, sweep, jobs, ask, reporter);
    const std::lock_guard lock(mutex);
    finished = true;
    changed.notify_all();
  });
  {
    std::unique_lock lock(mutex);
    for (;;) {
      changed.wait(lock, [&] { return (waiting > 0 && !exhausted) || finished; });
      if (finished) break;
      --waiting;
      lock.unlock();
      MPI_Send(nullptr, 0, MPI_BYTE, 0, kRequest, MPI_COMM_WORLD);
      long long run = -1;
      MPI_Recv(&run, 1, MPI_LONG_LONG, 0, kAssign, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      lock.lock();
      if (run < 0)
        exhausted = true;
      else
        given.push_back(static_cast<std::size_t>(run));
      changed.notify_all();
    }
  }
  local.join();
  std::string report = failure_lines(reporter.failures());
  MPI_Send(report.data(), static_cast<int>(report.size()), MPI_CHAR, 0, kReport, MPI_COMM_WORLD);
}

}  // namespace

MpiSweep execute_with_mpi(const SweepFolder& folder, const core::Sweep& sweep, const std::vector<std::size_t>& runs,
                          int jobs, std::ostream& err, bool quiet) {
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);  // only the main thread calls MPI
  MpiSweep result;
  int size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &result.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (provided < MPI_THREAD_FUNNELED) {
    MPI_Finalize();
    throw UserError("sweep: this MPI library offers no thread support (MPI_THREAD_FUNNELED), which the ranks' "
                    "worker threads need");
  }
  if (result.rank == 0 && !quiet)
    err << "sweep " << sweep.name << ": " << runs.size() << " runs to run on " << size << " ranks x " << jobs
        << " worker" << (jobs == 1 ? "" : "s") << " into " << folder.dir().string() << '\n';
  // A rank cannot know how many runs it will get: lines count its own runs, with no estimate.
  SweepReporter reporter(err, 0, "rank " + std::to_string(result.rank) + ": ", quiet);
  if (result.rank == 0)
    result.failures = dispatch(folder, sweep, runs, jobs, size, reporter);
  else
    work(folder, sweep, jobs, reporter);
  MPI_Finalize();
  return result;
}

#else

MpiSweep execute_with_mpi(const SweepFolder&, const core::Sweep&, const std::vector<std::size_t>&, int, std::ostream&,
                          bool) {
  throw UserError("sweep: started by an MPI launcher with several ranks, but this loopix-sim was built without MPI "
                  "(install libopenmpi-dev and build again, or run the sweep without mpirun)");
}

#endif

}  // namespace cli
