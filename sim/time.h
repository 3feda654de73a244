// Simulated time: a signed 64-bit count of nanoseconds, with conversions from seconds.
#pragma once
#include <cmath>
#include <cstdint>

namespace sim {

using Time = std::int64_t;  // nanoseconds since the start of the run

inline constexpr Time kNanosPerSecond = 1'000'000'000;
inline constexpr Time kNever = INT64_MAX;

// Later than any run reaches (a run lasts at most 2e9 s = 2e18 ns, the scenario's limits) and
// far enough from INT64_MAX that a time within a run plus a duration up to kLatest cannot
// overflow: durations drawn longer (an exponential tail, a rate near zero) are cut here, which
// changes nothing, since an event after the run's end never happens.
inline constexpr Time kLatest = Time{1} << 62;

// Rounds to the nearest nanosecond, within [-kLatest, kLatest] (infinity and NaN give
// kLatest). Seconds come from scenarios (JSON is in seconds) and from random draws.
inline Time from_seconds(double seconds) {
  const double nanoseconds = seconds * 1e9;
  if (!(nanoseconds < static_cast<double>(kLatest))) return kLatest;
  if (nanoseconds < -static_cast<double>(kLatest)) return -kLatest;
  return static_cast<Time>(std::llround(nanoseconds));
}
inline double to_seconds(Time t) { return static_cast<double>(t) * 1e-9; }

}  // namespace sim
