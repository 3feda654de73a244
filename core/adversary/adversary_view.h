// Who sees what (/adversary): the observations an adversary makes of a run, derived from the
// model's records. The global passive adversary (/adversary/gpa) sees every packet put on a
// link: its time, sender and receiver (pull answers included; a pull request is not a packet
// in the model). A corrupt provider (/adversary/corrupt_providers) sees, as ingress, each
// packet its clients send it, and, as egress, each deposit into its clients' inboxes, each
// pull it answers with how many of the answer's packets came from the inbox, and the drop
// messages that end at it. A corrupt mix (/adversary/corrupt) sees its input-output mapping.
// The active adversary of an (n-1) attack (/adversary/block) sees every packet on the links
// into and out of the mixes it blocks, as the GPA does, and which of them is its target's as
// it enters the mix (core/adversary/block_targets.h).
// Nothing else: no traffic kind, no packet or message id.
#pragma once
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/adversary/block_targets.h"
#include "core/adversary/observation.h"
#include "core/config/scenario.h"
#include "core/model/topology/topology.h"
#include "core/observer.h"

namespace core {

class AdversaryView final : public Observer {
 public:
  // `topology` and `sink` must outlive the view.
  AdversaryView(const Scenario& scenario, const Topology& topology, ObservationSink& sink);
  void on_hop(const HopRecord& record) override;

 private:
  bool ingress(NodeId n) const { return n < ingress_.size() && ingress_[n]; }
  bool egress(NodeId n) const { return n < egress_.size() && egress_[n]; }
  bool corrupt_mix(NodeId n) const;
  bool client(NodeId n) const { return n < topology_->nodes() && topology_->role(n) == Role::Client; }
  void on_pull_answer(const HopRecord& r);
  void emit(Observation o) { sink_->on_observation(o); }

  const Topology* topology_;
  ObservationSink* sink_;
  bool gpa_;
  BlockTargets targets_;
  std::uint32_t pull_messages_;      // K: the packets of every pull answer
  std::vector<bool> ingress_, egress_;  // per provider (a provider's node id is its index)
  std::vector<bool> corrupt_mixes_;     // per mix index
  std::unordered_map<std::uint64_t, std::pair<sim::Time, NodeId>> entered_;  // packet -> (time, from) in corrupt pools
  Observation pull_;                 // the pull answer being seen, packet by packet
  std::uint32_t pull_packets_ = 0;   // its packets so far
};

}  // namespace core
