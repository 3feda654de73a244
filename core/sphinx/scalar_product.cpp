// Arithmetic modulo the group order l = 2^252 + 27742317777372353535851937790883648493 with
// OpenSSL BN, on per-thread constants and scratch numbers.
#include "core/sphinx/scalar_product.h"

#include "core/sphinx/geometry.h"
#include "core/sphinx/openssl_util.h"
#include "core/sphinx/secret.h"

namespace core::sphinx {

namespace {

struct Modulus {
  BnCtx context{BN_CTX_new()};
  Bn l{BN_new()}, low{BN_new()}, high{BN_new()};  // l, 2^251, 2^252
  Bn a{BN_secure_new()}, b{BN_secure_new()};       // scratch

  Modulus() {
    BIGNUM* parsed = l.get();
    require(context && l && low && high && a && b &&
                BN_hex2bn(&parsed, "1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3ed") != 0 &&
                BN_set_word(low.get(), 1) == 1 && BN_lshift(low.get(), low.get(), 251) == 1 &&
                BN_lshift(high.get(), low.get(), 1) == 1,
            "group order setup");
  }
};

Modulus& modulus() {
  thread_local Modulus m;
  return m;
}

}  // namespace

void multiply_clamped(std::uint8_t* u, const std::uint8_t* k) {
  Modulus& m = modulus();
  Secret<kGroupElementSize> clamped;
  for (std::size_t i = 0; i < kGroupElementSize; ++i) clamped.data()[i] = k[i];
  clamped.data()[0] &= 248;
  clamped.data()[31] = static_cast<std::uint8_t>((clamped.data()[31] & 127) | 64);
  const bool ok = BN_lebin2bn(u, kGroupElementSize, m.a.get()) && BN_lebin2bn(clamped.data(), kGroupElementSize, m.b.get()) &&
                  BN_mod_mul(m.a.get(), m.a.get(), m.b.get(), m.l.get(), m.context.get()) == 1 &&
                  BN_bn2lebinpad(m.a.get(), u, kGroupElementSize) == kGroupElementSize;
  BN_clear(m.a.get());
  BN_clear(m.b.get());
  require(ok, "scalar multiplication mod l");
}

bool clamped_representative(const std::uint8_t* u, std::uint8_t* t) {
  Modulus& m = modulus();
  BIGNUM* v = m.a.get();  // u, or l - u when u is outside [2^251, 2^252)
  bool ok = BN_lebin2bn(u, kGroupElementSize, v) != nullptr;
  if (ok && (BN_cmp(v, m.low.get()) < 0 || BN_cmp(v, m.high.get()) >= 0)) ok = BN_sub(v, m.l.get(), v) == 1;
  const bool representable = ok && BN_cmp(v, m.low.get()) >= 0 && BN_cmp(v, m.high.get()) < 0;
  if (representable) ok = BN_lshift(v, v, 3) == 1 && BN_bn2lebinpad(v, t, kGroupElementSize) == kGroupElementSize;
  BN_clear(v);
  require(ok, "clamped representative");
  return representable;
}

}  // namespace core::sphinx
