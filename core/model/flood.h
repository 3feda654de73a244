// The active adversary's own packets (/adversary/block/flood): while its (n-1) attack lasts, a
// Poisson stream of packets into each mix it blocks, so the mix keeps receiving about as much
// as before. Each is a drop message the adversary builds like the first part of a mix loop from
// that mix (the mix's delay, the later layers, a provider where it ends), put on the link into
// the mix from a node that sends to it (a provider for the first layer, else a mix of the layer
// before). Kind flood, so the analysis and the attacker know them; the attack never blocks them.
#pragma once
#include <vector>

#include "core/model/context.h"
#include "core/model/topology/route_builder.h"

namespace core {

class Flood {
 public:
  Flood(Context& context, const RouteBuilder& routes);
  void start();         // schedules the first packet into each blocked mix
  void send(NodeId mix);  // one packet into `mix` now, and the time of the next

 private:
  Context& ctx_;
  const RouteBuilder& routes_;
  double rate_;
  sim::Time start_, end_;
  std::vector<sim::RandomStream> streams_;  // per mix index: every draw of its flood
};

}  // namespace core
