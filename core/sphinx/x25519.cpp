// X25519 through OpenSSL EVP, with one key-import context per thread.
#include "core/sphinx/x25519.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/params.h>

#include <array>

#include "core/sphinx/geometry.h"

namespace core::sphinx {

namespace {

using U = std::array<std::uint8_t, kGroupElementSize>;

// Little-endian u-coordinates (all canonical, < p) of the points of order 1, 2, 4 or 8 on
// the curve or its twist: X25519 maps each of them to 0 for every clamped scalar.
constexpr std::array<U, 5> kLowOrder = {{
    {0},                                                                        // 0
    {1},                                                                        // 1
    {0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},  // p - 1
    {0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f, 0xc4, 0x6a,
     0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16, 0x5f, 0x49, 0xb8, 0x00},  // order 8
    {0x5f, 0x9c, 0x95, 0xbc, 0xa3, 0x50, 0x8c, 0x24, 0xb1, 0xd0, 0xb1, 0x55, 0x9c, 0x83, 0xef, 0x5b,
     0x04, 0x44, 0x5c, 0xc4, 0x58, 0x1c, 0x8e, 0x86, 0xd8, 0x22, 0x4e, 0xdd, 0xd0, 0x9f, 0x11, 0x57},  // order 8
}};

constexpr U kBasePoint = {9};
constexpr U kPlaceholder = {};  // the public half of Scalar(scalar)

// p = 2^255 - 19 is 0xed, 0xff x 30, 0x7f little-endian: alpha >= p iff its top byte is
// 0x7f (with the top bit clear), the 30 bytes below are 0xff and the lowest is >= 0xed.
bool canonical(const std::uint8_t* alpha) {
  if (alpha[31] & 0x80) return false;
  if (alpha[31] != 0x7f || alpha[0] < 0xed) return true;
  for (int i = 1; i < 31; ++i)
    if (alpha[i] != 0xff) return true;
  return false;
}

// This thread's X25519 key-import context.
EVP_PKEY_CTX* import_context() {
  thread_local const PkeyCtx context = [] {
    PkeyCtx c(EVP_PKEY_CTX_new_from_name(nullptr, "X25519", nullptr));
    require(c != nullptr && EVP_PKEY_fromdata_init(c.get()) == 1, "X25519 key import setup");
    return c;
  }();
  return context.get();
}

Pkey import(const std::uint8_t* scalar, const std::uint8_t* u) {
  OSSL_PARAM params[3];
  std::size_t n = 0;
  if (scalar != nullptr)
    params[n++] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PRIV_KEY, const_cast<std::uint8_t*>(scalar), kGroupElementSize);
  params[n++] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, const_cast<std::uint8_t*>(u), kGroupElementSize);
  params[n] = OSSL_PARAM_construct_end();
  EVP_PKEY* key = nullptr;
  require(EVP_PKEY_fromdata(import_context(), &key, scalar ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params) == 1,
          "X25519 key import");
  return Pkey(key);
}

PkeyCtx derive_context(EVP_PKEY* key) {
  PkeyCtx context(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  require(context != nullptr && EVP_PKEY_derive_init(context.get()) == 1, "X25519 setup");
  return context;
}

bool derive(EVP_PKEY_CTX* context, std::uint8_t* out, EVP_PKEY* point) {
  require(context != nullptr && EVP_PKEY_derive_set_peer_ex(context, point, /*validate_peer=*/0) == 1, "X25519 peer");
  std::size_t length = kGroupElementSize;
  return EVP_PKEY_derive(context, out, &length) == 1 && length == kGroupElementSize;
}

}  // namespace

bool acceptable_group_element(const std::uint8_t* alpha) {
  if (!canonical(alpha)) return false;
  for (const U& low : kLowOrder)
    if (CRYPTO_memcmp(alpha, low.data(), low.size()) == 0) return false;
  return true;
}

Pkey point_key(const std::uint8_t* u) { return import(nullptr, u); }

EVP_PKEY* thread_point(const std::uint8_t* u) {
  thread_local const Pkey point = point_key(kBasePoint.data());
  require(EVP_PKEY_set1_encoded_public_key(point.get(), u, kGroupElementSize) == 1, "X25519 point");
  return point.get();
}

EVP_PKEY* base_point() {
  thread_local const Pkey base = point_key(kBasePoint.data());
  return base.get();
}

Scalar::Scalar(const std::uint8_t* scalar, const std::uint8_t* u) : key_(import(scalar, u)), derive_(derive_context(key_.get())) {}

Scalar::Scalar(const std::uint8_t* scalar) : Scalar(scalar, kPlaceholder.data()) {}

bool Scalar::multiply(std::uint8_t* out, EVP_PKEY* point) const {
  return derive(PkeyCtx(EVP_PKEY_CTX_dup(derive_.get())).get(), out, point);
}

bool Scalar::multiply_once(std::uint8_t* out, EVP_PKEY* point) && { return derive(derive_.get(), out, point); }

}  // namespace core::sphinx
