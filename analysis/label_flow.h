// Where label mass moves, read off the hop records: a packet starts, a mix replays it, it
// enters or leaves an honest pool, its route ends. Both directions of the label-vector
// method (forward over any labels, backward from targets) follow these steps.
#pragma once
#include <cstdint>
#include <vector>

#include "analysis/pool_tracker.h"

namespace analysis {

// Calls, on SINK, for each record in order:
// - start(r): a client or a mix sends a new packet (r is the Send record);
// - copy(r, original): a mix sends a replayed copy of `original`, the packet that just left it;
// - enter(node, packet, r) / leave(node, packet, r): the packet enters or leaves an honest
//   pool (a corrupt mix's pool is not a pool here: each packet keeps its own mass);
// - end(r): the packet's route ends (Drop or Deliver).
// A provider's Send (a dummy in a pull answer) is never pooled and carries no mass: ignored.
class LabelFlow {
 public:
  // corrupt: one flag per mix index.
  LabelFlow(const core::Topology& topology, bool providers_delay, std::vector<bool> corrupt);

  template <typename Sink>
  void on_hop(const core::HopRecord& r, Sink& sink);

  const core::Topology& topology() const { return *topology_; }

 private:
  struct Last {  // a node's latest departure, which a replay repeats
    std::uint64_t message = 0, packet = 0;
    bool any = false;
  };
  bool corrupt(core::NodeId n) const;

  const core::Topology* topology_;
  PoolTracker tracker_;
  std::vector<bool> corrupt_;
  std::vector<Last> last_;  // per provider and mix
};

template <typename Sink>
void LabelFlow::on_hop(const core::HopRecord& r, Sink& sink) {
  if (r.event == core::HopEvent::Send) {
    const core::Role role = topology_->role(r.node);
    if (role == core::Role::Provider) return;
    const Last& last = role == core::Role::Mix ? last_[r.node] : Last{};
    if (last.any && last.message == r.message) return sink.copy(r, last.packet);
    return sink.start(r);
  }
  tracker_.on_hop(r, [&](const PoolStep& s) {
    if (s.what == PoolStep::What::Leave) last_[s.node] = {r.message, s.packet, true};
    if (corrupt(s.node)) return;
    if (s.what == PoolStep::What::Enter) {
      sink.enter(s.node, s.packet, r);
    } else {
      sink.leave(s.node, s.packet, r);
    }
  });
  if (r.event == core::HopEvent::Drop || r.event == core::HopEvent::Deliver) sink.end(r);
}

}  // namespace analysis
