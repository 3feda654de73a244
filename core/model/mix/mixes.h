// Loopix mixes (Sec. 3.3): every mix unwraps each packet and checks its replay tag, keeps the
// packets it accepts in its pool until its mix strategy (/mixes/strategy) releases them, and
// sends mix loops at lambda_M through the later layers, one provider and the earlier layers
// back. Misbehaving mixes flip payload bits or send every packet twice.
#pragma once
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/model/context.h"
#include "core/model/epoch_replay_cache.h"
#include "core/model/flood.h"
#include "core/model/mix/mix_strategy.h"
#include "core/model/topology/route_builder.h"
#include "sim/event.h"

namespace core {

class Mixes final : private MixPort {
 public:
  Mixes(Context& context, const RouteBuilder& routes);

  void start();                      // schedules every mix's first loop
  void handle(const sim::Event& e);  // e.target is a mix

 private:
  struct State {
    sim::RandomStream loop_timer, route, packet, link, strategy;
    EpochReplayCache seen;
    bool flips_payload;  // misbehaving: flips a payload bit of every packet it relays
    bool replays;        // misbehaving: forwards every packet twice
    std::unordered_map<PacketPool::Slot, std::vector<std::uint8_t>> copies;  // for replays: bytes as relayed
  };

  void arrive(NodeId mix, State& s, PacketPool::Slot slot, NodeId from);  // processes a packet received
  void forward(NodeId mix, State& s, PacketPool::Slot slot, NodeId next);  // out of the pool, to `next`
  void send_loop(NodeId mix, State& s);
  void send_replay(NodeId mix, State& s, PacketPool::Slot original, NodeId next);
  NodeId node(std::size_t mix) const { return first_mix_ + static_cast<NodeId>(mix); }

  // MixPort: what the strategy may do.
  sim::Time now() const override { return ctx_.sim.now(); }
  void release(std::size_t mix, const PooledPacket& p) override { forward(node(mix), state_[mix], p.slot, p.next); }
  void release_after(std::size_t mix, sim::Time delay, const PooledPacket& p) override;
  void wake_after(std::size_t mix, sim::Time delay) override;
  sim::RandomStream& random(std::size_t mix) override { return state_[mix].strategy; }

  Context& ctx_;
  const RouteBuilder& routes_;
  NodeId first_mix_;
  std::vector<State> state_;
  std::unique_ptr<MixStrategy> strategy_;
  Flood flood_;
};

}  // namespace core
