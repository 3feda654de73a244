#include "core/digest.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace core {

std::array<std::uint8_t, 32> sha256(std::string_view bytes) {
  std::array<std::uint8_t, 32> digest{};
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 || size != digest.size())
    throw std::runtime_error("SHA-256 failed in OpenSSL");
  return digest;
}

std::string sha256_hex(std::string_view bytes, std::size_t digest_bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto digest = sha256(bytes);
  std::string hex;
  for (std::size_t i = 0; i < digest_bytes && i < digest.size(); ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

}  // namespace core
