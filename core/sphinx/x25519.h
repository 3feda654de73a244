// X25519 through OpenSSL EVP: the checks a node applies to a received group element, point
// keys built from raw bytes, and scalars whose derive context is set up once and copied
// for each multiplication.
#pragma once
#include <cstdint>

#include "core/sphinx/openssl_util.h"

namespace core::sphinx {

// True if the 32 bytes of `alpha`, read as a little-endian integer, are canonical (< p =
// 2^255 - 19, so the top bit is clear) and not the u-coordinate of a low-order point
// (0, 1, p - 1, and the two points of order 8).
bool acceptable_group_element(const std::uint8_t* alpha);

// The point with u-coordinate `u` (32 bytes), as a key of its own.
Pkey point_key(const std::uint8_t* u);
// This thread's reusable point key, set to `u`: no allocation. Valid until this thread's
// next call.
EVP_PKEY* thread_point(const std::uint8_t* u);
// The base point, u = 9 (this thread's copy).
EVP_PKEY* base_point();

// A scalar for X25519: an OpenSSL key and a derive context initialised once. multiply()
// copies that context (cheap, and safe from several threads at once), so a node's scalar
// is set up once for all its packets.
class Scalar {
 public:
  // From both halves of a key pair as given: no scalar multiplication.
  Scalar(const std::uint8_t* scalar, const std::uint8_t* u);
  // From the scalar alone. Its public half is a placeholder that X25519 never reads, given
  // so that OpenSSL skips deriving it (a scalar multiplication).
  explicit Scalar(const std::uint8_t* scalar);

  // out (32 bytes) = X25519(scalar, point). False if the result is all zeros (the point has
  // low order), which OpenSSL refuses; `out` is then unspecified.
  bool multiply(std::uint8_t* out, EVP_PKEY* point) const;
  // The same for a scalar used once: multiplies on the context itself, without a copy.
  bool multiply_once(std::uint8_t* out, EVP_PKEY* point) &&;
  // The key, whose public half (when given) serves as a point.
  EVP_PKEY* key() const { return key_.get(); }

 private:
  Pkey key_;
  PkeyCtx derive_;
};

}  // namespace core::sphinx
