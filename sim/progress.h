// Progress of a long run on a terminal: simulated time, % of horizon, events/s,
// simulated seconds per wall second and ETA, refreshed a few times per second at most; and
// the same progress told to a listener (the Python module's progress bar).
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string_view>

#include "sim/time.h"

namespace sim {

// What a progress listener is told: DONE of TOTAL (0: unknown) UNITs so far, "s" (simulated
// seconds) for a run, "runs" for a sweep; `final` on the last call.
struct Progress {
  double done = 0, total = 0;
  std::string_view unit;
  bool final = false;
};
// Told of progress a few times a second at most, and at the end; one call at a time, from any
// thread (a sweep's workers). It may throw Interrupted to stop what it hears.
using ProgressListener = std::function<void(const Progress&)>;

// Thrown by a progress listener to stop the run it hears (from the kernel's loop, which then
// unwinds: nothing of the run is written) or the sweep (which starts no more runs).
struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted") {}
};

class ProgressReporter {
 public:
  // `print` false prints nothing; without a listener too, every call is a no-op. `horizon` is
  // the run's end (kNever: unknown).
  ProgressReporter(std::ostream& out, Time horizon, bool print, ProgressListener listener = {});

  // Cheap: call it often; it looks at the wall clock and prints at most every 250 ms.
  void update(Time now, std::uint64_t events);
  // Prints the final line and ends it.
  void finish(Time now, std::uint64_t events);

 private:
  void report(Time now, std::uint64_t events, bool final);
  void print(Time now, std::uint64_t events, bool final);

  std::ostream& out_;
  Time horizon_;
  bool print_;
  ProgressListener listener_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_print_;
};

}  // namespace sim
