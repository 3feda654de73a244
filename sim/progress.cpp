#include "sim/progress.h"

#include <cstdio>
#include <utility>

namespace sim {

ProgressReporter::ProgressReporter(std::ostream& out, Time horizon, bool print, ProgressListener listener)
    : out_(out), horizon_(horizon), print_(print), listener_(std::move(listener)),
      start_(std::chrono::steady_clock::now()), last_print_(start_) {}

void ProgressReporter::update(Time now, std::uint64_t events) {
  if (!print_ && !listener_) return;
  auto wall = std::chrono::steady_clock::now();
  if (wall - last_print_ < std::chrono::milliseconds(250)) return;
  last_print_ = wall;
  report(now, events, false);
}

void ProgressReporter::finish(Time now, std::uint64_t events) { report(now, events, true); }

void ProgressReporter::report(Time now, std::uint64_t events, bool final) {
  if (print_) print(now, events, final);
  if (listener_)
    listener_({to_seconds(now), horizon_ != kNever && horizon_ > 0 ? to_seconds(horizon_) : 0.0, "s", final});
}

void ProgressReporter::print(Time now, std::uint64_t events, bool final) {
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double simulated = to_seconds(now);
  double rate = wall > 0 ? static_cast<double>(events) / wall : 0.0;
  double speed = wall > 0 ? simulated / wall : 0.0;
  char line[200];
  if (horizon_ != kNever && horizon_ > 0) {
    double fraction = static_cast<double>(now) / static_cast<double>(horizon_);
    double eta = (speed > 0 && !final) ? (to_seconds(horizon_) - simulated) / speed : 0.0;
    std::snprintf(line, sizeof line,
                  "\r[loopix-sim] t=%.1f s (%5.1f%%)  %.2f M events/s  %.1f sim-s/s  ETA %.0f s   ",
                  simulated, 100.0 * fraction, rate * 1e-6, speed, eta);
  } else {
    std::snprintf(line, sizeof line, "\r[loopix-sim] t=%.1f s  %.2f M events/s  %.1f sim-s/s   ",
                  simulated, rate * 1e-6, speed);
  }
  out_ << line;
  if (final) out_ << '\n';
  out_.flush();
}

}  // namespace sim
