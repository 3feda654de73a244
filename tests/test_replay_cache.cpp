// The replay caches: both forms (hashed for random tags, bitmap for numbered ones) are exact
// sets of any 64-bit tags, through growth, far-apart tags, tag 0 and clear(); and the
// crypto-free format numbers its tags by packet and hop.
#include <catch2/catch.hpp>
#include <unordered_set>
#include <vector>

#include "core/model/plain_format.h"
#include "core/model/replay_cache.h"
#include "sim/random.h"

using core::ReplayCache;
using core::TagLayout;

namespace {

// Inserts `tags` into a fresh cache and into a std::unordered_set, checking every answer and
// the size; returns how many were fresh.
std::size_t insert_all(ReplayCache& cache, const std::vector<std::uint64_t>& tags) {
  std::unordered_set<std::uint64_t> reference;
  std::size_t fresh = 0;
  for (std::uint64_t tag : tags) {
    const bool expected = reference.insert(tag).second;
    REQUIRE(cache.insert(tag) == expected);
    fresh += expected ? 1 : 0;
  }
  CHECK(cache.size() == reference.size());
  return fresh;
}

// 200,000 tags of which about one in five repeats an earlier one: numbered ones (packet
// numbers around a moving front, the hop in the top byte, as the crypto-free format makes
// them), random ones, tag 0 and a few at the ends of the range.
std::vector<std::uint64_t> tags(TagLayout layout) {
  sim::RandomStream rng = sim::RandomStream::derive(7, 8, 9);
  std::vector<std::uint64_t> out{0, ~std::uint64_t{0}, std::uint64_t{1} << 63, 0};
  for (std::uint64_t i = 0; i < 200'000; ++i) {
    if (i > 10 && rng.uniform01() < 0.2) {
      out.push_back(out[rng.below(out.size())]);
    } else if (layout == TagLayout::Numbered) {
      const std::uint64_t hop = rng.below(5), lag = rng.below(3'000);
      out.push_back((hop << 56) | (i > lag ? i - lag : i));
    } else {
      out.push_back(rng());
    }
  }
  return out;
}

}  // namespace

TEST_CASE("replay cache: both forms are exact sets of any tags, through growth and clear()", "[replay]") {
  for (TagLayout layout : {TagLayout::Random, TagLayout::Numbered}) {
    CAPTURE(static_cast<int>(layout));
    for (TagLayout made_by : {TagLayout::Random, TagLayout::Numbered}) {  // each form takes the other's tags too
      ReplayCache cache(layout);
      const std::vector<std::uint64_t> t = tags(made_by);
      const std::size_t fresh = insert_all(cache, t);
      CHECK(fresh > t.size() / 2);  // repeats (one tag in five, and numbers met again) are there
      CHECK(fresh < t.size() * 85 / 100);
      cache.clear();
      CHECK(cache.size() == 0);
      CHECK(insert_all(cache, t) == fresh);  // nothing remembered from before clear()
    }
  }
}

TEST_CASE("replay cache: the crypto-free format's tag of hop h is (h << 56) | the packet's number", "[replay]") {
  const core::PlainFormat format(4);
  core::Route route;
  route.first = 1;
  route.push({core::HopFlag::Relay, 2, 5});
  route.push({core::HopFlag::Relay, 3, 0});
  route.push({core::HopFlag::Dest, 9, 0});
  std::vector<std::uint8_t> bytes(format.packet_size());
  sim::RandomStream rng = sim::RandomStream::derive(1, 2, 3);
  const std::uint64_t number = 0x12'3456'789A'BCDEULL;
  format.build(route, 0, number | (std::uint64_t{0xAB} << 56), bytes, rng);  // the top byte is not the number's
  CHECK(format.tag_layout() == TagLayout::Numbered);
  for (std::uint64_t hop = 0; hop < 3; ++hop) {
    const core::Unwrapped u = format.unwrap(static_cast<core::NodeId>(hop + 1), bytes);
    REQUIRE(u.early == core::DropReason::None);
    CHECK(u.tag == ((hop << 56) | number));
  }
}
