// The kernel's event: a small plain struct ordered by (time, sequence number).
#pragma once
#include <cstdint>

#include "sim/time.h"

namespace sim {

// 32 bytes, trivially copyable. `target` names the entity that handles the event,
// `kind` what happens, `arg` a kind-specific value (a packet slot, a stream, ...).
struct Event {
  Time time;
  std::uint64_t seq;  // scheduling order: ties in time break on it (first scheduled, first run)
  std::uint64_t arg;
  std::uint32_t target;
  std::uint32_t kind;
};
static_assert(sizeof(Event) == 32);

inline bool before(const Event& a, const Event& b) {
  return a.time < b.time || (a.time == b.time && a.seq < b.seq);
}

}  // namespace sim
