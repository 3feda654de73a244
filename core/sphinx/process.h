// A node's side of Sphinx: check and unwrap one layer of a packet in place.
#pragma once
#include <cstdint>
#include <span>

#include "core/model/packet_format.h"
#include "core/sphinx/geometry.h"
#include "core/sphinx/x25519.h"

namespace core::sphinx {

// Unwraps `packet` at the node whose scalar is `node_key`, in the order README.md states:
// length, group element, X25519, keys and MAC (a failure there is `early`: no replay tag);
// then the replay tag; then the routing slot, the payload, its zero prefix at Dest and the
// blinding (a failure there is in `later`). On success the packet is ready for the next
// hop; after a rejection its bytes are unspecified. Every secret is wiped on every path;
// OpenSSL's error queue is left for the caller. Never reads past packet.size().
Unwrapped unwrap_packet(const Geometry& geometry, const Key& node_key, std::span<std::uint8_t> packet);

}  // namespace core::sphinx
