// The stratified topology of Loopix (Sec. 3): a route takes one uniformly chosen mix of each
// layer, independently per message.
#include "core/model/topology/routing.h"

namespace core {

namespace {

class StratifiedRouting final : public Routing {
 public:
  explicit StratifiedRouting(const Topology& t) : topology_(t) {}

  NodeId next_mix(std::span<const NodeId> so_far, sim::RandomStream& rng) const override {
    return pick(static_cast<int>(so_far.size()), rng);
  }
  int loop_path(NodeId mix, sim::RandomStream& rng, NodeId* path) const override {
    return layered_loop_path(topology_, mix, rng, path, [&](int layer, sim::RandomStream& r) { return pick(layer, r); });
  }

 private:
  NodeId pick(int layer, sim::RandomStream& rng) const {
    return topology_.mix(layer, static_cast<int>(rng.below(static_cast<std::uint64_t>(topology_.mixes_per_layer()))));
  }
  const Topology& topology_;
};

}  // namespace

std::unique_ptr<Routing> make_stratified_routing(const Scenario&, const Topology& t) {
  return std::make_unique<StratifiedRouting>(t);
}

}  // namespace core
