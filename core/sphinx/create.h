// The sender's side of Sphinx: every hop's alpha and keys, the filler, the nested beta and
// gamma, and the payload under one LIONESS layer per hop, written as one packet; and single-use
// reply blocks: a header for a route back to their maker with the route's payload keys, from
// which a replier writes a packet without learning the route.
#pragma once
#include <cstdint>
#include <span>

#include "core/sphinx/geometry.h"
#include "core/sphinx/x25519.h"
#include "sim/random.h"

namespace core::sphinx {

// Writes into `packet` (geometry.packet_size() bytes) a packet that hop i, whose public key
// is the public half of *path[i], processes into the routing command commands[i]
// (kCommandSize bytes each, see command_slot.h), its payload the zero prefix, then `body`, then
// random bytes. Draws, from `rng` only and in this order: the ephemeral scalar x (32 bytes),
// the last hop's unused routing space, the payload's bytes after the body.
// Throws std::invalid_argument unless 1 <= path.size() <= geometry.max_hops and the body
// fits (payload_size - 16 bytes).
void create_packet(const Geometry& geometry, std::span<const Key* const> path, std::span<const std::uint8_t> commands,
                   std::span<std::uint8_t> packet, sim::RandomStream& rng, std::span<const std::uint8_t> body = {});

// Writes into `block` (reply_block_size(geometry) bytes) a reply block for the route: the
// header create_packet would write (the same draws), the hop count, and each hop's LIONESS
// round keys pi, in route order (README.md, "Reply blocks").
void create_reply_block(const Geometry& geometry, std::span<const Key* const> path, std::span<const std::uint8_t> commands,
                        std::span<std::uint8_t> block, sim::RandomStream& rng);

// Writes into `packet` the reply a block makes: its header, and the payload (zero prefix,
// `body`, random bytes drawn from `rng`) under the block's payload keys, so that every hop
// processes it as any packet and the last finds the zero prefix. False (nothing written) for a
// block whose hop count is not 1 to max_hops.
bool create_reply(const Geometry& geometry, std::span<const std::uint8_t> block, std::span<std::uint8_t> packet,
                  sim::RandomStream& rng, std::span<const std::uint8_t> body = {});

}  // namespace core::sphinx
