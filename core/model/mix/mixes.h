// Loopix mixes (Sec. 3.3): the Poisson mix holds each packet for the delay its routing
// information carries and then forwards it; a replay check on every packet's tag; and mix
// loops at lambda_M through the later layers, one provider and the earlier layers back.
#pragma once
#include <unordered_map>
#include <vector>

#include "core/model/context.h"
#include "core/model/epoch_replay_cache.h"
#include "core/model/topology/route_builder.h"
#include "sim/event.h"

namespace core {

class Mixes {
 public:
  Mixes(Context& context, const RouteBuilder& routes);

  void start();                      // schedules every mix's first loop
  void handle(const sim::Event& e);  // e.target is a mix

 private:
  struct State {
    sim::RandomStream loop_timer, route, packet, link;
    EpochReplayCache seen;
    bool flips_payload;  // misbehaving: flips a payload bit of every packet it relays
    bool replays;        // misbehaving: forwards every packet twice
    std::unordered_map<PacketPool::Slot, std::vector<std::uint8_t>> copies;  // for replays: bytes as relayed
  };

  void arrive(NodeId mix, State& s, PacketPool::Slot slot, NodeId from);
  void forward(NodeId mix, State& s, PacketPool::Slot slot, NodeId next);
  void send_loop(NodeId mix, State& s);
  void send_replay(NodeId mix, State& s, PacketPool::Slot original, NodeId next);

  Context& ctx_;
  const RouteBuilder& routes_;
  std::vector<State> state_;
};

}  // namespace core
