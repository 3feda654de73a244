// Derivation of node key pairs from the run's seed.
#include "core/sphinx/node_keys.h"

#include "core/model/random_purpose.h"
#include "sim/random.h"
#include "core/sphinx/x25519.h"

namespace core::sphinx {

NodeKeyPair derive_node_key(std::uint64_t master_seed, std::uint64_t entity, std::uint32_t epoch) {
  NodeKeyPair pair;
  sim::RandomStream rng =
      sim::RandomStream::derive(master_seed, entity, Purpose::NodeKey | (static_cast<std::uint64_t>(epoch) << 32));
  rng.fill(pair.secret);
  Key key;
  key.set_scalar_and_public(pair.secret.data());
  key.public_half(pair.public_key.data());
  return pair;
}

std::vector<NodeKeyPair> derive_node_keys(std::uint64_t master_seed, const Topology& topology, std::uint32_t epochs) {
  std::vector<NodeKeyPair> keys;
  for (std::uint32_t epoch = 0; epoch < epochs; ++epoch)
    for (NodeId node = 0; node < topology.nodes() && topology.role(node) != Role::Client; ++node)
      keys.push_back(derive_node_key(master_seed, topology.entity(node), epoch));
  return keys;
}

}  // namespace core::sphinx
