// Packet creation (README.md, "Creating a packet"): 2n scalar multiplications for n hops.
#include "core/sphinx/create.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <vector>

#include "core/model/route.h"
#include "core/sphinx/command_slot.h"
#include "core/sphinx/header_mac.h"
#include "core/sphinx/hop_keys.h"
#include "core/sphinx/lioness.h"
#include "core/sphinx/openssl_util.h"
#include "core/sphinx/scalar_product.h"
#include "core/sphinx/symmetric.h"
#include "core/sphinx/x25519.h"

namespace core::sphinx {

namespace {

struct Hop {
  std::array<std::uint8_t, kGroupElementSize> alpha;
  HopKeys keys;
};

constexpr std::array<std::uint8_t, kGroupElementSize> kBasePoint = {9};

// alpha_i and the keys of every hop. With t_i the clamped representative of the product of
// the clamped x, b_0, ..., b_{i-1} (scalar_product.h): alpha_i = X25519(t_i, 9) and
// s_i = X25519(t_i, Y_i), two Montgomery ladders.
void derive_hops(std::span<const Key* const> path, std::span<Hop> hops, sim::RandomStream& rng) {
  Key scalar, base;
  base.set_point(kBasePoint.data());
  for (;;) {
    Secret<kGroupElementSize> u;
    std::copy(kOneEighth.begin(), kOneEighth.end(), u.data());
    {
      Secret<kGroupElementSize> x;
      rng.fill(x.span());
      multiply_clamped(u.data(), x.data());
    }
    std::size_t i = 0;
    for (Secret<kGroupElementSize> t; i < path.size() && clamped_representative(u.data(), t.data()); ++i) {
      scalar.set_scalar(t.data());
      require(x25519(hops[i].alpha.data(), scalar, base), "X25519 of the base point");
      Secret<kGroupElementSize> s;
      require(x25519(s.data(), scalar, *path[i]), "X25519 of a path key");
      hops[i].keys.derive(s.data());
      if (i + 1 < path.size()) multiply_clamped(u.data(), hops[i].keys.b());
    }
    if (i == path.size()) return;
    // Some product has no clamped representative (probability about 2^-126 per hop): draw x again.
  }
}

}  // namespace

namespace {

// Writes alpha, beta and gamma of a packet through `path` into `p`, and every hop's keys into
// `hops`. Draws x, then the last hop's unused routing space.
void create_header(const Geometry& geometry, std::span<const Key* const> path, std::span<const std::uint8_t> commands,
                   const PacketView& p, std::span<Hop> hops, sim::RandomStream& rng) {
  const std::size_t n = path.size(), r = geometry.max_hops();
  if (n == 0 || n > r || commands.size() != n * kCommandSize)
    throw std::invalid_argument("sphinx: a packet needs 1 to max_hops hops, one command each");
  derive_hops(path, hops, rng);

  // The filler: phi_i = (phi_{i-1} || 0^slot) ^ stream(rho_{i-1})[(r+1-i) slots, (r+1) slots).
  std::array<std::uint8_t, kMaxHops * kSlotSize> phi{};
  for (std::size_t i = 1; i < n; ++i) aes256ctr_xor(hops[i - 1].keys.rho(), (r + 1 - i) * kSlotSize, std::span(phi).first(i * kSlotSize));

  // The last hop's beta: its command and random bytes over its r-n+1 slots, encrypted, then phi.
  const std::size_t own = (r - n + 1) * kSlotSize;
  std::copy_n(commands.end() - kCommandSize, kCommandSize, p.beta.begin());
  rng.fill(p.beta.subspan(kCommandSize, own - kCommandSize));
  aes256ctr_xor(hops[n - 1].keys.rho(), 0, p.beta.first(own));
  std::copy_n(phi.begin(), (n - 1) * kSlotSize, p.beta.begin() + own);
  header_mac(hops[n - 1].keys.mu(), hops[n - 1].alpha, p.beta, p.gamma.data());

  // Every earlier hop: its slot (command, then the next hop's gamma) before the next beta
  // shifted right by one slot, encrypted.
  for (std::size_t i = n - 1; i-- > 0;) {
    std::copy_backward(p.beta.begin(), p.beta.end() - kSlotSize, p.beta.end());
    std::copy_n(commands.begin() + i * kCommandSize, kCommandSize, p.beta.begin());
    std::copy_n(p.gamma.begin(), kMacSize, p.beta.begin() + kCommandSize);
    aes256ctr_xor(hops[i].keys.rho(), 0, p.beta);
    header_mac(hops[i].keys.mu(), hops[i].alpha, p.beta, p.gamma.data());
  }
  std::copy(hops[0].alpha.begin(), hops[0].alpha.end(), p.alpha.begin());
}

// The payload: the zero prefix, `body`, random bytes after it; then under LIONESS with round
// keys keys[n-1], ..., keys[0].
void seal_payload(std::span<std::uint8_t> delta, std::span<const std::uint8_t> body, std::span<const std::uint8_t* const> keys,
                  sim::RandomStream& rng) {
  std::fill_n(delta.begin(), kPrefixSize, 0);
  std::copy(body.begin(), body.end(), delta.begin() + kPrefixSize);
  rng.fill(delta.subspan(kPrefixSize + body.size()));
  for (std::size_t i = keys.size(); i-- > 0;) lioness_encrypt(keys[i], delta);
}

void check_body(const Geometry& geometry, std::span<const std::uint8_t> body) {
  if (body.size() > geometry.payload_size() - kPrefixSize)
    throw std::invalid_argument("sphinx: a payload body holds at most payload_size - 16 bytes");
}

}  // namespace

void create_packet(const Geometry& geometry, std::span<const Key* const> path, std::span<const std::uint8_t> commands,
                   std::span<std::uint8_t> packet, sim::RandomStream& rng, std::span<const std::uint8_t> body) {
  if (packet.size() != geometry.packet_size()) throw std::invalid_argument("sphinx: a packet is packet_size() bytes");
  check_body(geometry, body);
  std::vector<Hop> hops(path.size());
  const PacketView p = geometry.view(packet);
  create_header(geometry, path, commands, p, hops, rng);
  std::array<const std::uint8_t*, kMaxHops> keys;
  for (std::size_t i = 0; i < hops.size(); ++i) keys[i] = hops[i].keys.pi();
  seal_payload(p.delta, body, std::span(keys).first(hops.size()), rng);
}

void create_reply_block(const Geometry& geometry, std::span<const Key* const> path, std::span<const std::uint8_t> commands,
                        std::span<std::uint8_t> block, sim::RandomStream& rng) {
  if (block.size() != reply_block_size(geometry)) throw std::invalid_argument("sphinx: a reply block is reply_block_size() bytes");
  std::vector<Hop> hops(path.size());
  create_header(geometry, path, commands, geometry.view_header(block), hops, rng);
  block[geometry.header_size()] = static_cast<std::uint8_t>(hops.size());
  std::uint8_t* keys = block.data() + geometry.header_size() + 1;
  for (const Hop& hop : hops) keys = std::copy_n(hop.keys.pi(), kLionessKeySize, keys);
  std::fill(keys, block.data() + block.size(), std::uint8_t{0});
}

bool create_reply(const Geometry& geometry, std::span<const std::uint8_t> block, std::span<std::uint8_t> packet,
                  sim::RandomStream& rng, std::span<const std::uint8_t> body) {
  if (block.size() != reply_block_size(geometry) || packet.size() != geometry.packet_size())
    throw std::invalid_argument("sphinx: a reply block is reply_block_size() bytes, a packet packet_size()");
  check_body(geometry, body);
  const std::size_t n = block[geometry.header_size()];
  if (n == 0 || n > geometry.max_hops()) return false;
  std::copy_n(block.begin(), geometry.header_size(), packet.begin());
  std::array<const std::uint8_t*, kMaxHops> keys;
  for (std::size_t i = 0; i < n; ++i) keys[i] = block.data() + geometry.header_size() + 1 + i * kLionessKeySize;
  seal_payload(geometry.view(packet).delta, body, std::span(keys).first(n), rng);
  return true;
}

}  // namespace core::sphinx
