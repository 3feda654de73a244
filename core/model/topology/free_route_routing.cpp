// Free routes: each of a route's L mixes is chosen uniformly among all L x W mixes, layers
// playing no part; with /topology/distinct_hops, among those the route has not used yet. A
// mix's loop visits L - 1 mixes chosen the same way (never itself, with distinct hops), then a
// uniformly chosen provider, and comes back.
#include <algorithm>

#include "core/config/scenario.h"
#include "core/model/topology/routing.h"

namespace core {

namespace {

class FreeRouteRouting final : public Routing {
 public:
  FreeRouteRouting(const Scenario& s, const Topology& t)
      : topology_(t), mixes_(static_cast<std::uint64_t>(t.layers() * t.mixes_per_layer())), distinct_(s.distinct_hops) {}

  NodeId next_mix(std::span<const NodeId> so_far, sim::RandomStream& rng) const override { return pick(so_far, rng); }

  int loop_path(NodeId mix, sim::RandomStream& rng, NodeId* path) const override {
    NodeId used[kMaxHops];
    used[0] = mix;
    int n = 0;
    for (int hop = 1; hop < topology_.layers(); ++hop) used[hop] = path[n++] = pick({used, static_cast<std::size_t>(hop)}, rng);
    path[n++] = topology_.provider(static_cast<int>(rng.below(static_cast<std::uint64_t>(topology_.providers()))));
    return n;
  }

 private:
  // Uniform among all mixes, or among those not in `used`: the k-th unused one in id order.
  NodeId pick(std::span<const NodeId> used, sim::RandomStream& rng) const {
    const NodeId first = topology_.mix(0, 0);
    if (!distinct_) return first + static_cast<NodeId>(rng.below(mixes_));
    NodeId sorted[kMaxHops];
    std::copy(used.begin(), used.end(), sorted);
    std::sort(sorted, sorted + used.size());
    NodeId candidate = first + static_cast<NodeId>(rng.below(mixes_ - used.size()));
    for (std::size_t i = 0; i < used.size(); ++i)
      if (sorted[i] <= candidate) ++candidate;
    return candidate;
  }

  const Topology& topology_;
  std::uint64_t mixes_;
  bool distinct_;
};

}  // namespace

std::unique_ptr<Routing> make_free_route_routing(const Scenario& s, const Topology& t) {
  return std::make_unique<FreeRouteRouting>(s, t);
}

}  // namespace core
