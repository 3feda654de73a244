// The targets of an (n-1) attack (/adversary/block): the real messages of the clients it
// spares, which the attacker singles out where they enter a mix it blocks. The attacker is
// assumed to recognise them (it picked them out upstream); the ground truth of the records
// stands in for that recognition, here and nowhere else.
#pragma once
#include <cstdint>
#include <unordered_set>
#include <vector>

#include "core/config/scenario.h"
#include "core/model/topology/topology.h"
#include "core/observer.h"

namespace core {

class BlockTargets {
 public:
  BlockTargets(const Scenario& scenario, const Topology& topology);
  // Whether the attack watches the links of some mix (its `/adversary/block/mixes`).
  bool any() const { return any_; }
  // Whether `node` is a mix the attack blocks (and watches).
  bool watched(NodeId node) const;
  // Feeds one record; true when it is a target's packet entering the pool of a watched mix
  // while the attack lasts.
  bool entering(const HopRecord& r);

 private:
  const Topology* topology_;
  bool any_ = false;
  sim::Time start_, end_;
  std::vector<bool> watched_;  // per mix index
  std::vector<bool> spared_;   // per client index
  std::unordered_set<std::uint64_t> in_flight_;  // the spared clients' real packets on their way
};

}  // namespace core
