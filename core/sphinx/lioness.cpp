// The four LIONESS rounds (see lioness.h) on AES-256-CTR and HMAC-SHA256.
#include "core/sphinx/lioness.h"

#include <array>

#include "core/sphinx/secret.h"
#include "core/sphinx/symmetric.h"

namespace core::sphinx {

namespace {

static_assert(kLionessLeft == kKeySize && kLionessLeft == kHmacSize);

// R ^= S(L ^ K).
void stream_round(const std::uint8_t* k, std::span<std::uint8_t> block) {
  Secret<kKeySize> key;
  for (std::size_t i = 0; i < kKeySize; ++i) key.data()[i] = block[i] ^ k[i];
  aes256ctr_xor(key.data(), 0, block.subspan(kLionessLeft));
}

// L ^= H(K, R).
void hash_round(const std::uint8_t* k, std::span<std::uint8_t> block) {
  std::array<std::uint8_t, kHmacSize> h;
  hmac_sha256({k, kKeySize}, {block.subspan(kLionessLeft)}, h.data());
  for (std::size_t i = 0; i < kLionessLeft; ++i) block[i] ^= h[i];
}

}  // namespace

void lioness_encrypt(const std::uint8_t* round_keys, std::span<std::uint8_t> block) {
  stream_round(round_keys, block);
  hash_round(round_keys + 32, block);
  stream_round(round_keys + 64, block);
  hash_round(round_keys + 96, block);
}

void lioness_decrypt(const std::uint8_t* round_keys, std::span<std::uint8_t> block) {
  hash_round(round_keys + 96, block);
  stream_round(round_keys + 64, block);
  hash_round(round_keys + 32, block);
  stream_round(round_keys, block);
}

}  // namespace core::sphinx
