#include "core/model/tag_bitmap.h"

namespace core {

TagBitmap::Page& TagBitmap::page(std::uint64_t number) {
  Recent& r = recent_[number % recent_.size()];
  if (r.number == number) return *r.page;
  std::unique_ptr<Page>& p = pages_[number];
  if (!p) {
    if (spare_.empty()) {
      p = std::make_unique<Page>();  // value-initialised: zeros
    } else {
      p = std::move(spare_.back());
      spare_.pop_back();
    }
  }
  r = Recent{number, p.get()};
  return *p;
}

bool TagBitmap::insert(std::uint64_t tag) {
  const std::uint64_t bit = tag & ((std::uint64_t{1} << kPageBits) - 1);
  std::uint64_t& word = page(tag >> kPageBits)[bit / 64];
  const std::uint64_t mask = std::uint64_t{1} << (bit % 64);
  if (word & mask) return false;
  word |= mask;
  ++count_;
  return true;
}

void TagBitmap::clear() {
  for (auto& [number, p] : pages_) {
    p->fill(0);
    spare_.push_back(std::move(p));
  }
  pages_.clear();
  recent_.fill(Recent{});
  count_ = 0;
}

}  // namespace core
