// Fixed-size secret bytes (shared secrets, derived keys, scalars) that wipe themselves with
// OPENSSL_cleanse when they go out of scope, on every return path.
#pragma once
#include <openssl/crypto.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace core::sphinx {

template <std::size_t N>
class Secret {
 public:
  Secret() = default;
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
  ~Secret() { OPENSSL_cleanse(bytes_.data(), N); }

  std::uint8_t* data() { return bytes_.data(); }
  const std::uint8_t* data() const { return bytes_.data(); }
  static constexpr std::size_t size() { return N; }
  std::span<std::uint8_t, N> span() { return bytes_; }

 private:
  std::array<std::uint8_t, N> bytes_{};
};

}  // namespace core::sphinx
