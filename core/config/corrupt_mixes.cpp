#include "core/config/corrupt_mixes.h"

#include <cmath>
#include <numeric>
#include <utility>

#include "core/model/random_purpose.h"
#include "sim/random.h"

namespace core {

std::vector<bool> corrupt_mixes(const Scenario& s) {
  const int mixes = s.layers * s.mixes_per_layer;
  std::vector<bool> corrupt(static_cast<std::size_t>(mixes), false);
  if (s.corrupt.fraction < 0) {
    for (int m : s.corrupt.listed.mixes) corrupt[static_cast<std::size_t>(m)] = true;
    return corrupt;
  }
  // The first `count` of a partial Fisher-Yates shuffle.
  const auto count = static_cast<int>(std::lround(s.corrupt.fraction * mixes));
  std::vector<int> order(static_cast<std::size_t>(mixes));
  std::iota(order.begin(), order.end(), 0);
  sim::RandomStream rng = sim::RandomStream::derive(s.seed, 0, Purpose::Corrupt);
  for (int i = 0; i < count; ++i) {
    const auto j = i + static_cast<int>(rng.below(static_cast<std::uint64_t>(mixes - i)));
    std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(j)]);
    corrupt[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])] = true;
  }
  return corrupt;
}

}  // namespace core
