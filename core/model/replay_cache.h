// A node's set of replay tags already seen, in the form that suits how its packet format
// makes tags: random tags (Sphinx derives them from the shared secret) in a hashed set,
// numbered ones (the crypto-free format's, from the packet's number and the hop) in a bitmap.
// Both forms are exact sets of any tags; the form decides only the speed and the memory.
#pragma once
#include <cstdint>
#include <variant>

#include "core/model/hashed_tag_set.h"
#include "core/model/tag_bitmap.h"

namespace core {

enum class TagLayout { Random, Numbered };

class ReplayCache {
 public:
  explicit ReplayCache(TagLayout layout = TagLayout::Random) {
    if (layout == TagLayout::Numbered) tags_.emplace<TagBitmap>();
  }

  // Inserts the tag; returns false if it was already present (a replay).
  bool insert(std::uint64_t tag) {
    if (auto* bitmap = std::get_if<TagBitmap>(&tags_)) return bitmap->insert(tag);
    return std::get<HashedTagSet>(tags_).insert(tag);
  }
  // Forgets every tag, keeping the memory for the next ones (the next key epoch's).
  void clear() {
    std::visit([](auto& t) { t.clear(); }, tags_);
  }
  std::size_t size() const {
    return std::visit([](const auto& t) { return t.size(); }, tags_);
  }

 private:
  std::variant<HashedTagSet, TagBitmap> tags_;
};

}  // namespace core
