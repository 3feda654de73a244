// The sender's side of Sphinx: every hop's alpha and keys, the filler, the nested beta and
// gamma, and the payload under one LIONESS layer per hop, written as one packet.
#pragma once
#include <cstdint>
#include <span>

#include "core/sphinx/geometry.h"
#include "core/sphinx/x25519.h"
#include "sim/random.h"

namespace core::sphinx {

// Writes into `packet` (geometry.packet_size() bytes) a packet that hop i, whose public key
// is the public half of *path[i], processes into the routing command commands[i]
// (kCommandSize bytes each, see command_slot.h). Draws, from `rng` only and in this order:
// the ephemeral scalar x (32 bytes), the last hop's unused routing space, the payload body.
// Throws std::invalid_argument unless 1 <= path.size() <= geometry.max_hops.
void create_packet(const Geometry& geometry, std::span<const Key* const> path, std::span<const std::uint8_t> commands,
                   std::span<std::uint8_t> packet, sim::RandomStream& rng);

}  // namespace core::sphinx
