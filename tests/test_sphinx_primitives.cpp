// Sphinx building blocks against fixed vectors and their specification: X25519 (RFC 7748;
// keys set in place, the fixed-base public half), the group-element checks, HKDF key
// splitting, AES-256-CTR offsets, LIONESS, the combined blinding scalar, and node key
// derivation.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/sphinx/hop_keys.h"
#include "core/sphinx/lioness.h"
#include "core/sphinx/node_keys.h"
#include "core/sphinx/scalar_product.h"
#include "core/sphinx/symmetric.h"
#include "core/sphinx/x25519.h"
#include "support/network_fixture.h"

using namespace core::sphinx;
using Bytes32 = std::array<std::uint8_t, 32>;

namespace {

Bytes32 from_hex(const std::string& hex) {
  Bytes32 out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<std::uint8_t>(std::stoul(hex.substr(2 * i, 2), nullptr, 16));
  return out;
}

Bytes32 random32(sim::RandomStream& rng) {
  Bytes32 out;
  rng.fill(out);
  return out;
}

Key point(const Bytes32& u) {
  Key key;
  key.set_point(u.data());
  return key;
}

Key scalar(const Bytes32& k) {
  Key key;
  key.set_scalar(k.data());
  return key;
}

const Bytes32 kBase = {9};

Bytes32 x25519_of(const Key& scalar, const Key& point) {
  Bytes32 out{};
  REQUIRE(x25519(out.data(), scalar, point));
  return out;
}

Bytes32 public_half(const Key& key) {
  Bytes32 u{};
  key.public_half(u.data());
  return u;
}

}  // namespace

TEST_CASE("sphinx: X25519 matches RFC 7748 (section 5.2 and the section 6.1 exchange) with every kind of key", "[sphinx]") {
  const Bytes32 k = from_hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
  const Bytes32 u = from_hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
  const Bytes32 k_times_u = from_hex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
  CHECK(x25519_of(scalar(k), point(u)) == k_times_u);

  const Bytes32 alice = from_hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  const Bytes32 alice_public = from_hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
  const Bytes32 bob = from_hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
  const Bytes32 bob_public = from_hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
  const Bytes32 shared = from_hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
  CHECK(x25519_of(scalar(alice), point(kBase)) == alice_public);
  Key alice_pair;
  alice_pair.set_pair(alice.data(), alice_public.data());
  CHECK(x25519_of(alice_pair, point(bob_public)) == shared);
  CHECK(x25519_of(scalar(bob), alice_pair) == shared);  // a pair's public half serves as a point
  Key bob_fixed_base;
  bob_fixed_base.set_scalar_and_public(bob.data());
  CHECK(public_half(bob_fixed_base) == bob_public);
  CHECK(x25519_of(bob_fixed_base, point(alice_public)) == shared);

  // One object set again and again, as the per-packet keys are: each setting replaces the last.
  Key s, p;
  for (int round = 0; round < 2; ++round) {
    s.set_scalar(k.data());
    p.set_point(u.data());
    CHECK(x25519_of(s, p) == k_times_u);
    s.set_scalar(alice.data());
    p.set_point(bob_public.data());
    CHECK(x25519_of(s, p) == shared);
    s.set_scalar_and_public(bob.data());
    CHECK(public_half(s) == bob_public);
    p.set_point(alice_public.data());
    CHECK(x25519_of(s, p) == shared);
  }
}

TEST_CASE("sphinx: the fixed-base public half equals the ladder on the base point", "[sphinx]") {
  sim::RandomStream rng = sim::RandomStream::derive(19, 20, 21);
  Key fixed_base;
  for (int trial = 0; trial < 50; ++trial) {
    const Bytes32 k = random32(rng);  // unclamped: both must clamp it the same way
    fixed_base.set_scalar_and_public(k.data());
    CHECK(public_half(fixed_base) == x25519_of(scalar(k), point(kBase)));
  }
}

