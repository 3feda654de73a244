#include "core/model/service.h"

#include "core/model/context.h"
#include "core/model/event_kind.h"
#include "core/model/random_purpose.h"

namespace core {

Service::Service(const Scenario& s, const Topology& t)
    : time_(s.service_time), instant_(s.service_time.distribution == LatencyDistribution::Zero ||
                                      (s.service_time.distribution == LatencyDistribution::Constant && s.service_time.value == 0)),
      processors_(s.processors), queue_limit_(static_cast<std::size_t>(s.queue_limit)) {
  if (instant_) return;
  nodes_.reserve(t.client(0));
  for (NodeId n = 0; n < t.client(0); ++n)
    nodes_.push_back(Node{0, {}, sim::RandomStream::derive(s.seed, t.entity(n), Purpose::Service)});
}

bool Service::arrive(Context& ctx, NodeId node, PacketPool::Slot slot, NodeId from) {
  Node& n = nodes_[node];
  if (n.busy < processors_) {
    ++n.busy;
    start(ctx, node, slot, from);
    return true;
  }
  if (queue_limit_ > 0 && n.queue.size() >= queue_limit_) return false;
  n.queue.push({slot, from});
  return true;
}

void Service::served(Context& ctx, NodeId node) {
  Node& n = nodes_[node];
  if (n.queue.empty()) {
    --n.busy;
    return;
  }
  const Waiting next = n.queue.pop();
  start(ctx, node, next.slot, next.from);
}

void Service::start(Context& ctx, NodeId node, PacketPool::Slot slot, NodeId from) {
  ctx.sim.schedule_in(time_.draw(nodes_[node].rng), node, kServed, pack(slot, from));
}

}  // namespace core
