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

// (time, seq) as one 128-bit unsigned key: a single wide comparison, no branch on ties.
// Times are never negative, so the signed-to-unsigned conversion keeps their order.
__extension__ typedef unsigned __int128 EventKey;
inline EventKey key(const Event& e) {
  return (static_cast<EventKey>(static_cast<std::uint64_t>(e.time)) << 64) | e.seq;
}
inline bool before(const Event& a, const Event& b) { return key(a) < key(b); }

}  // namespace sim
