// The Loopix vocabulary shared by the model, the observer and the trace: node ids,
// traffic kinds, routing flags, drop reasons and hop-event types.
#pragma once
#include <cstdint>
#include <string_view>

namespace core {

// Providers, mixes and clients share one id space (see Topology): [providers | mixes | clients].
using NodeId = std::uint32_t;
inline constexpr NodeId kNoNode = UINT32_MAX;

enum class Role : std::uint8_t { Provider = 0, Mix = 1, Client = 2 };

// Ground truth of what a packet is. Reported to observers, never read by the model.
// Reply and Ack: answers sent with a reply block that a real message carried (/replies/...).
// Flood: an active adversary's own packets, sent into the mixes it attacks (/adversary/block/flood).
enum class TrafficKind : std::uint8_t { Payload = 0, Loop = 1, Drop = 2, MixLoop = 3, Dummy = 4, Reply = 5, Ack = 6, Flood = 7 };
inline constexpr int kTrafficKinds = 8;
// A client's real message (or an answer to one), as opposed to cover traffic.
constexpr bool is_real(TrafficKind kind) {
  return kind == TrafficKind::Payload || kind == TrafficKind::Reply || kind == TrafficKind::Ack;
}

// The routing command in a hop's routing information (Sphinx flag).
enum class HopFlag : std::uint8_t { Relay = 0, Dest = 1, Drop = 2 };

// Why a packet ended without being delivered.
enum class DropReason : std::uint8_t {
  None = 0,
  Cover = 1,       // a drop message reached the provider its routing information names (by design)
  Replay = 2,      // its replay tag was seen before at this node
  Malformed = 3,   // its routing slot is invalid (unknown flag, non-zero reserved bytes, bad address)
  Length = 4,      // it does not have the packet size
  GroupElement = 5,  // Sphinx: its group element is not canonical or of low order
  Mac = 6,         // Sphinx: the header MAC does not verify
  Tagged = 7,      // Sphinx: the payload's zero prefix is gone at the destination (tagging)
  Expired = 8,     // it was built for the previous key epoch and came after the grace period
  Overflow = 9,    // the node's queue for its processors was full (/service/queue_limit)
  InboxFull = 10,  // the recipient's inbox at its provider was full (/pull/inbox_capacity)
  Blocked = 11,    // an active adversary discarded it on the link into the mix (/adversary/block)
  Outage = 12,     // the mix it was sent to was down (/faults/outage)
};
inline constexpr int kDropReasons = 13;

// What happened to a packet at a node; one trace record each.
enum class HopEvent : std::uint8_t {
  Send = 0,     // a node created the packet and put it on the link to `peer`
  Arrive = 1,   // the packet arrived at `node` from `peer`
  Depart = 2,   // `node` forwarded it to `peer` after its delay
  Deliver = 3,  // it reached its destination: an inbox, the mix that sent a mix loop, a client (dummy)
  Drop = 4,     // `node` discarded it, for `reason`
  Fetch = 5,    // client `node` fetched the message from its inbox at provider `peer`
  Enter = 6,    // the packet entered `node`'s pool (a mix, or a provider that delays), from `peer`
  Leave = 7,    // the packet left `node`'s pool, for `peer` (its Depart follows)
  Create = 8,   // client `node` created real message `message` for `peer`, which enters its send
                // buffer (or leaves at once); no packet yet (`packet` is kNoPacket). For an
                // answer (kind Reply or Ack), `packet` and `sent` are those of the packet whose
                // reply block it uses, and `peer` is the node that sent that packet
};
inline constexpr int kHopEvents = 9;
inline constexpr std::uint64_t kNoPacket = ~std::uint64_t{0};

std::string_view name(Role role);
std::string_view name(TrafficKind kind);
std::string_view name(DropReason reason);
std::string_view name(HopEvent event);

}  // namespace core
