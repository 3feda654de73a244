// A node's replay tags by key epoch: the tags of the two epochs whose keys it may still use
// (the current one and, in its grace period, the previous one). A tag is only ever checked
// against its own epoch's tags, since a packet of another epoch cannot carry it; so memory
// holds at most two epochs of tags, however long the run.
#pragma once
#include <array>
#include <cstdint>

#include "core/model/replay_cache.h"

namespace core {

class EpochReplayCache {
 public:
  explicit EpochReplayCache(TagLayout layout = TagLayout::Random)
      : slots_{Slot{0, ReplayCache(layout)}, Slot{1, ReplayCache(layout)}} {}

  // The tags of `epoch`. Epochs come in non-decreasing order of the current one, so the slot
  // of epoch e - 2 is reused (its tags forgotten, its table kept) when e first comes.
  ReplayCache& of(std::uint32_t epoch) {
    Slot& slot = slots_[epoch & 1];
    if (slot.epoch != epoch) {
      slot.epoch = epoch;
      slot.tags.clear();
    }
    return slot.tags;
  }

 private:
  struct Slot {
    std::uint32_t epoch = 0;
    ReplayCache tags;
  };
  std::array<Slot, 2> slots_;
};

}  // namespace core
