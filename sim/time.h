// Simulated time: a signed 64-bit count of nanoseconds, with conversions from seconds.
#pragma once
#include <cmath>
#include <cstdint>

namespace sim {

using Time = std::int64_t;  // nanoseconds since the start of the run

inline constexpr Time kNanosPerSecond = 1'000'000'000;
inline constexpr Time kNever = INT64_MAX;

// Rounds to the nearest nanosecond. Seconds come from scenarios (JSON is in seconds).
inline Time from_seconds(double seconds) { return static_cast<Time>(std::llround(seconds * 1e9)); }
inline double to_seconds(Time t) { return static_cast<double>(t) * 1e-9; }

}  // namespace sim
