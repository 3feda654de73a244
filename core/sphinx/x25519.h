// X25519 on the OpenSSL provider's own key objects (x25519_provider.h): the checks a node
// applies to a received group element, keys set in place from raw bytes, and the
// multiplication.
#pragma once
#include <cstdint>

namespace core::sphinx {

// True if the 32 bytes of `alpha`, read as a little-endian integer, are canonical (< p =
// 2^255 - 19, so the top bit is clear) and not the u-coordinate of a low-order point
// (0, 1, p - 1, and the two points of order 8).
bool acceptable_group_element(const std::uint8_t* alpha);

// An X25519 key object: a point (a public half), or a scalar with a public half. Setting it
// again overwrites the same object, and OpenSSL wipes its scalar when it is destroyed.
class Key {
 public:
  Key();
  Key(Key&& other) noexcept : object_(other.object_) { other.object_ = nullptr; }
  Key& operator=(Key&&) = delete;
  ~Key();

  // The point with u-coordinate `u`. Use it on a key that is only ever a point: setting a
  // point leaves a scalar set before in the object.
  void set_point(const std::uint8_t* u);
  // The scalar `scalar` and its public half `u`, both as given: no scalar multiplication.
  void set_pair(const std::uint8_t* scalar, const std::uint8_t* u);
  // The scalar alone. Its public half is a placeholder that x25519() never reads, given so
  // that OpenSSL skips deriving it.
  void set_scalar(const std::uint8_t* scalar);
  // The scalar and its public half X25519(scalar, 9), which OpenSSL computes with its
  // fixed-base method (a table of multiples of the base point), for a node's key pair. Read
  // it with public_half().
  void set_scalar_and_public(const std::uint8_t* scalar);
  // Writes the public half (32 bytes).
  void public_half(std::uint8_t* u) const;

 private:
  friend bool x25519(std::uint8_t* out, const Key& scalar, const Key& point);
  void import(const std::uint8_t* scalar, const std::uint8_t* u);

  void* object_;
};

// out (32 bytes) = X25519(the scalar of `scalar`, the public half of `point`), on a fresh
// exchange context: safe from several threads at once on shared keys. False if the result
// is all zeros (the point has low order), which OpenSSL refuses; `out` is then unspecified.
bool x25519(std::uint8_t* out, const Key& scalar, const Key& point);

}  // namespace core::sphinx
