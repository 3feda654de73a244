// The stratified Loopix topology: P providers, L layers of W mixes, U clients each
// registered with one provider, all numbered in one NodeId space.
#pragma once
#include <cstdint>
#include <vector>

#include "core/config/scenario.h"
#include "core/vocabulary.h"

namespace core {

class Topology {
 public:
  explicit Topology(const Scenario& scenario);

  int providers() const { return providers_; }
  int layers() const { return layers_; }
  int mixes_per_layer() const { return width_; }
  int clients() const { return clients_; }
  std::uint32_t nodes() const { return first_client_ + static_cast<std::uint32_t>(clients_); }

  NodeId provider(int i) const { return static_cast<NodeId>(i); }
  NodeId mix(int layer, int index) const { return first_mix_ + static_cast<NodeId>(layer * width_ + index); }
  NodeId client(int i) const { return first_client_ + static_cast<NodeId>(i); }

  Role role(NodeId n) const { return n < first_mix_ ? Role::Provider : n < first_client_ ? Role::Mix : Role::Client; }
  // Index of a node within its role (provider i, mix layer*W+index, client i).
  int index(NodeId n) const;
  int layer_of_mix(NodeId n) const { return static_cast<int>(n - first_mix_) / width_; }
  NodeId provider_of(NodeId client) const { return client_provider_[index(client)]; }

  // A stable identity for random streams: (role, index), unchanged when other nodes are added.
  std::uint64_t entity(NodeId n) const { return (static_cast<std::uint64_t>(role(n)) << 32) | static_cast<std::uint64_t>(index(n)); }

 private:
  int providers_, layers_, width_, clients_;
  NodeId first_mix_, first_client_;
  std::vector<NodeId> client_provider_;
};

}  // namespace core
