// LIONESS (Anderson and Biham 1996), the wide-block cipher on the payload: the block is split
// into L (32 bytes) and R (the rest) and goes through four rounds,
//   R ^= S(L ^ K1);  L ^= H(K2, R);  R ^= S(L ^ K3);  L ^= H(K4, R)
// with S the AES-256-CTR keystream (IV 0) and H HMAC-SHA256. Decryption runs them backwards.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>

namespace core::sphinx {

inline constexpr std::size_t kLionessLeft = 32;               // |L|: an AES-256 key, an HMAC-SHA256
inline constexpr std::size_t kLionessKeySize = 4 * 32;        // K1 | K2 | K3 | K4
inline constexpr std::size_t kLionessMinBlock = 2 * kLionessLeft;  // |R| >= |L|

// `round_keys` holds kLionessKeySize bytes; `block` at least kLionessMinBlock.
void lioness_encrypt(const std::uint8_t* round_keys, std::span<std::uint8_t> block);
void lioness_decrypt(const std::uint8_t* round_keys, std::span<std::uint8_t> block);

}  // namespace core::sphinx
