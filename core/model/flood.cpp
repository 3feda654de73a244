#include "core/model/flood.h"

#include <stdexcept>
#include <string>

#include "core/model/event_kind.h"
#include "core/model/random_purpose.h"

namespace core {

Flood::Flood(Context& ctx, const RouteBuilder& routes)
    : ctx_(ctx),
      routes_(routes),
      rate_(ctx.scenario.block_flood),
      start_(sim::from_seconds(ctx.scenario.block_start)),
      end_(ctx.scenario.block_duration > 0 ? sim::from_seconds(ctx.scenario.block_start + ctx.scenario.block_duration)
                                           : sim::kNever) {
  const Topology& t = ctx.topology;
  if (rate_ <= 0) return;
  for (int m = 0; m < t.layers() * t.mixes_per_layer(); ++m)
    streams_.push_back(sim::RandomStream::derive(ctx.scenario.seed, t.entity(t.mix(0, 0) + static_cast<NodeId>(m)), Purpose::Flood));
}

void Flood::start() {
  for (int m : ctx_.scenario.block_mixes.mixes) {
    const NodeId mix = ctx_.topology.mix(0, 0) + static_cast<NodeId>(m);
    if (rate_ > 0) ctx_.sim.schedule_in(start_ + streams_[static_cast<std::size_t>(m)].exponential(rate_), mix, code(MixEvent::FloodTick));
  }
}

void Flood::send(NodeId mix) {
  const Topology& t = ctx_.topology;
  if (streams_.empty()) throw std::logic_error("mix " + std::to_string(mix) + ": no flood is scheduled (/adversary/block/flood is 0)");
  if (ctx_.sim.now() >= end_ || ctx_.past_horizon()) return;
  sim::RandomStream& rng = streams_[static_cast<std::size_t>(t.index(mix))];
  ctx_.sim.schedule_in(rng.exponential(rate_), mix, code(MixEvent::FloodTick));
  const int layer = t.layer_of_mix(mix);
  const NodeId from = layer == 0 ? t.provider(static_cast<int>(rng.below(static_cast<std::uint64_t>(t.providers()))))
                                 : t.mix(layer - 1, static_cast<int>(rng.below(static_cast<std::uint64_t>(t.mixes_per_layer()))));
  ctx_.send_new(from, TrafficKind::Flood, ctx_.new_message_id(), routes_.flood(mix, rng), rng, rng);
}

}  // namespace core
