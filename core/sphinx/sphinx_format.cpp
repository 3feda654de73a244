// SphinxFormat: routes to routing commands and node ids to keys, around create_packet,
// create_reply_block and unwrap_packet.
#include "core/sphinx/sphinx_format.h"

#include <openssl/err.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

#include "core/sphinx/process.h"
#include "core/sphinx/x25519.h"

namespace core::sphinx {

SphinxFormat::SphinxFormat(std::span<const NodeKeyPair> keys, std::size_t max_hops, std::size_t payload_size,
                           std::size_t epochs)
    : geometry_(max_hops, payload_size), per_epoch_(keys.size() / std::max<std::size_t>(1, epochs)) {
  keys_.reserve(keys.size());
  for (const NodeKeyPair& pair : keys) keys_.emplace_back().set_pair(pair.secret.data(), pair.public_key.data());
}

const Key& SphinxFormat::key_of(NodeId node, std::uint32_t epoch) const {
  const std::size_t at = std::size_t{epoch} * per_epoch_ + node;
  if (node >= per_epoch_ || at >= keys_.size())
    throw std::invalid_argument("sphinx: node " + std::to_string(node) + " has no key in epoch " + std::to_string(epoch));
  return keys_[at];
}

SphinxFormat::Path SphinxFormat::path_of(const Route& route, std::uint32_t epoch) const {
  if (route.length == 0 || route.length > geometry_.max_hops())
    throw std::invalid_argument("sphinx: a route needs 1 to max_hops hops");
  Path p;
  p.hops = route.length;
  NodeId hop = route.first;
  for (std::size_t i = 0; i < route.length; ++i) {
    p.keys[i] = &key_of(hop, epoch);
    encode_command(route.hops[i], p.commands.data() + i * kCommandSize);
    hop = route.hops[i].next;
  }
  return p;
}

void SphinxFormat::build(const Route& route, std::uint32_t epoch, std::uint64_t /*number*/, std::span<std::uint8_t> out,
                         sim::RandomStream& rng, std::span<const std::uint8_t> body) const {
  const Path p = path_of(route, epoch);
  create_packet(geometry_, std::span(p.keys).first(p.hops), std::span(p.commands).first(p.hops * kCommandSize), out, rng, body);
}

void SphinxFormat::build_reply_block(const Route& route, std::uint32_t epoch, std::uint64_t /*number*/,
                                     std::span<std::uint8_t> block, sim::RandomStream& rng) const {
  const Path p = path_of(route, epoch);
  create_reply_block(geometry_, std::span(p.keys).first(p.hops), std::span(p.commands).first(p.hops * kCommandSize), block, rng);
}

Unwrapped SphinxFormat::unwrap(NodeId node, std::uint32_t epoch, std::span<std::uint8_t> packet) const {
  const Unwrapped result = unwrap_packet(geometry_, key_of(node, epoch), packet);
  if (result.early != DropReason::None || result.later.rejected != DropReason::None) ERR_clear_error();
  return result;
}

}  // namespace core::sphinx
