// The packet format a network runs on: how a sender writes a route into packet bytes and
// how a node processes the bytes it receives. A node acts only on what process() returns.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/replay_cache.h"
#include "core/route.h"
#include "sim/random.h"

namespace core {

struct Processed {
  DropReason rejected = DropReason::None;  // None: `command` is valid
  RoutingCommand command;
};

// Every format ends with the payload, so flipping a bit of a packet's last byte tampers with
// its payload; the destination must then reject the packet (DropReason::Tagged).
class PacketFormat {
 public:
  virtual ~PacketFormat() = default;
  virtual std::size_t packet_size() const = 0;
  // Writes a packet (packet_size() bytes) that makes hop i act on route.hops[i].
  virtual void build(const Route& route, std::span<std::uint8_t> out, sim::RandomStream& rng) const = 0;
  // Processes the packet in place at `node` (so it is ready for the next hop): checks it,
  // looks its replay tag up in and adds it to `seen`, and returns the routing command.
  virtual Processed process(NodeId node, std::span<std::uint8_t> packet, ReplayCache& seen) const = 0;
};

}  // namespace core
