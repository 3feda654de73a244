// Key epochs, as deployed mixnets run them: every provider and mix changes its key each
// epoch, keeps the previous epoch's key for a grace period, and keeps replay tags only for
// the epochs whose keys it still holds.
#pragma once
#include <cstdint>

#include "sim/time.h"

namespace core {

struct KeyEpochs {
  sim::Time length = 0;  // 0: one epoch for the whole run
  sim::Time grace = 0;   // how long into an epoch the previous epoch's key is still accepted

  std::uint32_t at(sim::Time t) const { return length > 0 ? static_cast<std::uint32_t>(t / length) : 0; }
  // Whether a packet built for the epoch before at(t) is still accepted at t.
  bool in_grace(sim::Time t) const { return length > 0 && t % length < grace; }
  // How many epochs a run up to `end` (inclusive) meets.
  std::uint32_t count(sim::Time end) const { return at(end) + 1; }
};

}  // namespace core
