#include "core/model/hashed_tag_set.h"

#include <algorithm>
#include <utility>

namespace core {

HashedTagSet::HashedTagSet() : slots_(kInitialSlots), filter_(kInitialSlots / kSlotsPerFilterWord) {}

std::uint64_t HashedTagSet::filter_bits(std::uint64_t h) {
  const std::uint64_t g = h * 0x9e3779b97f4a7c15ULL;  // bits independent of the word index
  return (std::uint64_t{1} << (g >> 58)) | (std::uint64_t{1} << ((g >> 52) & 63)) |
         (std::uint64_t{1} << ((g >> 46) & 63)) | (std::uint64_t{1} << ((g >> 40) & 63));
}

std::size_t HashedTagSet::find_slot(std::uint64_t tag, std::uint64_t h) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = h & mask;
  while (slots_[i] != kEmpty && slots_[i] != tag) i = (i + 1) & mask;
  return i;
}

bool HashedTagSet::contains(std::uint64_t tag, std::uint64_t h) const {
  const auto batch_end = pending_.begin() + static_cast<std::ptrdiff_t>(pending_count_);
  return std::find(pending_.begin(), batch_end, tag) != batch_end || slots_[find_slot(tag, h)] == tag;
}

bool HashedTagSet::insert(std::uint64_t tag) {
  if (tag == kEmpty) {
    bool fresh = !has_empty_key_;
    has_empty_key_ = true;
    return fresh;
  }
  const std::uint64_t h = hash(tag), bits = filter_bits(h);
  std::uint64_t& word = filter_word(h);
  if ((word & bits) == bits && contains(tag, h)) return false;
  word |= bits;
  pending_[pending_count_++] = tag;
  if (pending_count_ == kBatch) flush();
  return true;
}

void HashedTagSet::clear() {
  std::fill(slots_.begin(), slots_.end(), kEmpty);
  std::fill(filter_.begin(), filter_.end(), std::uint64_t{0});
  pending_count_ = 0;
  count_ = 0;
  has_empty_key_ = false;
}

void HashedTagSet::flush() {
  while ((count_ + pending_count_) * 2 > slots_.size()) grow();
  // Each tag's first probe is prefetched a few tags ahead, so the misses overlap.
  constexpr std::size_t kAhead = 8;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = 0; i < pending_count_; ++i) {
    if (i + kAhead < pending_count_) __builtin_prefetch(&slots_[hash(pending_[i + kAhead]) & mask], 1);
    const std::uint64_t tag = pending_[i];
    slots_[find_slot(tag, hash(tag))] = tag;
  }
  count_ += pending_count_;
  pending_count_ = 0;
}

// Doubles the table and the filter, and puts the table's tags back in both and the batch's
// in the filter.
void HashedTagSet::grow() {
  ZeroedArray<std::uint64_t> old(slots_.size() * 2);
  std::swap(old, slots_);
  filter_ = ZeroedArray<std::uint64_t>(slots_.size() / kSlotsPerFilterWord);
  for (std::uint64_t tag : old) {
    if (tag == kEmpty) continue;
    const std::uint64_t h = hash(tag);
    slots_[find_slot(tag, h)] = tag;
    filter_word(h) |= filter_bits(h);
  }
  for (std::size_t i = 0; i < pending_count_; ++i) {
    const std::uint64_t h = hash(pending_[i]);
    filter_word(h) |= filter_bits(h);
  }
}

}  // namespace core
