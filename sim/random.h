// Random streams: one small, independent generator per (master seed, entity, purpose).
//
// Derivation. The stream key is hashed with SplitMix64's finaliser:
//   k = mix(mix(mix(seed + G) ^ entity) + G ^ purpose),   G = 0x9e3779b97f4a7c15,
// and the four 64-bit words of a xoshiro256++ state are the next four outputs of a
// SplitMix64 sequence started at k. A stream's draws therefore depend only on its own
// (seed, entity, purpose): adding a client, a mix or a purpose never changes another
// stream. State is 32 bytes, so a million streams take 32 MB.
//
// Distributions are Boost.Random's (ziggurat exponential, unbiased integer ranges), which
// are stateless between calls, so a stream's sequence depends only on the calls made on it.
#pragma once
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cstdint>
#include <limits>
#include <span>

#include "sim/time.h"

namespace sim {

inline std::uint64_t splitmix64_mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class RandomStream {
 public:
  using result_type = std::uint64_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  RandomStream() : RandomStream(derive_key(0, 0, 0)) {}

  static RandomStream derive(std::uint64_t master_seed, std::uint64_t entity, std::uint64_t purpose) {
    return RandomStream(derive_key(master_seed, entity, purpose));
  }

  // xoshiro256++ (Blackman and Vigna).
  result_type operator()() {
    const std::uint64_t result = rotl(s_[0] + s_[3], 23) + s_[0];
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform on [0, 1).
  double uniform01() { return boost::random::uniform_01<double>()(*this); }

  // Uniform on [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }

  // Standard normal.
  double normal() { return boost::random::normal_distribution<double>()(*this); }

  // An Exp(rate) duration, rate in events per second, rounded to the nanosecond.
  Time exponential(double rate_per_second) {
    return from_seconds(boost::random::exponential_distribution<double>(rate_per_second)(*this));
  }

  // Fills `out` with random bytes: each 64-bit draw gives 8 bytes, little-endian, and the
  // last draw is truncated to what is left.
  void fill(std::span<std::uint8_t> out) {
    for (std::size_t i = 0; i < out.size(); i += 8) {
      const std::uint64_t draw = (*this)();
      for (std::size_t b = 0; b < 8 && i + b < out.size(); ++b) out[i + b] = static_cast<std::uint8_t>(draw >> (8 * b));
    }
  }

  // Uniform integer in [0, n), n > 0.
  std::uint64_t below(std::uint64_t n) {
    return boost::random::uniform_int_distribution<std::uint64_t>(0, n - 1)(*this);
  }

 private:
  explicit RandomStream(std::uint64_t key) {
    for (auto& word : s_) {
      key += kGolden;
      word = splitmix64_mix(key);
    }
  }

  static std::uint64_t derive_key(std::uint64_t seed, std::uint64_t entity, std::uint64_t purpose) {
    return splitmix64_mix((splitmix64_mix(splitmix64_mix(seed + kGolden) ^ entity) + kGolden) ^ purpose);
  }

  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  static constexpr std::uint64_t kGolden = 0x9e3779b97f4a7c15ULL;
  std::uint64_t s_[4];
};

}  // namespace sim
