#include "core/model/context.h"

#include "core/model/event_kind.h"

namespace core {

Context::Context(const Scenario& s, const Topology& t, sim::Simulator& simulator,
                 const PacketFormat& f, Observer& o, int threads)
    : scenario(s), topology(t), sim(simulator), format(f), observer(o), pool(f.packet_size()),
      processor(f, threads), links(s.latency), epochs(s.key_epochs()), horizon_(sim::from_seconds(s.horizon)) {}

PacketPool::Slot Context::create(NodeId origin, TrafficKind kind, std::uint64_t message) {
  PacketPool::Slot s = pool.allocate();
  pool.truth(s) = PacketTruth{next_packet_++, message, sim.now(), origin, kind};
  return s;
}

void Context::send_new(NodeId origin, TrafficKind kind, std::uint64_t message, const Route& route,
                       sim::RandomStream& packet_rng, sim::RandomStream& link_rng) {
  PacketPool::Slot s = create(origin, kind, message);
  processor.build(s, pool.bytes(s), route, epochs.at(sim.now()), sim::RandomStream::derive(packet_rng(), 0, 0));
  report(HopEvent::Send, origin, route.first, s);
  transmit(origin, route.first, s, link_rng);
}

void Context::transmit(NodeId from, NodeId to, PacketPool::Slot s, sim::RandomStream& link_rng) {
  sim.schedule_in(links.draw(link_rng), to, kArrive, pack(s, from));
}

void Context::report(HopEvent event, NodeId node, NodeId peer, PacketPool::Slot s, DropReason reason) {
  const PacketTruth& t = pool.truth(s);
  observer.on_hop(HopRecord{sim.now(), t.sent, t.packet, t.message, node, peer, event, t.kind, reason});
}

void Context::drop(NodeId node, NodeId peer, PacketPool::Slot s, DropReason reason) {
  report(HopEvent::Drop, node, peer, s, reason);
  pool.release(s);
}

}  // namespace core
