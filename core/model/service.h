// Service capacity (/service): every provider and mix has `processors` processors, each
// taking a service time per packet, and a FIFO queue in front of them, optionally limited.
// A packet that arrives is processed (unwrapped, checked, pooled or delivered) when its
// service ends; one that finds the queue full is dropped (reason overflow). With no service
// time a packet is processed as it arrives, as if there were no processors.
#pragma once
#include <cstdint>
#include <vector>

#include "core/model/fifo.h"
#include "core/model/packet_pool.h"
#include "core/model/time_sampler.h"
#include "core/model/topology/topology.h"
#include "sim/simulator.h"

namespace core {

class Context;

class Service {
 public:
  Service(const Scenario& scenario, const Topology& topology);

  // Whether packets are processed as they arrive (no service time).
  bool instant() const { return instant_; }
  // A packet arrived at `node` (a provider or mix) from `from`, and its Arrive is reported:
  // its service starts now (ending with a Served event) or it waits in the queue; false if the
  // queue is full (the caller drops it).
  bool arrive(Context& ctx, NodeId node, PacketPool::Slot slot, NodeId from);
  // A service at `node` ended: the node's next waiting packet starts its service, or a
  // processor goes idle. The caller then processes the packet that was served.
  void served(Context& ctx, NodeId node);

  // Packets waiting for a processor at `node`, for the queue's figures.
  std::size_t waiting(NodeId node) const { return nodes_[node].queue.size(); }

 private:
  struct Waiting {
    PacketPool::Slot slot;
    NodeId from;
  };
  struct Node {
    int busy = 0;  // processors serving a packet
    Fifo<Waiting> queue;
    sim::RandomStream rng;  // service times
  };
  void start(Context& ctx, NodeId node, PacketPool::Slot slot, NodeId from);

  TimeSampler time_;
  bool instant_;
  int processors_;
  std::size_t queue_limit_;  // 0: none
  std::vector<Node> nodes_;  // per provider and mix
};

}  // namespace core
