// Cascades: /topology/chains independent chains of L mixes (chain c is the mix at position c
// of every layer). A sender picks one chain uniformly per message, and the message crosses
// all its mixes in order; a mix's loops stay in its own chain.
#include "core/model/topology/routing.h"

namespace core {

namespace {

class CascadeRouting final : public Routing {
 public:
  explicit CascadeRouting(const Topology& t) : topology_(t) {}

  NodeId next_mix(std::span<const NodeId> so_far, sim::RandomStream& rng) const override {
    const int layer = static_cast<int>(so_far.size());
    if (so_far.empty())
      return topology_.mix(0, static_cast<int>(rng.below(static_cast<std::uint64_t>(topology_.mixes_per_layer()))));
    return topology_.mix(layer, chain_of(so_far.back()));
  }
  int loop_path(NodeId mix, sim::RandomStream& rng, NodeId* path) const override {
    const int chain = chain_of(mix);
    return layered_loop_path(topology_, mix, rng, path, [&](int layer, sim::RandomStream&) { return topology_.mix(layer, chain); });
  }

 private:
  int chain_of(NodeId mix) const { return topology_.index(mix) % topology_.mixes_per_layer(); }
  const Topology& topology_;
};

}  // namespace

std::unique_ptr<Routing> make_cascade_routing(const Scenario&, const Topology& t) {
  return std::make_unique<CascadeRouting>(t);
}

}  // namespace core
