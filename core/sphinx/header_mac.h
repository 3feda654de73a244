// gamma, the header MAC: HMAC-SHA256(mu, alpha || beta) truncated to its first kMacSize bytes.
#pragma once
#include <array>
#include <cstdint>
#include <cstring>
#include <span>

#include "core/sphinx/geometry.h"
#include "core/sphinx/symmetric.h"

namespace core::sphinx {

inline void header_mac(const std::uint8_t* mu, std::span<const std::uint8_t> alpha, std::span<const std::uint8_t> beta,
                       std::uint8_t* gamma) {
  std::array<std::uint8_t, kHmacSize> full;
  hmac_sha256({mu, kKeySize}, {alpha, beta}, full.data());
  std::memcpy(gamma, full.data(), kMacSize);
}

}  // namespace core::sphinx
