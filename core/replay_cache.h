// A node's set of replay tags already seen: open addressing on 64-bit tags, no allocation
// per insert (the table doubles when half full).
#pragma once
#include <cstdint>
#include <vector>

namespace core {

class ReplayCache {
 public:
  ReplayCache() : slots_(16, kEmpty) {}

  // Inserts the tag; returns false if it was already present (a replay).
  bool insert(std::uint64_t tag);
  std::size_t size() const { return count_ + (has_empty_key_ ? 1 : 0); }

 private:
  static constexpr std::uint64_t kEmpty = 0;  // tag 0 itself is tracked by has_empty_key_
  std::size_t find_slot(std::uint64_t tag) const;
  void grow();

  std::vector<std::uint64_t> slots_;
  std::size_t count_ = 0;
  bool has_empty_key_ = false;
};

}  // namespace core
