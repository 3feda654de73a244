// Little-endian integer loads and stores on byte spans, independent of the host's order.
#pragma once
#include <cstddef>
#include <cstdint>

namespace core {

template <class T>
inline void store_le(std::uint8_t* p, T value) {
  auto v = static_cast<std::uint64_t>(value);
  for (std::size_t i = 0; i < sizeof(T); ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

template <class T>
inline T load_le(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) v |= static_cast<std::uint64_t>(p[i]) << (8 * i);
  return static_cast<T>(v);
}

}  // namespace core
