// The sender's combined blinding scalar. Hop i's alpha and shared secret are X25519 of the
// base point and of the hop's public key under the scalars x, b_0, ..., b_{i-1} in turn. As
// X25519 clamps every scalar, and clamped scalars are multiples of 8, that chain equals one
// multiplication by c_i = clamp(x) clamp(b_0) ... clamp(b_{i-1}) modulo the group order l,
// up to sign, which X25519's u-coordinate cannot see. So each costs one multiplication.
//
// The sender keeps u_i = c_i / 8 mod l (32 bytes, little-endian), from which the clamped
// scalar t_i = 8 u'_i (u'_i = +-u_i) follows without a division.
#pragma once
#include <array>
#include <cstdint>

namespace core::sphinx {

// 1/8 mod l, the u of the empty product.
inline constexpr std::array<std::uint8_t, 32> kOneEighth = {
    0x79, 0x2f, 0xdc, 0xe2, 0x29, 0xe5, 0x06, 0x61, 0xd0, 0xda, 0x1c, 0x7d, 0xb3, 0x9d, 0xd3, 0x07,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06};

// u = u * clamp(k) mod l, in place.
void multiply_clamped(std::uint8_t* u, const std::uint8_t* k);

// Writes the clamped scalar t = 8 u' (2^251 <= u' < 2^252, so clamping leaves t unchanged)
// with u' = u or u' = l - u, so that X25519(t, P) is the u-coordinate of [8u]P = [c]P.
// Returns false if neither sign gives one (for a random u, probability about 2^-126).
bool clamped_representative(const std::uint8_t* u, std::uint8_t* t);

}  // namespace core::sphinx
