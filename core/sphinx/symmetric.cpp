// AES-256-CTR and HMAC-SHA256 on per-thread OpenSSL contexts (the algorithm is fetched once
// per thread; each call only rekeys the context).
#include "core/sphinx/symmetric.h"

#include <openssl/core_names.h>
#include <openssl/params.h>

#include <array>
#include <climits>

#include "core/sphinx/openssl_util.h"

namespace core::sphinx {

namespace {

EVP_CIPHER_CTX* aes256ctr_context() {
  thread_local const CipherCtx context = [] {
    Cipher cipher(EVP_CIPHER_fetch(nullptr, "AES-256-CTR", nullptr));
    CipherCtx c(EVP_CIPHER_CTX_new());
    require(cipher != nullptr && c != nullptr && EVP_EncryptInit_ex2(c.get(), cipher.get(), nullptr, nullptr, nullptr) == 1,
            "AES-256-CTR setup");
    return c;
  }();
  return context.get();
}

EVP_MAC_CTX* hmac_sha256_context() {
  thread_local const MacCtx context = [] {
    Mac mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
    MacCtx c(mac ? EVP_MAC_CTX_new(mac.get()) : nullptr);
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_construct_end()};
    require(c != nullptr && EVP_MAC_CTX_set_params(c.get(), params) == 1, "HMAC-SHA256 setup");
    return c;
  }();
  return context.get();
}

}  // namespace

void aes256ctr_xor(const std::uint8_t* key, std::size_t offset, std::span<std::uint8_t> data) {
  std::array<std::uint8_t, 16> iv{};  // the first counter block, a 128-bit big-endian integer
  const std::uint64_t block = offset / 16;
  for (std::size_t i = 0; i < 8; ++i) iv[15 - i] = static_cast<std::uint8_t>(block >> (8 * i));
  EVP_CIPHER_CTX* context = aes256ctr_context();
  int written = 0;
  require(data.size() <= INT_MAX && EVP_EncryptInit_ex2(context, nullptr, key, iv.data(), nullptr) == 1 &&
              EVP_EncryptUpdate(context, data.data(), &written, data.data(), static_cast<int>(data.size())) == 1,
          "AES-256-CTR");
}

void hmac_sha256(std::span<const std::uint8_t> key, std::initializer_list<std::span<const std::uint8_t>> message,
                 std::uint8_t* out) {
  EVP_MAC_CTX* context = hmac_sha256_context();
  bool ok = EVP_MAC_init(context, key.data(), key.size(), nullptr) == 1;
  for (std::span<const std::uint8_t> part : message) ok = ok && EVP_MAC_update(context, part.data(), part.size()) == 1;
  std::size_t length = 0;
  require(ok && EVP_MAC_final(context, out, &length, kHmacSize) == 1 && length == kHmacSize, "HMAC-SHA256");
}

}  // namespace core::sphinx
