// Owning pointers for the OpenSSL objects this folder uses, and the check that turns an
// OpenSSL failure no input can cause (allocation, a missing algorithm) into an exception.
#pragma once
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace core::sphinx {

template <auto Free>
struct OpenSslFree {
  template <class T>
  void operator()(T* object) const { Free(object); }
};

using Keyexch = std::unique_ptr<EVP_KEYEXCH, OpenSslFree<EVP_KEYEXCH_free>>;
using Cipher = std::unique_ptr<EVP_CIPHER, OpenSslFree<EVP_CIPHER_free>>;
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, OpenSslFree<EVP_CIPHER_CTX_free>>;
using Mac = std::unique_ptr<EVP_MAC, OpenSslFree<EVP_MAC_free>>;
using MacCtx = std::unique_ptr<EVP_MAC_CTX, OpenSslFree<EVP_MAC_CTX_free>>;
using Kdf = std::unique_ptr<EVP_KDF, OpenSslFree<EVP_KDF_free>>;
using KdfCtx = std::unique_ptr<EVP_KDF_CTX, OpenSslFree<EVP_KDF_CTX_free>>;
using BnCtx = std::unique_ptr<BN_CTX, OpenSslFree<BN_CTX_free>>;
using Bn = std::unique_ptr<BIGNUM, OpenSslFree<BN_clear_free>>;

// Throws std::runtime_error naming `what` and OpenSSL's first queued error unless `ok`.
inline void require(bool ok, const char* what) {
  if (ok) return;
  const unsigned long code = ERR_get_error();
  const char* reason = code != 0 ? ERR_reason_error_string(code) : nullptr;
  ERR_clear_error();
  throw std::runtime_error(std::string("sphinx: ") + what + " failed" + (reason ? std::string(": ") + reason : ""));
}

}  // namespace core::sphinx
