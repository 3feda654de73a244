// What every node of a network shares: the scenario, its client classes, topology, kernel,
// packet storage, packet format, links and observer; and the few actions all nodes take on
// packets.
#pragma once
#include <unordered_map>

#include "core/config/client_classes.h"
#include "core/model/disruption.h"
#include "core/model/hop_processor.h"
#include "core/model/key_epochs.h"
#include "core/model/service.h"
#include "core/model/time_sampler.h"
#include "core/observer.h"
#include "core/model/packet_format.h"
#include "core/model/packet_pool.h"
#include "core/model/topology/topology.h"
#include "sim/simulator.h"

namespace core {

class Context {
 public:
  // `threads`: how many threads run the packet format's work (see HopProcessor).
  Context(const Scenario& scenario, const Topology& topology, sim::Simulator& simulator,
          const PacketFormat& format, Observer& observer, int threads);

  const Scenario& scenario;
  const ClientClasses classes;
  const Topology& topology;
  sim::Simulator& sim;
  const PacketFormat& format;
  Observer& observer;
  PacketPool pool;
  HopProcessor processor;  // after pool: its workers may hold pool bytes until it is destroyed
  TimeSampler links;
  KeyEpochs epochs;
  Service service;
  Disruption disruption;

  std::uint64_t new_message_id() { return next_message_++; }
  // After the horizon nothing new is sent (no stream, pull or copy); packets in flight go on.
  bool past_horizon() const { return sim.now() > horizon_; }

  // Creates a packet carrying `route` (its bytes written by the format with a stream of its
  // own, seeded by one draw of `packet_rng`), reports Send at `origin` and transmits it to
  // the route's first hop.
  // A packet whose payload carries `body` is built here, at once.
  void send_new(NodeId origin, TrafficKind kind, std::uint64_t message, const Route& route,
                sim::RandomStream& packet_rng, sim::RandomStream& link_rng, std::span<const std::uint8_t> body = {});
  // A number no packet has: for a packet to be built later (a reply block's).
  std::uint64_t reserve_packet_number() { return next_packet_++; }
  // Creates a packet slot with fresh ground truth but unwritten bytes.
  PacketPool::Slot create(NodeId origin, TrafficKind kind, std::uint64_t message);
  // Puts packet `s` on the link from `from` to `to`; it arrives after link_delay.
  void transmit(NodeId from, NodeId to, PacketPool::Slot s, sim::RandomStream& link_rng);
  // How long a packet sent now from `from` takes to reach `to`: with a bandwidth, the time to
  // send it after the packets already queued on that link (FIFO), then the link latency.
  sim::Time link_delay(NodeId from, NodeId to, sim::RandomStream& link_rng);
  // Reports packet `s` arriving at provider or mix `node` from `from`. True if it is to be
  // processed now (no service time); otherwise it waits for a processor (Service), or is
  // dropped if the node's queue is full, or it was lost on the link into a blocked or downed
  // mix (Disruption) and never arrives.
  bool receive(NodeId node, PacketPool::Slot s, NodeId from);
  // Reports that client `client` created real message `message` for `recipient`; for an answer
  // (Reply or Ack), `answered` is the packet whose reply block it uses.
  void report_created(NodeId client, NodeId recipient, std::uint64_t message, TrafficKind kind = TrafficKind::Payload,
                      const PacketTruth* answered = nullptr);
  // Reports a hop event of packet `s` to the observer.
  void report(HopEvent event, NodeId node, NodeId peer, PacketPool::Slot s, DropReason reason = DropReason::None);
  // Processes packet `s` at `node` now (unwrapping with the node's keys of this key epoch, and
  // the replay check against `seen`).
  Processed process(NodeId node, PacketPool::Slot s, EpochReplayCache& seen) {
    return processor.process(s, pool.bytes(s), node, epochs.at(sim.now()), epochs.in_grace(sim.now()), seen);
  }
  // Packet `s` will next be processed at `node`, and its bytes will not change before.
  void prefetch(PacketPool::Slot s, NodeId node) { processor.prefetch(s, pool.bytes(s), node, epochs.at(sim.now())); }
  // Reports the drop and frees the slot.
  void drop(NodeId node, NodeId peer, PacketPool::Slot s, DropReason reason);

 private:
  sim::Time horizon_;
  sim::Time send_time_;  // of one packet on a link with the scenario's bandwidth; 0: unlimited
  std::unordered_map<std::uint64_t, sim::Time> link_free_;  // (from << 32 | to) -> when it is free again
  std::uint64_t next_message_ = 1;
  std::uint64_t next_packet_ = 1;
};

// Packs a slot and a node into one event argument, and back.
inline std::uint64_t pack(PacketPool::Slot s, NodeId n) { return s | (static_cast<std::uint64_t>(n) << 32); }
inline PacketPool::Slot slot_of(std::uint64_t arg) { return static_cast<PacketPool::Slot>(arg & 0xffffffffu); }
inline NodeId node_of(std::uint64_t arg) { return static_cast<NodeId>(arg >> 32); }

}  // namespace core
