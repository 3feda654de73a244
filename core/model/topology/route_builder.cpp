#include "core/model/topology/route_builder.h"

namespace core {

RouteBuilder::RouteBuilder(const Scenario& s, const Topology& t)
    : topology_(t), mu_(s.mu), provider_delay_(s.provider_delay) {}

NodeId RouteBuilder::random_mix(int layer, sim::RandomStream& rng) const {
  return topology_.mix(layer, static_cast<int>(rng.below(static_cast<std::uint64_t>(topology_.mixes_per_layer()))));
}

Route RouteBuilder::client_route(NodeId ingress, NodeId last, RoutingCommand final_command,
                                 sim::RandomStream& rng) const {
  Route r;
  r.first = ingress;
  NodeId next = random_mix(0, rng);
  r.push({HopFlag::Relay, next, provider_hold(rng)});
  for (int layer = 0; layer < topology_.layers(); ++layer) {
    NodeId after = layer + 1 < topology_.layers() ? random_mix(layer + 1, rng) : last;
    r.push({HopFlag::Relay, after, mix_delay(rng)});
  }
  r.push(final_command);
  return r;
}

Route RouteBuilder::mix_loop(NodeId mix, sim::RandomStream& rng) const {
  const int own = topology_.layer_of_mix(mix);
  const int layers = topology_.layers();
  // The nodes visited after the mix, in order, then the hop back to it.
  NodeId path[kMaxHops];
  int n = 0;
  for (int layer = own + 1; layer < layers; ++layer) path[n++] = random_mix(layer, rng);
  path[n++] = topology_.provider(static_cast<int>(rng.below(static_cast<std::uint64_t>(topology_.providers()))));
  for (int layer = 0; layer < own; ++layer) path[n++] = random_mix(layer, rng);

  Route r;
  r.first = path[0];
  for (int i = 0; i < n; ++i) {
    NodeId next = i + 1 < n ? path[i + 1] : mix;
    bool is_provider = topology_.role(path[i]) == Role::Provider;
    r.push({HopFlag::Relay, next, is_provider ? provider_hold(rng) : mix_delay(rng)});
  }
  r.push({HopFlag::Dest, mix, 0});
  return r;
}

}  // namespace core
