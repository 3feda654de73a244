// The topology seam: how a sender picks the mixes of a route, and which nodes a mix's loop
// visits. The nodes themselves are Topology's grid of providers, L x W mixes and clients;
// a kind of topology (/topology/kind) is the rule that chooses among them.
#pragma once
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/model/route.h"
#include "core/model/topology/topology.h"
#include "sim/random.h"

namespace core {

class Routing {
 public:
  virtual ~Routing() = default;
  // The next mix of a client's route, after the mixes `so_far` (a route has L of them).
  virtual NodeId next_mix(std::span<const NodeId> so_far, sim::RandomStream& rng) const = 0;
  // Writes the nodes a mix loop from `mix` visits before it comes back to it (mixes and one
  // provider, at most kMaxHops - 1 of them) and returns how many.
  virtual int loop_path(NodeId mix, sim::RandomStream& rng, NodeId* path) const = 0;
};

// The names /topology/kind accepts, in the order they are documented.
const std::vector<std::string>& topology_kind_names();

// The scenario's routing on `topology`. std::invalid_argument for an unknown kind.
std::unique_ptr<Routing> make_routing(const Scenario& scenario, const Topology& topology);

// A loop through layers (stratified and cascade): from a mix in layer j, a mix of each later
// layer, a uniformly chosen provider, a mix of each earlier layer; `pick(layer, rng)` names
// the mix of a layer.
template <typename Pick>
int layered_loop_path(const Topology& t, NodeId mix, sim::RandomStream& rng, NodeId* path, Pick&& pick) {
  const int own = t.layer_of_mix(mix);
  int n = 0;
  for (int layer = own + 1; layer < t.layers(); ++layer) path[n++] = pick(layer, rng);
  path[n++] = t.provider(static_cast<int>(rng.below(static_cast<std::uint64_t>(t.providers()))));
  for (int layer = 0; layer < own; ++layer) path[n++] = pick(layer, rng);
  return n;
}

}  // namespace core
