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

void create_packet(const Geometry& geometry, std::span<const Key* const> path, std::span<const std::uint8_t> commands,
                   std::span<std::uint8_t> packet, sim::RandomStream& rng) {
  const std::size_t n = path.size(), r = geometry.max_hops();
  if (n == 0 || n > r || commands.size() != n * kCommandSize || packet.size() != geometry.packet_size())
    throw std::invalid_argument("sphinx: a packet needs 1 to max_hops hops, one command each, and packet_size() bytes");
  std::vector<Hop> hops(n);
  derive_hops(path, hops, rng);
  const PacketView p = geometry.view(packet);

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

  // The payload: the zero prefix and a random body, under LIONESS for hop n-1, ..., 0.
  std::fill_n(p.delta.begin(), kPrefixSize, 0);
  rng.fill(p.delta.subspan(kPrefixSize));
  for (std::size_t i = n; i-- > 0;) lioness_encrypt(hops[i].keys.pi(), p.delta);
}

}  // namespace core::sphinx