TEST_CASE("sphinx: group elements that are non-canonical or of low order are refused", "[sphinx]") {
  const Bytes32 p = from_hex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
  Bytes32 p_minus_1 = p, p_plus_1 = p, top = p, all_ones{};
  p_minus_1[0] = 0xec;
  p_plus_1[0] = 0xee;
  top.fill(0xff);
  top[31] = 0x7f;  // 2^255 - 1, the largest value with the top bit clear
  all_ones.fill(0xff);
  const Bytes32 order8a = from_hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
  const Bytes32 order8b = from_hex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157");
  const Bytes32 low_order[] = {Bytes32{0}, Bytes32{1}, p_minus_1, order8a, order8b};
  const Bytes32 non_canonical[] = {p, p_plus_1, top, all_ones};

  sim::RandomStream rng = sim::RandomStream::derive(1, 2, 3);
  const Key k = scalar(random32(rng));
  for (const Bytes32& u : low_order) {
    CHECK_FALSE(acceptable_group_element(u.data()));
    Bytes32 out{};
    CHECK_FALSE(x25519(out.data(), k, point(u)));  // X25519 maps it to 0
  }
  for (const Bytes32& u : non_canonical) CHECK_FALSE(acceptable_group_element(u.data()));

  Bytes32 p_minus_2 = p;
  p_minus_2[0] = 0xeb;
  CHECK(acceptable_group_element(p_minus_2.data()));  // the largest canonical value
  Bytes32 good = x25519_of(k, point(kBase));
  CHECK(acceptable_group_element(good.data()));
  good[31] |= 0x80;
  CHECK_FALSE(acceptable_group_element(good.data()));
}

TEST_CASE("sphinx: hop keys are HKDF-SHA256(salt, s, info) split as README.md states", "[sphinx]") {
  const std::string salt = "loopix-sphinx-v1", info = "hop keys: rho mu pi b tag";
  sim::RandomStream rng = sim::RandomStream::derive(4, 5, 6);
  const Bytes32 s = random32(rng);

  // RFC 5869 by hand: PRK = HMAC(salt, s); T(i) = HMAC(PRK, T(i-1) || info || i).
  unsigned char prk[32];
  unsigned int length = 0;
  HMAC(EVP_sha256(), salt.data(), static_cast<int>(salt.size()), s.data(), s.size(), prk, &length);
  std::vector<std::uint8_t> okm, t;
  for (std::uint8_t i = 1; okm.size() < HopKeys::kSize; ++i) {
    std::vector<std::uint8_t> block = t;
    block.insert(block.end(), info.begin(), info.end());
    block.push_back(i);
    t.resize(32);
    HMAC(EVP_sha256(), prk, 32, block.data(), block.size(), t.data(), &length);
    okm.insert(okm.end(), t.begin(), t.end());
  }

  HopKeys keys;
  keys.derive(s.data());
  CHECK(std::memcmp(keys.rho(), okm.data() + 0, 32) == 0);
  CHECK(std::memcmp(keys.mu(), okm.data() + 32, 32) == 0);
  CHECK(std::memcmp(keys.pi(), okm.data() + 64, 128) == 0);
  CHECK(std::memcmp(keys.b(), okm.data() + 192, 32) == 0);
  CHECK(keys.replay_tag() == core::load_le<std::uint64_t>(okm.data() + 224));
}

TEST_CASE("sphinx: the AES-256-CTR keystream can start at any 16-byte offset", "[sphinx]") {
  sim::RandomStream rng = sim::RandomStream::derive(7, 8, 9);
  const Bytes32 key = random32(rng);
  std::vector<std::uint8_t> whole(16 * 300, 0);
  aes256ctr_xor(key.data(), 0, whole);
  for (std::size_t offset : {16u, 32u, 160u, 4096u}) {
    std::vector<std::uint8_t> part(whole.size() - offset, 0);
    aes256ctr_xor(key.data(), offset, part);
    CHECK(std::equal(part.begin(), part.end(), whole.begin() + static_cast<std::ptrdiff_t>(offset)));
  }
  CHECK(std::count(whole.begin(), whole.end(), 0) < 40);  // a keystream, not zeros
}

TEST_CASE("sphinx: LIONESS decrypts what it encrypts, and a changed bit garbles the whole block", "[sphinx]") {
  sim::RandomStream rng = sim::RandomStream::derive(10, 11, 12);
  std::array<std::uint8_t, kLionessKeySize> round_keys;
  rng.fill(round_keys);
  for (std::size_t size : {kLionessMinBlock, std::size_t{100}, std::size_t{1024}}) {
    std::vector<std::uint8_t> plain(size);
    rng.fill(plain);
    std::vector<std::uint8_t> block = plain;
    lioness_encrypt(round_keys.data(), block);
    CHECK(block != plain);
    std::vector<std::uint8_t> tampered = block;
    lioness_decrypt(round_keys.data(), block);
    CHECK(block == plain);

    tampered[size - 1] ^= 0x01;  // the last bit of R
    lioness_decrypt(round_keys.data(), tampered);
    CHECK(std::memcmp(tampered.data(), plain.data(), 16) != 0);           // the zero prefix's place
    CHECK(std::memcmp(tampered.data() + 32, plain.data() + 32, 16) != 0);  // and R
  }
}

