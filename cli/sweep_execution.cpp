#include "cli/sweep_execution.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>

#include "cli/user_error.h"
#include "core/output_error.h"

namespace cli {

namespace {

std::string duration_text(double seconds) {
  char text[32];
  if (seconds < 60)
    std::snprintf(text, sizeof text, seconds < 10 ? "%.2f s" : "%.1f s", seconds);
  else if (seconds < 3600)
    std::snprintf(text, sizeof text, "%dm%02ds", static_cast<int>(seconds) / 60, static_cast<int>(seconds) % 60);
  else
    std::snprintf(text, sizeof text, "%dh%02dm", static_cast<int>(seconds) / 3600, static_cast<int>(seconds) / 60 % 60);
  return text;
}

}  // namespace

SweepReporter::SweepReporter(std::ostream& err, std::size_t todo, std::string prefix, bool quiet,
                             sim::ProgressListener listener)
    : err_(err), todo_(todo), prefix_(std::move(prefix)), quiet_(quiet), listener_(std::move(listener)) {}

void SweepReporter::finished(const std::string& id, double seconds, const std::optional<RunFailure>& failure) {
  const std::lock_guard lock(mutex_);
  ++done_;
  if (failure) failures_.push_back(*failure);
  if (listener_ && !interrupted_) {
    try {
      listener_({static_cast<double>(done_), static_cast<double>(todo_), "runs", todo_ > 0 && done_ >= todo_});
    } catch (const sim::Interrupted&) {
      interrupted_ = true;
    }
  }
  if (quiet_) return;
  err_ << prefix_ << '[' << done_;
  if (todo_ > 0) err_ << '/' << todo_;
  err_ << "] " << id << (failure ? " FAILED: " + failure->message : " done") << " in " << duration_text(seconds) << " ("
       << failures_.size() << " failed";
  if (todo_ >= done_ && todo_ > 0) {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    err_ << ", ETA " << duration_text(elapsed / static_cast<double>(done_) * static_cast<double>(todo_ - done_));
  }
  err_ << ")\n";
  err_.flush();
}

std::vector<RunFailure> SweepReporter::failures() const {
  const std::lock_guard lock(mutex_);
  return failures_;
}

bool SweepReporter::interrupted() const {
  const std::lock_guard lock(mutex_);
  return interrupted_;
}

RunSource runs_in_order(std::vector<std::size_t> runs) {
  struct List {
    std::vector<std::size_t> runs;
    std::atomic<std::size_t> next{0};
  };
  auto list = std::make_shared<List>();
  list->runs = std::move(runs);
  return [list]() -> std::optional<std::size_t> {
    const std::size_t i = list->next.fetch_add(1);
    if (i >= list->runs.size()) return std::nullopt;
    return list->runs[i];
  };
}

RunSource with_kill_hook(RunSource next) {
  const char* after = std::getenv("LOOPIX_SWEEP_KILL_AFTER");
  if (after == nullptr) return next;
  auto left = std::make_shared<std::atomic<long long>>(std::atoll(after));
  return [next = std::move(next), left]() -> std::optional<std::size_t> {
    if (left->fetch_sub(1) <= 0) std::raise(SIGKILL);
    return next();
  };
}

void execute_on_workers(const SweepFolder& folder, const core::Sweep& sweep, int jobs, const RunSource& next,
                        SweepReporter& reporter) {
  auto worker = [&] {
    while (!reporter.interrupted()) {
      const std::optional<std::size_t> run = next();
      if (!run) break;
      const auto start = std::chrono::steady_clock::now();
      std::optional<RunFailure> failure;
      try {
        folder.execute(*run, sweep);
      } catch (const UserError& e) {
        failure = RunFailure{folder.id(*run), e.what()};
      } catch (const core::OutputError& e) {
        failure = RunFailure{folder.id(*run), e.what()};
      } catch (const std::filesystem::filesystem_error& e) {
        failure = RunFailure{folder.id(*run), e.what()};
      } catch (const std::exception& e) {
        failure = RunFailure{folder.id(*run), e.what(), true};
      }
      reporter.finished(folder.id(*run),
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), failure);
    }
  };
  std::vector<std::thread> threads;
  for (int t = 1; t < jobs; ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  if (reporter.interrupted()) throw sim::Interrupted();
}

}  // namespace cli
