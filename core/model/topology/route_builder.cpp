#include "core/model/topology/route_builder.h"

namespace core {

RouteBuilder::RouteBuilder(const Scenario& s, const Topology& t)
    : topology_(t), routing_(make_routing(s, t)), mu_(s.mu), provider_delay_(s.provider_delay) {}

Route RouteBuilder::client_route(NodeId ingress, NodeId last, RoutingCommand final_command,
                                 sim::RandomStream& rng) const {
  Route r;
  r.first = ingress;
  // Each mix is drawn just before the delay of the hop that sends to it.
  NodeId mixes[kMaxHops];
  const auto layers = static_cast<std::size_t>(topology_.layers());
  mixes[0] = routing_->next_mix({mixes, 0}, rng);
  r.push({HopFlag::Relay, mixes[0], provider_hold(rng)});
  for (std::size_t hop = 0; hop < layers; ++hop) {
    NodeId after = last;
    if (hop + 1 < layers) after = mixes[hop + 1] = routing_->next_mix({mixes, hop + 1}, rng);
    r.push({HopFlag::Relay, after, mix_delay(rng)});
  }
  r.push(final_command);
  return r;
}

Route RouteBuilder::mix_loop(NodeId mix, sim::RandomStream& rng) const {
  // The nodes visited after the mix, in order, then the hop back to it.
  NodeId path[kMaxHops];
  const int n = routing_->loop_path(mix, rng, path);
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

Route RouteBuilder::flood(NodeId mix, sim::RandomStream& rng) const {
  NodeId path[kMaxHops];
  const int n = routing_->loop_path(mix, rng, path);
  int provider = 0;  // a loop visits one provider
  while (provider + 1 < n && topology_.role(path[provider]) != Role::Provider) ++provider;
  Route r;
  r.first = mix;
  r.push({HopFlag::Relay, path[0], mix_delay(rng)});
  for (int i = 0; i < provider; ++i) r.push({HopFlag::Relay, path[i + 1], mix_delay(rng)});
  r.push({HopFlag::Drop, kNoNode, 0});
  return r;
}

}  // namespace core
