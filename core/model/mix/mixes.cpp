#include "core/model/mix/mixes.h"

#include <algorithm>

#include "core/model/event_kind.h"
#include "core/model/mix/mix_strategies.h"
#include "core/model/random_purpose.h"

namespace core {

Mixes::Mixes(Context& ctx, const RouteBuilder& routes)
    : ctx_(ctx), routes_(routes), first_mix_(ctx.topology.mix(0, 0)), flood_(ctx, routes) {
  const Topology& t = ctx.topology;
  const int count = t.layers() * t.mixes_per_layer();
  state_.reserve(static_cast<std::size_t>(count));
  for (int m = 0; m < count; ++m) {
    const std::uint64_t id = t.entity(t.mix(0, 0) + static_cast<NodeId>(m));
    auto stream = [&](std::uint64_t purpose) { return sim::RandomStream::derive(ctx.scenario.seed, id, purpose); };
    state_.push_back(State{stream(Purpose::MixLoopTimer), stream(Purpose::Route), stream(Purpose::PacketBytes),
                           stream(Purpose::Link), stream(Purpose::MixStrategy), EpochReplayCache(ctx.format.tag_layout()),
                           ctx.scenario.flip_payload.contains(m), ctx.scenario.replay.contains(m), {}});
  }
  strategy_ = make_mix_strategy(ctx.scenario, state_.size());
}

void Mixes::start() {
  flood_.start();
  const double rate = ctx_.scenario.mix_loop_rate;
  if (rate <= 0) return;
  for (std::size_t m = 0; m < state_.size(); ++m) {
    NodeId id = ctx_.topology.mix(0, 0) + static_cast<NodeId>(m);
    ctx_.sim.schedule_in(state_[m].loop_timer.exponential(rate), id, code(MixEvent::MixLoopTick));
  }
}

void Mixes::handle(const sim::Event& e) {
  const auto mix = static_cast<std::size_t>(e.target - first_mix_);
  State& s = state_[mix];
  switch (static_cast<MixEvent>(e.kind)) {
    case MixEvent::Arrive:
      if (ctx_.receive(e.target, slot_of(e.arg), node_of(e.arg))) arrive(e.target, s, slot_of(e.arg), node_of(e.arg));
      return;
    case MixEvent::Served:
      ctx_.service.served(ctx_, e.target);
      return arrive(e.target, s, slot_of(e.arg), node_of(e.arg));
    case MixEvent::Forward: return forward(e.target, s, slot_of(e.arg), node_of(e.arg));
    case MixEvent::Wake: return strategy_->wake(*this, mix);
    case MixEvent::MixLoopTick:
      if (!ctx_.past_horizon()) send_loop(e.target, s);
      return;
    case MixEvent::FloodTick: return flood_.send(e.target);
  }
  unhandled_event("mix", e);
}

void Mixes::release_after(std::size_t mix, sim::Time delay, const PooledPacket& p) {
  ctx_.sim.schedule_in(delay, node(mix), code(MixEvent::Forward), pack(p.slot, p.next));
}

void Mixes::wake_after(std::size_t mix, sim::Time delay) { ctx_.sim.schedule_in(delay, node(mix), code(MixEvent::Wake)); }

void Mixes::arrive(NodeId mix, State& s, PacketPool::Slot slot, NodeId from) {
  Processed p = ctx_.process(mix, slot, s.seen);
  if (p.rejected != DropReason::None) return ctx_.drop(mix, from, slot, p.rejected);
  const RoutingCommand& c = p.command;
  const Topology& t = ctx_.topology;
  if (c.flag == HopFlag::Relay && c.next < t.nodes() && t.role(c.next) != Role::Client) {
    std::span<std::uint8_t> bytes = ctx_.pool.bytes(slot);
    if (s.flips_payload) bytes.back() ^= 1;  // the payload is the packet's tail
    if (s.replays) s.copies[slot].assign(bytes.begin(), bytes.end());  // sent again when it leaves
    ctx_.report(HopEvent::Enter, mix, from, slot);
    ctx_.prefetch(slot, c.next);
    strategy_->admit(*this, static_cast<std::size_t>(mix - first_mix_), PooledPacket{slot, c.next, c.delay});
  } else if (c.flag == HopFlag::Dest && c.next == mix) {  // one of its own loops came back
    ctx_.report(HopEvent::Deliver, mix, from, slot);
    ctx_.pool.release(slot);
  } else {
    ctx_.drop(mix, from, slot, DropReason::Malformed);
  }
}

void Mixes::forward(NodeId mix, State& s, PacketPool::Slot slot, NodeId next) {
  ctx_.report(HopEvent::Leave, mix, next, slot);
  ctx_.report(HopEvent::Depart, mix, next, slot);
  ctx_.transmit(mix, next, slot, s.link);
  if (s.replays) send_replay(mix, s, slot, next);
}

// A copy of the packet just forwarded (its bytes as this mix relayed them), sent to the same
// hop: a new packet (Send by this mix) carrying the same message.
void Mixes::send_replay(NodeId mix, State& s, PacketPool::Slot original, NodeId next) {
  const PacketTruth truth = ctx_.pool.truth(original);
  auto held = s.copies.extract(original);
  if (ctx_.past_horizon()) return;  // no new packet after the horizon
  PacketPool::Slot copy = ctx_.create(mix, truth.kind, truth.message);
  std::copy(held.mapped().begin(), held.mapped().end(), ctx_.pool.bytes(copy).begin());
  ctx_.report(HopEvent::Send, mix, next, copy);
  ctx_.transmit(mix, next, copy, s.link);
  ctx_.prefetch(copy, next);
}

void Mixes::send_loop(NodeId mix, State& s) {
  ctx_.sim.schedule_in(s.loop_timer.exponential(ctx_.scenario.mix_loop_rate), mix, code(MixEvent::MixLoopTick));
  Route r = routes_.mix_loop(mix, s.route);
  ctx_.send_new(mix, TrafficKind::MixLoop, ctx_.new_message_id(), r, s.packet, s.link);
}

}  // namespace core
