#include "core/model/topology/topology.h"

#include "core/model/random_purpose.h"
#include "sim/random.h"

namespace core {

Topology::Topology(const Scenario& s)
    : providers_(s.providers), layers_(s.layers), width_(s.mixes_per_layer), clients_(s.clients),
      first_mix_(static_cast<NodeId>(s.providers)),
      first_client_(static_cast<NodeId>(s.providers + s.layers * s.mixes_per_layer)),
      client_provider_(static_cast<std::size_t>(s.clients)) {
  for (int c = 0; c < clients_; ++c) {
    int p = c % providers_;
    if (s.assignment == Assignment::Random) {
      auto stream = sim::RandomStream::derive(s.seed, entity(client(c)), Purpose::Assignment);
      p = static_cast<int>(stream.below(static_cast<std::uint64_t>(providers_)));
    }
    client_provider_[c] = provider(p);
  }
}

int Topology::index(NodeId n) const {
  switch (role(n)) {
    case Role::Provider: return static_cast<int>(n);
    case Role::Mix: return static_cast<int>(n - first_mix_);
    case Role::Client: return static_cast<int>(n - first_client_);
  }
  return -1;
}

}  // namespace core
