// Where label mass moves, read off the hop records: a packet starts, a mix replays it, it
// enters or leaves an honest pool (the model's Enter and Leave records), its route ends. Both
// directions of the label-vector method (forward over any labels, backward from targets)
// follow these steps.
#pragma once
#include <cstdint>
#include <vector>

#include "core/model/topology/topology.h"
#include "core/observer.h"

namespace analysis {

// Calls, on SINK, for each record in order:
// - start(r): a client or a mix sends a new packet (r is the Send record);
// - copy(r, original): a mix sends a replayed copy of `original`, the packet that just left it;
// - enter(node, packet, r) / leave(node, packet, r): the packet enters or leaves an honest
//   pool (a corrupt mix's pool is not a pool here: each packet keeps its own mass);
// - end(r): the packet's route ends (Drop or Deliver).
// A provider's Send (a dummy in a pull answer) is never pooled and carries no mass: ignored.
// Only providers and mixes have pools: an Enter or Leave elsewhere is std::runtime_error.
class LabelFlow {
 public:
  // corrupt: one flag per mix index.
  LabelFlow(const core::Topology& topology, std::vector<bool> corrupt);

  template <typename Sink>
  void on_hop(const core::HopRecord& r, Sink& sink);

  const core::Topology& topology() const { return *topology_; }

 private:
  struct Last {  // a node's latest departure, which a replay repeats
    std::uint64_t message = 0, packet = 0;
    bool any = false;
  };
  bool corrupt(core::NodeId n) const;
  [[noreturn]] void not_a_pool(const core::HopRecord& r) const;

  const core::Topology* topology_;
  std::vector<bool> corrupt_;
  std::vector<Last> last_;  // per provider and mix
};

template <typename Sink>
void LabelFlow::on_hop(const core::HopRecord& r, Sink& sink) {
  switch (r.event) {
    case core::HopEvent::Send: {
      const core::Role role = topology_->role(r.node);
      if (role == core::Role::Provider) return;
      const Last& last = role == core::Role::Mix ? last_[r.node] : Last{};
      if (last.any && last.message == r.message) return sink.copy(r, last.packet);
      return sink.start(r);
    }
    case core::HopEvent::Enter:
    case core::HopEvent::Leave:
      if (r.node >= last_.size()) not_a_pool(r);
      if (r.event == core::HopEvent::Leave) last_[r.node] = {r.message, r.packet, true};
      if (corrupt(r.node)) return;
      if (r.event == core::HopEvent::Enter) return sink.enter(r.node, r.packet, r);
      return sink.leave(r.node, r.packet, r);
    case core::HopEvent::Drop:
    case core::HopEvent::Deliver: return sink.end(r);
    case core::HopEvent::Arrive:
    case core::HopEvent::Depart:
    case core::HopEvent::Fetch:
    case core::HopEvent::Create: return;
  }
}

}  // namespace analysis
