// Packet processing at a node (README.md, "Processing a packet"): two scalar multiplications.
#include "core/sphinx/process.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <array>

#include "core/sphinx/command_slot.h"
#include "core/sphinx/header_mac.h"
#include "core/sphinx/hop_keys.h"
#include "core/sphinx/lioness.h"
#include "core/sphinx/symmetric.h"
#include "core/sphinx/x25519.h"

namespace core::sphinx {

Unwrapped unwrap_packet(const Geometry& geometry, const Key& node_key, std::span<std::uint8_t> packet) {
  Unwrapped result;
  auto early = [&result](DropReason reason) {
    result.early = reason;
    return result;
  };
  auto later = [&result](DropReason reason) {
    result.later.rejected = reason;
    return result;
  };
  if (packet.size() != geometry.packet_size()) return early(DropReason::Length);
  const PacketView p = geometry.view(packet);
  if (!acceptable_group_element(p.alpha.data())) return early(DropReason::GroupElement);
  Key alpha;
  alpha.set_point(p.alpha.data());
  Secret<kGroupElementSize> s;
  if (!x25519(s.data(), node_key, alpha)) return early(DropReason::GroupElement);
  HopKeys keys;
  keys.derive(s.data());

  std::array<std::uint8_t, kMacSize> gamma;
  header_mac(keys.mu(), p.alpha, p.beta, gamma.data());
  if (CRYPTO_memcmp(gamma.data(), p.gamma.data(), kMacSize) != 0) return early(DropReason::Mac);
  result.tag = keys.replay_tag();

  // beta || 0^slot, decrypted: this hop's slot, then the next hop's beta.
  std::array<std::uint8_t, (kMaxHops + 1) * kSlotSize> routing;
  const std::span<std::uint8_t> decrypted = std::span(routing).first(geometry.beta_size() + kSlotSize);
  std::copy(p.beta.begin(), p.beta.end(), decrypted.begin());
  std::fill(decrypted.end() - kSlotSize, decrypted.end(), 0);
  aes256ctr_xor(keys.rho(), 0, decrypted);
  const std::optional<RoutingCommand> command = parse_command(decrypted.data());
  if (!command) return later(DropReason::Malformed);

  lioness_decrypt(keys.pi(), p.delta);
  if (command->flag == HopFlag::Dest && std::any_of(p.delta.begin(), p.delta.begin() + kPrefixSize, [](std::uint8_t v) { return v != 0; }))
    return later(DropReason::Tagged);

  Key b;
  b.set_scalar(keys.b());
  if (!x25519(p.alpha.data(), b, alpha)) return later(DropReason::GroupElement);
  std::copy_n(decrypted.begin() + kCommandSize, kMacSize, p.gamma.begin());
  std::copy(decrypted.begin() + kSlotSize, decrypted.end(), p.beta.begin());
  result.later.command = *command;
  return result;
}

}  // namespace core::sphinx
