// Progress of a long run on a terminal: simulated time, % of horizon, events/s,
// simulated seconds per wall second and ETA, refreshed a few times per second at most.
#pragma once
#include <chrono>
#include <cstdint>
#include <ostream>

#include "sim/time.h"

namespace sim {

class ProgressReporter {
 public:
  // `enabled` false makes every call a no-op. `horizon` is the run's end (kNever: unknown).
  ProgressReporter(std::ostream& out, Time horizon, bool enabled);

  // Cheap: call it often; it looks at the wall clock and prints at most every 250 ms.
  void update(Time now, std::uint64_t events);
  // Prints the final line and ends it.
  void finish(Time now, std::uint64_t events);

 private:
  void print(Time now, std::uint64_t events, bool final);

  std::ostream& out_;
  Time horizon_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_print_;
};

}  // namespace sim
