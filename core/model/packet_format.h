// The packet format a network runs on: how a sender writes a route into packet bytes and
// how a node processes the bytes it receives. A node acts only on what processing returns.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/model/replay_cache.h"
#include "core/model/route.h"
#include "sim/random.h"

namespace core {

struct Processed {
  DropReason rejected = DropReason::None;  // None: `command` is valid
  RoutingCommand command;
};

// A packet unwrapped at a node: everything processing does except the replay check, which
// needs the node's history. `early` is a rejection before the replay check (length, group
// element, MAC), which then inserts no tag; otherwise `tag` is the packet's replay tag and
// `later` what follows the check (a rejection of the slot or payload, or the command).
struct Unwrapped {
  DropReason early = DropReason::None;
  std::uint64_t tag = 0;
  Processed later;
};

// The replay check, in the node's event order: a packet that got past the MAC is rejected
// if its tag was seen before; its tag is remembered either way.
inline Processed decide(const Unwrapped& u, ReplayCache& seen) {
  if (u.early != DropReason::None) return {u.early, {}};
  if (!seen.insert(u.tag)) return {DropReason::Replay, {}};
  return u.later;
}

// Every format ends with the payload, so flipping a bit of a packet's last byte tampers with
// its payload; the destination must then reject the packet (DropReason::Tagged).
// Nodes hold one key per key epoch (core/model/key_epochs.h): a packet is built for the keys of one
// epoch, and only unwrapping with that epoch's key gets past the MAC (DropReason::Mac
// otherwise, the packet's bytes untouched).
class PacketFormat {
 public:
  virtual ~PacketFormat() = default;
  virtual std::size_t packet_size() const = 0;
  // How the format's replay tags come: the form of replay cache that suits them.
  virtual TagLayout tag_layout() const = 0;
  // Writes a packet (packet_size() bytes) for the keys of `epoch` that makes hop i act on
  // route.hops[i], its payload carrying `body` (at most body_capacity() bytes; the rest of the
  // body is the format's filler). `number` is the packet's number in its run
  // (PacketTruth::packet): packets built for one network need different numbers, as the
  // crypto-free format's replay tags are made from it (Sphinx's come from the shared secrets
  // and ignore it).
  virtual void build(const Route& route, std::uint32_t epoch, std::uint64_t number, std::span<std::uint8_t> out,
                     sim::RandomStream& rng, std::span<const std::uint8_t> body = {}) const = 0;

  // Single-use reply blocks. A block (reply_block_size() bytes) holds what a replier needs to
  // write a packet along `route`, built by the block's maker for the keys of `epoch`, without
  // learning the route: build_reply writes that packet (its payload carrying `body`), false if
  // the block is not one. `number` numbers the reply packet as `build`'s does.
  virtual std::size_t reply_block_size() const = 0;
  virtual void build_reply_block(const Route& route, std::uint32_t epoch, std::uint64_t number, std::span<std::uint8_t> block,
                                 sim::RandomStream& rng) const = 0;
  virtual bool build_reply(std::span<const std::uint8_t> block, std::span<std::uint8_t> out, sim::RandomStream& rng,
                           std::span<const std::uint8_t> body = {}) const = 0;
  // The payload body of a packet its destination has processed (what the recipient fetches):
  // body_capacity() bytes.
  virtual std::size_t body_capacity() const = 0;
  virtual std::span<const std::uint8_t> body(std::span<const std::uint8_t> packet) const = 0;
  // Unwraps the packet in place at `node` with its key of `epoch` (so it is ready for the
  // next hop). A pure function of the bytes and the key: safe on any thread, for different
  // packets.
  virtual Unwrapped unwrap(NodeId node, std::uint32_t epoch, std::span<std::uint8_t> packet) const = 0;

  // The same for packet number 0 of the first epoch (a run without key epochs has only that one).
  void build(const Route& route, std::span<std::uint8_t> out, sim::RandomStream& rng) const { build(route, 0, 0, out, rng); }
  Unwrapped unwrap(NodeId node, std::span<std::uint8_t> packet) const { return unwrap(node, 0, packet); }
  // Unwraps the packet and applies the replay check against `seen`.
  Processed process(NodeId node, std::span<std::uint8_t> packet, ReplayCache& seen) const {
    return decide(unwrap(node, packet), seen);
  }
};

}  // namespace core
