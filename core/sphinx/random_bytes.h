// Random bytes from a simulation stream: each 64-bit draw gives 8 bytes, little-endian, and
// the last draw is truncated to what is left.
#pragma once
#include <cstdint>
#include <span>

#include "sim/random.h"

namespace core::sphinx {

inline void fill_random(std::span<std::uint8_t> out, sim::RandomStream& rng) {
  for (std::size_t i = 0; i < out.size(); i += 8) {
    const std::uint64_t draw = rng();
    for (std::size_t b = 0; b < 8 && i + b < out.size(); ++b) out[i + b] = static_cast<std::uint8_t>(draw >> (8 * b));
  }
}

}  // namespace core::sphinx
