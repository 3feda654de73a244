// A node's replay tags when they are numbered: the crypto-free format makes each hop's tag
// from the packet's number, so the tags of the packets in flight fall in a few short ranges.
// A tag is one bit in a page of 2^15 tags (4 KiB); the pages in use are remembered in a small
// direct-mapped table by page number, before the map of every page. An insert is then a bit
// test on a line in cache, and the set costs one bit per number in its ranges, however long
// the run. Any tag is accepted (a page for each far-apart one): the set is exact either way.
#pragma once
#include <array>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

namespace core {

class TagBitmap {
 public:
  // Inserts the tag; returns false if it was already present (a replay).
  bool insert(std::uint64_t tag);
  // Forgets every tag; the pages are kept for the next tags.
  void clear();
  std::size_t size() const { return count_; }

 private:
  static constexpr unsigned kPageBits = 15;
  static constexpr std::size_t kWordsPerPage = (std::size_t{1} << kPageBits) / 64;
  using Page = std::array<std::uint64_t, kWordsPerPage>;
  struct Recent {
    std::uint64_t number = ~std::uint64_t{0};  // no page has this number (tags have 64 bits)
    Page* page = nullptr;
  };

  Page& page(std::uint64_t number);  // found or made

  std::array<Recent, 64> recent_;  // by page number mod 64
  std::unordered_map<std::uint64_t, std::unique_ptr<Page>> pages_;
  std::vector<std::unique_ptr<Page>> spare_;  // zeroed by clear(), for reuse
  std::size_t count_ = 0;
};

}  // namespace core
