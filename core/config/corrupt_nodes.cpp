#include "core/config/corrupt_nodes.h"

#include <cmath>
#include <numeric>
#include <utility>

#include "core/model/random_purpose.h"
#include "sim/random.h"

namespace core {
namespace {

// Flags for `nodes` nodes: the share's list, or the first round(fraction * nodes) of a
// partial Fisher-Yates shuffle drawn from (seed, 0, purpose).
std::vector<bool> chosen(const NodeShare& share, int nodes, std::uint64_t seed, std::uint64_t purpose) {
  std::vector<bool> flags(static_cast<std::size_t>(nodes), false);
  if (share.fraction < 0) {
    for (int n : share.listed) flags[static_cast<std::size_t>(n)] = true;
    return flags;
  }
  const auto count = static_cast<int>(std::lround(share.fraction * nodes));
  std::vector<int> order(static_cast<std::size_t>(nodes));
  std::iota(order.begin(), order.end(), 0);
  sim::RandomStream rng = sim::RandomStream::derive(seed, 0, purpose);
  for (int i = 0; i < count; ++i) {
    const auto j = i + static_cast<int>(rng.below(static_cast<std::uint64_t>(nodes - i)));
    std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(j)]);
    flags[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])] = true;
  }
  return flags;
}

}  // namespace

std::vector<bool> corrupt_mixes(const Scenario& s) {
  return chosen(s.corrupt, s.layers * s.mixes_per_layer, s.seed, Purpose::Corrupt);
}

std::vector<bool> corrupt_providers(const Scenario& s) {
  return chosen(s.corrupt_providers, s.providers, s.seed, Purpose::CorruptProviders);
}

}  // namespace core
