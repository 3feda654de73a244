// The real Sphinx packet format (Danezis and Goldberg 2009) on X25519, AES-256-CTR,
// HMAC-SHA256 and LIONESS, as a core::PacketFormat. Its byte-level specification is
// core/sphinx/README.md.
#pragma once
#include <array>
#include <span>
#include <vector>

#include "core/model/packet_format.h"
#include "core/sphinx/command_slot.h"
#include "core/sphinx/create.h"
#include "core/sphinx/geometry.h"
#include "core/sphinx/node_keys.h"
#include "core/sphinx/x25519.h"

namespace core::sphinx {

class SphinxFormat final : public PacketFormat {
 public:
  // keys[e * N + n] is node n's key pair in epoch e, for `epochs` epochs of N nodes each
  // (providers and mixes); nodes from N on (clients) have none. Sets each key up once in
  // OpenSSL, from both halves.
  SphinxFormat(std::span<const NodeKeyPair> keys, std::size_t max_hops, std::size_t payload_size = kDefaultPayloadSize,
               std::size_t epochs = 1);
  using PacketFormat::build;
  using PacketFormat::unwrap;

  std::size_t packet_size() const override { return geometry_.packet_size(); }
  TagLayout tag_layout() const override { return TagLayout::Random; }
  const Geometry& geometry() const { return geometry_; }

  // Throws std::invalid_argument if the route is empty, longer than max_hops, or passes
  // a node without a key in that epoch.
  // `number` is not used: the replay tags come from the shared secrets.
  void build(const Route& route, std::uint32_t epoch, std::uint64_t number, std::span<std::uint8_t> out,
             sim::RandomStream& rng, std::span<const std::uint8_t> body = {}) const override;
  std::size_t reply_block_size() const override { return sphinx::reply_block_size(geometry_); }
  void build_reply_block(const Route& route, std::uint32_t epoch, std::uint64_t number, std::span<std::uint8_t> block,
                         sim::RandomStream& rng) const override;
  bool build_reply(std::span<const std::uint8_t> block, std::span<std::uint8_t> out, sim::RandomStream& rng,
                   std::span<const std::uint8_t> body = {}) const override {
    return create_reply(geometry_, block, out, rng, body);
  }
  std::size_t body_capacity() const override { return geometry_.payload_size() - kPrefixSize; }
  std::span<const std::uint8_t> body(std::span<const std::uint8_t> packet) const override {
    return packet.subspan(geometry_.header_size() + kPrefixSize);
  }
  // A pure function of the bytes and the node's key, safe to call from several threads at
  // once on different packets. Throws std::invalid_argument if `node` has no key in `epoch`.
  Unwrapped unwrap(NodeId node, std::uint32_t epoch, std::span<std::uint8_t> packet) const override;

 private:
  const Key& key_of(NodeId node, std::uint32_t epoch) const;
  // The route's keys and commands, as create_packet and create_reply_block take them.
  struct Path {
    std::array<const Key*, kMaxHops> keys;
    std::array<std::uint8_t, kMaxHops * kCommandSize> commands;
    std::size_t hops;
  };
  Path path_of(const Route& route, std::uint32_t epoch) const;

  Geometry geometry_;
  std::vector<Key> keys_;
  std::size_t per_epoch_;  // nodes with a key
};

}  // namespace core::sphinx
