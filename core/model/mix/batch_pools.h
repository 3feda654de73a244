// The pools of batch mixes (round, timed pool, threshold): each mix's pooled packets, and a
// flush that releases all but `keep` of them, chosen and ordered uniformly at random with the
// mix's own stream, so every pooled packet is equally likely to leave and to leave first.
#pragma once
#include <cstddef>
#include <utility>
#include <vector>

#include "core/model/mix/mix_strategy.h"

namespace core {

class BatchPools {
 public:
  explicit BatchPools(std::size_t mixes) : pools_(mixes) {}

  std::vector<PooledPacket>& of(std::size_t mix) { return pools_[mix]; }

  // Releases all but `keep` of the mix's pooled packets (none if it holds at most `keep`).
  void flush(MixPort& port, std::size_t mix, std::size_t keep) {
    std::vector<PooledPacket>& pool = pools_[mix];
    if (pool.size() <= keep) return;
    sim::RandomStream& rng = port.random(mix);
    for (std::size_t i = pool.size(); i > 1; --i) std::swap(pool[i - 1], pool[rng.below(i)]);  // Fisher-Yates
    const std::size_t leaving = pool.size() - keep;
    std::vector<PooledPacket> released(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(leaving));
    pool.erase(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(leaving));
    for (const PooledPacket& p : released) port.release(mix, p);
  }

 private:
  std::vector<std::vector<PooledPacket>> pools_;
};

// The first time after `now` of the form phase + k * length (k an integer): a packet that
// comes exactly at a boundary waits for the next one, whatever the order of events at that
// instant.
inline sim::Time next_boundary(sim::Time now, sim::Time phase, sim::Time length) {
  const sim::Time k = now < phase ? 0 : (now - phase) / length + 1;
  return phase + k * length;
}

}  // namespace core
