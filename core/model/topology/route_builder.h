// How senders build source routes (Sec. 3): the mixes the scenario's topology kind picks
// (core/model/topology/routing.h), independently per message, and an Exp(mu) delay for every
// delaying hop.
#pragma once
#include <memory>

#include "core/model/route.h"
#include "core/model/topology/routing.h"
#include "core/model/topology/topology.h"
#include "sim/random.h"

namespace core {

class RouteBuilder {
 public:
  RouteBuilder(const Scenario& scenario, const Topology& topology);

  // ingress provider -> L mixes -> `last` provider, where the packet ends with
  // `final_command` (Dest to a client's inbox, or Drop).
  Route client_route(NodeId ingress, NodeId last, RoutingCommand final_command, sim::RandomStream& rng) const;
  // From a mix: the nodes of its loop (Routing::loop_path), and back to the mix (Dest).
  Route mix_loop(NodeId mix, sim::RandomStream& rng) const;
  // An active adversary's packet into `mix` (core/model/flood.h): the mix's delay, then the
  // nodes of a loop from it up to the provider, where it ends as a drop message.
  Route flood(NodeId mix, sim::RandomStream& rng) const;

  // Delays a client's packet meets: L mixes, plus the ingress provider when it delays.
  int client_delaying_hops() const { return topology_.layers() + (provider_delay_ ? 1 : 0); }

 private:
  sim::Time mix_delay(sim::RandomStream& rng) const { return rng.exponential(mu_); }
  sim::Time provider_hold(sim::RandomStream& rng) const { return provider_delay_ ? rng.exponential(mu_) : 0; }

  const Topology& topology_;
  std::unique_ptr<Routing> routing_;
  double mu_;
  bool provider_delay_;
};

}  // namespace core
