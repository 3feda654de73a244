#include "core/model/context.h"

#include <algorithm>

#include "core/model/event_kind.h"
#include "core/sphinx/geometry.h"

namespace core {

Context::Context(const Scenario& s, const Topology& t, sim::Simulator& simulator,
                 const PacketFormat& f, Observer& o, int threads)
    : scenario(s), classes(s), topology(t), sim(simulator), format(f), observer(o), pool(f.packet_size()),
      processor(f, threads), links(s.latency), epochs(s.key_epochs()), service(s, t), disruption(s, t),
      horizon_(sim::from_seconds(s.horizon)) {
  // The Sphinx packet's size in both formats, so that they take the same time on a link.
  const auto bytes = sphinx::Geometry(static_cast<std::size_t>(s.header_hops()), static_cast<std::size_t>(s.payload_size)).packet_size();
  send_time_ = s.bandwidth > 0 ? sim::from_seconds(static_cast<double>(bytes) / s.bandwidth) : 0;
}

PacketPool::Slot Context::create(NodeId origin, TrafficKind kind, std::uint64_t message) {
  PacketPool::Slot s = pool.allocate();
  pool.truth(s) = PacketTruth{next_packet_++, message, sim.now(), origin, kind};
  return s;
}

void Context::send_new(NodeId origin, TrafficKind kind, std::uint64_t message, const Route& route,
                       sim::RandomStream& packet_rng, sim::RandomStream& link_rng, std::span<const std::uint8_t> body) {
  PacketPool::Slot s = create(origin, kind, message);
  sim::RandomStream rng = sim::RandomStream::derive(packet_rng(), 0, 0);
  if (body.empty()) processor.build(s, pool.bytes(s), route, epochs.at(sim.now()), pool.truth(s).packet, rng);
  else {
    processor.forget(s);
    format.build(route, epochs.at(sim.now()), pool.truth(s).packet, pool.bytes(s), rng, body);
  }
  report(HopEvent::Send, origin, route.first, s);
  transmit(origin, route.first, s, link_rng);
}

void Context::transmit(NodeId from, NodeId to, PacketPool::Slot s, sim::RandomStream& link_rng) {
  sim.schedule_in(link_delay(from, to, link_rng), to, kArrive, pack(s, from));
}

sim::Time Context::link_delay(NodeId from, NodeId to, sim::RandomStream& link_rng) {
  sim::Time queued = 0;
  if (send_time_ > 0) {
    sim::Time& free = link_free_[(static_cast<std::uint64_t>(from) << 32) | to];
    free = std::max(sim.now(), free) + send_time_;
    queued = free - sim.now();
  }
  return queued + links.draw(link_rng);
}

bool Context::receive(NodeId node, PacketPool::Slot s, NodeId from) {
  if (disruption.any()) {
    const Disruption::Fate fate = disruption.fate(node, s, pool.truth(s), sim.now());
    if (fate.lost != DropReason::None) {
      drop(node, from, s, fate.lost);
      return false;
    }
    if (fate.held > 0) {  // it arrives later, untouched
      sim.schedule_in(fate.held, node, kArrive, pack(s, from));
      return false;
    }
  }
  report(HopEvent::Arrive, node, from, s);
  if (service.instant()) return true;
  if (!service.arrive(*this, node, s, from)) drop(node, from, s, DropReason::Overflow);
  return false;
}

void Context::report(HopEvent event, NodeId node, NodeId peer, PacketPool::Slot s, DropReason reason) {
  const PacketTruth& t = pool.truth(s);
  observer.on_hop(HopRecord{sim.now(), t.sent, t.packet, t.message, node, peer, event, t.kind, reason});
}

void Context::report_created(NodeId client, NodeId recipient, std::uint64_t message, TrafficKind kind,
                             const PacketTruth* answered) {
  observer.on_hop(HopRecord{sim.now(), answered ? answered->sent : sim.now(), answered ? answered->packet : kNoPacket,
                            message, client, recipient, HopEvent::Create, kind, DropReason::None});
}

void Context::drop(NodeId node, NodeId peer, PacketPool::Slot s, DropReason reason) {
  report(HopEvent::Drop, node, peer, s, reason);
  processor.forget(s);
  pool.release(s);
}

}  // namespace core
