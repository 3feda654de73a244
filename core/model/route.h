// A source route as its sender chose it: the first hop, and for every hop the routing
// command that hop's routing information carries (flag, next address, delay).
#pragma once
#include <array>
#include <cstddef>

#include "core/vocabulary.h"
#include "sim/time.h"

namespace core {

// What one hop is told to do. For Relay, `next` is the node to forward to after `delay`;
// for Dest, `next` is the destination address (a client's inbox at a provider, or the mix
// itself for a mix loop); for Drop, `next` is unused.
struct RoutingCommand {
  HopFlag flag = HopFlag::Relay;
  NodeId next = kNoNode;
  sim::Time delay = 0;
};

inline constexpr std::size_t kMaxHops = 66;  // ingress provider + up to 64 mix layers + egress

// Only hops[0, length) are written: a route is built for every packet, and clearing all
// kMaxHops commands would cost more than building it.
struct Route {
  Route() {}  // leaves `hops` unwritten

  NodeId first = kNoNode;  // where the sender transmits the packet
  std::size_t length = 0;  // number of hops
  union {
    std::array<RoutingCommand, kMaxHops> hops;
  };

  void push(RoutingCommand c) { hops[length++] = c; }
};

}  // namespace core
