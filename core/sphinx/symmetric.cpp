// AES-256-CTR and HMAC-SHA256 on OpenSSL contexts set up once (per thread, or per fixed
// key) and rekeyed or restarted for each call.
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

MacCtx new_hmac_sha256() {
  Mac mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  MacCtx context(mac ? EVP_MAC_CTX_new(mac.get()) : nullptr);
  char digest[] = "SHA256";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_construct_end()};
  require(context != nullptr && EVP_MAC_CTX_set_params(context.get(), params) == 1, "HMAC-SHA256 setup");
  return context;
}

// (Re)starts `context` under `key`, or under its previous key if `key` is empty, and MACs.
void mac(EVP_MAC_CTX* context, std::span<const std::uint8_t> key, Message message, std::uint8_t* out) {
  bool ok = EVP_MAC_init(context, key.empty() ? nullptr : key.data(), key.size(), nullptr) == 1;
  for (std::span<const std::uint8_t> part : message) ok = ok && EVP_MAC_update(context, part.data(), part.size()) == 1;
  std::size_t length = 0;
  require(ok && EVP_MAC_final(context, out, &length, kHmacSize) == 1 && length == kHmacSize, "HMAC-SHA256");
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

void hmac_sha256(std::span<const std::uint8_t> key, Message message, std::uint8_t* out) {
  thread_local const MacCtx context = new_hmac_sha256();
  mac(context.get(), key, message, out);
}

FixedKeyHmac::FixedKeyHmac(std::span<const std::uint8_t> key) : context_(new_hmac_sha256()) {
  require(!key.empty() && EVP_MAC_init(context_.get(), key.data(), key.size(), nullptr) == 1, "HMAC-SHA256 key");
}

void FixedKeyHmac::compute(Message message, std::uint8_t* out) { mac(context_.get(), {}, message, out); }

}  // namespace core::sphinx
