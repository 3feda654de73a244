// Node key pairs: each provider's and mix's X25519 key pair, derived from (master seed,
// node entity) so that a run's keys are a function of its seed.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "core/sphinx/geometry.h"
#include "core/model/topology/topology.h"

namespace core::sphinx {

struct NodeKeyPair {
  std::array<std::uint8_t, kGroupElementSize> secret;      // the scalar: 32 draws' bytes, unclamped
  std::array<std::uint8_t, kGroupElementSize> public_key;  // X25519(secret, 9)
};

// The secret is 32 bytes of sim::RandomStream::derive(master_seed, entity, purpose), purpose
// Purpose::NodeKey in the first key epoch and Purpose::NodeKey | (epoch << 32) in a later
// one (four draws, little-endian); the public key is computed once, here.
NodeKeyPair derive_node_key(std::uint64_t master_seed, std::uint64_t entity, std::uint32_t epoch = 0);

// The key pairs of every provider and mix in each of `epochs` epochs, epoch by epoch, each
// indexed by NodeId (clients, numbered last, have none).
std::vector<NodeKeyPair> derive_node_keys(std::uint64_t master_seed, const Topology& topology, std::uint32_t epochs = 1);

}  // namespace core::sphinx
