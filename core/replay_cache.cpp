#include "core/replay_cache.h"

#include "sim/random.h"

namespace core {

std::size_t ReplayCache::find_slot(std::uint64_t tag) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = sim::splitmix64_mix(tag) & mask;
  while (slots_[i] != kEmpty && slots_[i] != tag) i = (i + 1) & mask;
  return i;
}

bool ReplayCache::insert(std::uint64_t tag) {
  if (tag == kEmpty) {
    bool fresh = !has_empty_key_;
    has_empty_key_ = true;
    return fresh;
  }
  std::size_t i = find_slot(tag);
  if (slots_[i] == tag) return false;
  slots_[i] = tag;
  if (++count_ * 2 > slots_.size()) grow();
  return true;
}

void ReplayCache::grow() {
  std::vector<std::uint64_t> old(slots_.size() * 2, kEmpty);
  old.swap(slots_);
  for (std::uint64_t tag : old)
    if (tag != kEmpty) slots_[find_slot(tag)] = tag;
}

}  // namespace core