TEST_CASE("sphinx: one multiplication by the combined scalar equals the chain of blindings", "[sphinx]") {
  sim::RandomStream rng = sim::RandomStream::derive(13, 14, 15);
  for (int trial = 0; trial < 20; ++trial) {
    const Bytes32 y = random32(rng);
    for (const Bytes32& start : {x25519_of(scalar(y), point(kBase)), kBase}) {
      Bytes32 u = kOneEighth, chained = start;
      for (int i = 0; i < 5; ++i) {
        const Bytes32 k = random32(rng);  // x, then b_0, b_1, ...
        multiply_clamped(u.data(), k.data());
        chained = x25519_of(scalar(k), point(chained));
        Bytes32 t{};
        REQUIRE(clamped_representative(u.data(), t.data()));
        CHECK((t[0] & 7) == 0);
        CHECK((t[31] & 0xc0) == 0x40);  // clamped: a multiple of 8 in [2^254, 2^255)
        CHECK(x25519_of(scalar(t), point(start)) == chained);
      }
    }
  }
}

TEST_CASE("sphinx: the clamped representative at the edges of its range", "[sphinx]") {
  struct Case {
    const char* u;
    const char* t;  // nullptr: no representative
  };
  const Case cases[] = {
      {"0100000000000000000000000000000000000000000000000000000000000000", nullptr},  // u = 1
      {"ecd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010", nullptr},  // u = l - 1
      {"0000000000000000000000000000000000000000000000000000000000000008",
       "0000000000000000000000000000000000000000000000000000000000000040"},  // u = 2^251
      {"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0f",
       "f8ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"},  // u = 2^252 - 1
      {"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff07",
       "709faee7d21893c0b2e6bc17f5cef7a600000000000000000000000000000040"},  // u = 2^251 - 1: l - u
  };
  for (const Case& k : cases) {
    const Bytes32 u = from_hex(k.u);
    Bytes32 t{};
    CHECK(clamped_representative(u.data(), t.data()) == (k.t != nullptr));
    if (k.t) CHECK(t == from_hex(k.t));
  }
  // A single clamped scalar is its own representative: u = clamp(k) / 8 is already in range.
  sim::RandomStream rng = sim::RandomStream::derive(16, 17, 18);
  for (int trial = 0; trial < 10; ++trial) {
    Bytes32 k = random32(rng), u = kOneEighth, t{};
    multiply_clamped(u.data(), k.data());
    REQUIRE(clamped_representative(u.data(), t.data()));
    k[0] &= 248;
    k[31] = static_cast<std::uint8_t>((k[31] & 127) | 64);
    CHECK(t == k);
  }
}

TEST_CASE("sphinx: node keys are derived from (seed, entity), the public half once", "[sphinx]") {
  const NodeKeyPair a = derive_node_key(42, 7);
  CHECK(derive_node_key(42, 7).secret == a.secret);
  CHECK(derive_node_key(43, 7).secret != a.secret);
  CHECK(derive_node_key(42, 8).secret != a.secret);

  EVP_PKEY* openssl = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, a.secret.data(), a.secret.size());
  Bytes32 expected{};
  std::size_t length = expected.size();
  REQUIRE(EVP_PKEY_get_raw_public_key(openssl, expected.data(), &length) == 1);
  EVP_PKEY_free(openssl);
  CHECK(a.public_key == expected);

  const core::Scenario scenario = test_support::small_scenario();
  const core::Topology topology(scenario);
  const std::vector<NodeKeyPair> keys = derive_node_keys(9, topology);
  REQUIRE(keys.size() == 6);  // 2 providers and 2 x 2 mixes; the 10 clients have none
  for (core::NodeId n = 0; n < keys.size(); ++n) CHECK(keys[n].secret == derive_node_key(9, topology.entity(n)).secret);
}
