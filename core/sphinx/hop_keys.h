// A hop's keys, derived from its shared secret s with HKDF-SHA256 (extract with a fixed
// salt, then a single expand with a fixed info) and split by position, as README.md specifies:
//   rho (32) | mu (32) | pi (4 x 32) | b (32) | tag (16)
#pragma once
#include <cstddef>
#include <cstdint>

#include "core/sphinx/secret.h"

namespace core::sphinx {

inline constexpr std::size_t kSharedSecretSize = 32;  // s: an X25519 output

class HopKeys {
 public:
  static constexpr std::size_t kRho = 0, kMu = 32, kPi = 64, kB = 192, kTag = 224, kSize = 240;

  // Derives the keys from the 32-byte shared secret s.
  void derive(const std::uint8_t* s);

  const std::uint8_t* rho() const { return okm_.data() + kRho; }  // AES-256-CTR key of beta
  const std::uint8_t* mu() const { return okm_.data() + kMu; }    // HMAC-SHA256 key of gamma
  const std::uint8_t* pi() const { return okm_.data() + kPi; }    // LIONESS round keys K1..K4
  const std::uint8_t* b() const { return okm_.data() + kB; }      // the blinding factor
  // The replay tag's first 8 bytes, little-endian: the core::ReplayCache key.
  std::uint64_t replay_tag() const;

 private:
  Secret<kSize> okm_;
};

}  // namespace core::sphinx
