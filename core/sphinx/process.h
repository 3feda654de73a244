// A node's side of Sphinx: check and unwrap one layer of a packet in place.
#pragma once
#include <openssl/evp.h>

#include <cstdint>
#include <span>

#include "core/replay_cache.h"
#include "core/route.h"
#include "core/sphinx/geometry.h"
#include "core/sphinx/x25519.h"

namespace core::sphinx {

// Processes `packet` at the node whose scalar is `node_key`, in the order README.md states
// (length, group element, X25519, keys, MAC, replay, routing slot, payload, zero prefix at
// Dest, blinding). On success writes the routing command, leaves the packet ready for the
// next hop and returns DropReason::None; otherwise returns why it was rejected (the packet's
// bytes are then unspecified). Every secret is wiped on every path; OpenSSL's error queue is
// left for the caller. Never reads past packet.size().
DropReason process_packet(const Geometry& geometry, const Scalar& node_key, std::span<std::uint8_t> packet,
                          ReplayCache& seen, RoutingCommand& command);

}  // namespace core::sphinx
