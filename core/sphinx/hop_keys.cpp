// HKDF-SHA256 (RFC 5869) of a hop's shared secret: the extract step is one HMAC under the
// salt (keyed once per thread), the expand step one call to OpenSSL's HKDF in expand-only
// mode on a per-thread context whose digest and info are set once.
#include "core/sphinx/hop_keys.h"

#include <openssl/core_names.h>
#include <openssl/params.h>

#include "core/bytes.h"
#include "core/sphinx/openssl_util.h"
#include "core/sphinx/symmetric.h"

namespace core::sphinx {

namespace {

constexpr char kSalt[] = "loopix-sphinx-v1";           // 16 bytes (the terminator is not used)
constexpr char kInfo[] = "hop keys: rho mu pi b tag";  // 25 bytes (the terminator is not used)

EVP_KDF_CTX* hkdf_expand_context() {
  thread_local const KdfCtx context = [] {
    Kdf kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr));
    KdfCtx c(kdf ? EVP_KDF_CTX_new(kdf.get()) : nullptr);
    char digest[] = "SHA256";
    int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
                                 OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode),
                                 OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, const_cast<char*>(kInfo), sizeof kInfo - 1),
                                 OSSL_PARAM_construct_end()};
    require(c != nullptr && EVP_KDF_CTX_set_params(c.get(), params) == 1, "HKDF-SHA256 setup");
    return c;
  }();
  return context.get();
}

}  // namespace

void HopKeys::derive(const std::uint8_t* s) {
  thread_local FixedKeyHmac extract({reinterpret_cast<const std::uint8_t*>(kSalt), sizeof kSalt - 1});
  Secret<kHmacSize> prk;  // HKDF-Extract(salt, s) = HMAC-SHA256(salt, s)
  extract.compute({{s, kSharedSecretSize}}, prk.data());
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, prk.data(), prk.size()),
                               OSSL_PARAM_construct_end()};
  require(EVP_KDF_derive(hkdf_expand_context(), okm_.data(), kSize, params) == 1, "HKDF-SHA256");
}

std::uint64_t HopKeys::replay_tag() const { return load_le<std::uint64_t>(okm_.data() + kTag); }

}  // namespace core::sphinx
