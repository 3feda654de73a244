// The symmetric primitives: an AES-256-CTR keystream and HMAC-SHA256, each on an OpenSSL
// context fetched and set up once per thread and reused for every call.
#pragma once
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>

#include "core/sphinx/openssl_util.h"

namespace core::sphinx {

inline constexpr std::size_t kKeySize = 32;      // AES-256 and HMAC-SHA256 keys
inline constexpr std::size_t kHmacSize = 32;     // an untruncated HMAC-SHA256

// XORs `data` with the AES-256-CTR keystream of `key` (IV 0) from byte `offset` on; offset
// must be a multiple of 16 (the counter block starts at offset / 16, big-endian).
void aes256ctr_xor(const std::uint8_t* key, std::size_t offset, std::span<std::uint8_t> data);

using Message = std::initializer_list<std::span<const std::uint8_t>>;  // concatenated

// out (kHmacSize bytes) = HMAC-SHA256(key, message), on this thread's context.
void hmac_sha256(std::span<const std::uint8_t> key, Message message, std::uint8_t* out);

// HMAC-SHA256 under one fixed key, whose inner and outer pads are hashed once: each use
// only hashes the message. For one thread at a time.
class FixedKeyHmac {
 public:
  explicit FixedKeyHmac(std::span<const std::uint8_t> key);
  void compute(Message message, std::uint8_t* out);

 private:
  MacCtx context_;
};

}  // namespace core::sphinx
