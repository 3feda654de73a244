// X25519 through the provider's key-management and key-exchange functions, called directly.
#include "core/sphinx/x25519.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/params.h>

#include <array>

#include "core/sphinx/geometry.h"
#include "core/sphinx/openssl_util.h"
#include "core/sphinx/x25519_provider.h"

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

constexpr U kPlaceholder = {};  // the public half of set_scalar

// p = 2^255 - 19 is 0xed, 0xff x 30, 0x7f little-endian: alpha >= p iff its top byte is
// 0x7f (with the top bit clear), the 30 bytes below are 0xff and the lowest is >= 0xed.
bool canonical(const std::uint8_t* alpha) {
  if (alpha[31] & 0x80) return false;
  if (alpha[31] != 0x7f || alpha[0] < 0xed) return true;
  for (int i = 1; i < 31; ++i)
    if (alpha[i] != 0xff) return true;
  return false;
}

OSSL_PARAM octets(const char* name, const std::uint8_t* bytes) {
  return OSSL_PARAM_construct_octet_string(name, const_cast<std::uint8_t*>(bytes), kGroupElementSize);
}

}  // namespace

bool acceptable_group_element(const std::uint8_t* alpha) {
  if (!canonical(alpha)) return false;
  for (const U& low : kLowOrder)
    if (CRYPTO_memcmp(alpha, low.data(), low.size()) == 0) return false;
  return true;
}

Key::Key() {
  const X25519Provider& f = x25519_provider();
  object_ = f.new_key(f.context);
  require(object_ != nullptr, "X25519 key");
}

Key::~Key() {
  if (object_ != nullptr) x25519_provider().free_key(object_);
}

// Without `u`, OpenSSL derives the public half from the scalar.
void Key::import(const std::uint8_t* scalar, const std::uint8_t* u) {
  OSSL_PARAM params[3];
  std::size_t n = 0;
  if (scalar != nullptr) params[n++] = octets(OSSL_PKEY_PARAM_PRIV_KEY, scalar);
  if (u != nullptr) params[n++] = octets(OSSL_PKEY_PARAM_PUB_KEY, u);
  params[n] = OSSL_PARAM_construct_end();
  const int selection = scalar != nullptr ? OSSL_KEYMGMT_SELECT_KEYPAIR : OSSL_KEYMGMT_SELECT_PUBLIC_KEY;
  require(x25519_provider().import_key(object_, selection, params) == 1, "X25519 key import");
}

void Key::set_point(const std::uint8_t* u) { import(nullptr, u); }

void Key::set_pair(const std::uint8_t* scalar, const std::uint8_t* u) { import(scalar, u); }

void Key::set_scalar(const std::uint8_t* scalar) { import(scalar, kPlaceholder.data()); }

void Key::set_scalar_and_public(const std::uint8_t* scalar) { import(scalar, nullptr); }

void Key::public_half(std::uint8_t* u) const {
  OSSL_PARAM params[] = {OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, u, kGroupElementSize), OSSL_PARAM_construct_end()};
  require(x25519_provider().get_key_params(object_, params) == 1 && params[0].return_size == kGroupElementSize,
          "X25519 public half");
}

bool x25519(std::uint8_t* out, const Key& scalar, const Key& point) {
  const X25519Provider& f = x25519_provider();
  void* exchange = f.new_exchange(f.context);
  const bool ready = exchange != nullptr && f.init_exchange(exchange, scalar.object_, nullptr) == 1 &&
                     f.set_peer(exchange, point.object_) == 1;
  std::size_t length = 0;
  const bool ok = ready && f.derive(exchange, out, &length, kGroupElementSize) == 1 && length == kGroupElementSize;
  if (exchange != nullptr) f.free_exchange(exchange);
  require(ready, "X25519 setup");
  return ok;
}

}  // namespace core::sphinx
