// A node's set of random replay tags (core/model/replay_cache.h). Every insert of a long run
// lands at a random place in a set of many megabytes, which would make each a cache miss the run waits for;
// instead a small Bloom filter (one 64-bit word per tag, in cache) answers "new" for almost
// every tag, and new tags reach the exact table (open addressing, doubled when half full) in
// batches, whose misses overlap. Only a tag the filter may have seen is looked up there.
// No allocation per insert.
#pragma once
#include <array>
#include <cstdint>

#include "core/zeroed_array.h"
#include "sim/random.h"

namespace core {

class HashedTagSet {
 public:
  HashedTagSet();

  // Inserts the tag; returns false if it was already present (a replay).
  bool insert(std::uint64_t tag);
  // Forgets every tag but keeps the table's size, so that a cache refilled at the same rate
  // (the next key epoch's) does not grow again.
  void clear();
  std::size_t size() const { return count_ + pending_count_ + (has_empty_key_ ? 1 : 0); }

 private:
  static constexpr std::uint64_t kEmpty = 0;  // tag 0 itself is tracked by has_empty_key_
  static constexpr std::size_t kInitialSlots = 512;
  static constexpr std::size_t kSlotsPerFilterWord = 32;  // 4 to 8 filter bits per tag
  static constexpr std::size_t kBatch = 64;                // tags inserted into the table at once

  static std::uint64_t hash(std::uint64_t tag) { return sim::splitmix64_mix(tag); }
  // The filter's word for a hash, and the 4 bits of it the tag sets.
  std::size_t filter_index(std::uint64_t h) const { return (h >> 32) & (filter_.size() - 1); }
  std::uint64_t& filter_word(std::uint64_t h) { return filter_[filter_index(h)]; }
  static std::uint64_t filter_bits(std::uint64_t h);

  bool contains(std::uint64_t tag, std::uint64_t h) const;  // exact: the table and the batch
  std::size_t find_slot(std::uint64_t tag, std::uint64_t h) const;
  void flush();  // inserts the batch into the table
  void grow();

  ZeroedArray<std::uint64_t> slots_;
  ZeroedArray<std::uint64_t> filter_;
  std::array<std::uint64_t, kBatch> pending_;
  std::size_t pending_count_ = 0;
  std::size_t count_ = 0;  // in the table
  bool has_empty_key_ = false;
};

}  // namespace core
