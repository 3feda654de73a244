// Reads a pool's arrivals and departures off the hop records, for every analysis that
// follows the pools of the mixes (and of the providers, when they delay).
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/observer.h"
#include "core/model/topology/topology.h"

namespace analysis {

// A pool entry (a packet the node kept to delay) or a departure from the pool.
struct PoolStep {
  enum class What { Enter, Leave } what;
  core::NodeId node;
  std::uint64_t packet;
  sim::Time time;  // of the Arrive (Enter) or of the Depart (Leave)
};

// A node pools when it delays what it forwards: every mix, and the providers when the
// scenario's provider_delay is on (ingress packets and mix loops; the egress inbox is not a
// pool). The network reports a packet rejected or finished on arrival (a replay, a malformed
// routing slot, a delivery into an inbox, a mix's own loop coming back) as Arrive
// immediately followed, at that node and time, by its Drop or Deliver. So an Arrive is held
// and becomes an Enter when the node's next record shows it was kept (another Arrive, or a
// Depart); a Drop or Deliver of the held packet cancels it. Every Depart from a pooling
// node's pool is a Leave, even of the packet that just arrived: a departing message could be
// any pooled one. A Drop or Deliver of any other packet at a pooling node is inconsistent
// with this model: std::runtime_error.
class PoolTracker {
 public:
  PoolTracker(const core::Topology& topology, bool providers_delay);

  bool pools(core::NodeId n) const { return n < held_.size() && (topology_->role(n) == core::Role::Mix || providers_delay_); }

  // Calls step(PoolStep) for each pool change the record reveals, in order.
  template <typename Step>
  void on_hop(const core::HopRecord& r, Step&& step);

 private:
  struct Held {
    bool any = false;
    std::uint64_t packet = 0;
    sim::Time time = 0;
  };
  [[noreturn]] void inconsistent(const core::HopRecord& r, const char* what) const;

  const core::Topology* topology_;
  bool providers_delay_;
  std::vector<Held> held_;  // per provider and mix
};

template <typename Step>
void PoolTracker::on_hop(const core::HopRecord& r, Step&& step) {
  if (!pools(r.node)) return;
  Held& held = held_[r.node];
  auto keep_held = [&] {
    if (held.any) step(PoolStep{PoolStep::What::Enter, r.node, held.packet, held.time});
    held.any = false;
  };
  switch (r.event) {
    case core::HopEvent::Arrive:
      keep_held();
      held = {true, r.packet, r.time};
      break;
    case core::HopEvent::Drop:
    case core::HopEvent::Deliver:
      if (!held.any || held.packet != r.packet) inconsistent(r, "the packet did not just arrive there");
      held.any = false;
      break;
    case core::HopEvent::Depart:
      keep_held();
      // A provider's answer to a pull takes messages from an inbox, not from its pool.
      if (topology_->role(r.node) == core::Role::Provider && topology_->role(r.peer) == core::Role::Client) break;
      step(PoolStep{PoolStep::What::Leave, r.node, r.packet, r.time});
      break;
    case core::HopEvent::Send:
    case core::HopEvent::Fetch: break;
  }
}

}  // namespace analysis
