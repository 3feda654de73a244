// Packets lost or held on the links into chosen mixes for a while: an active adversary
// blocking a share of them, its targets' real messages spared (the (n-1) attack,
// /adversary/block), or a mix that is down, without an attacker (/faults/outage). A lost
// packet is reported as a drop at the mix it was sent to (reason blocked or outage), without an
// arrival: the mix never sees it. With /adversary/block/delay the attacker holds the packets it
// blocks instead, and each arrives that much later (once: a held packet is not blocked again).
#pragma once
#include <cstdint>
#include <unordered_set>
#include <vector>

#include "core/config/scenario.h"
#include "core/model/packet_pool.h"
#include "core/model/topology/topology.h"
#include "sim/random.h"

namespace core {

class Disruption {
 public:
  Disruption(const Scenario& scenario, const Topology& topology);
  bool any() const { return any_; }
  // What happens to a packet arriving now at `node`: nothing, lost (`lost` says why), or held
  // for `held` more before it arrives.
  struct Fate {
    DropReason lost = DropReason::None;
    sim::Time held = 0;
  };
  // The fate of packet `slot` (ground truth `truth`) arriving now at `node`. Each packet
  // arriving at a blocked mix during the attack takes one draw from that mix's stream
  // (seed, mix, Purpose::Block), whether or not it is spared; the attacker's own packets
  // (kind flood) take none.
  Fate fate(NodeId node, PacketPool::Slot slot, const PacketTruth& truth, sim::Time now);

 private:
  struct Period {
    sim::Time start = 0, end = 0;
    bool covers(sim::Time t) const { return t >= start && t < end; }
  };
  const Topology& topology_;
  bool any_ = false;
  std::vector<std::uint8_t> blocked_, down_;  // per mix index
  Period attack_, outage_;
  double fraction_;
  sim::Time hold_;                                  // 0: blocked packets are lost
  std::unordered_set<PacketPool::Slot> released_;   // held packets on their way again
  std::vector<bool> spared_;               // per client index
  std::vector<sim::RandomStream> draws_;   // per mix index, for blocked mixes
};

}  // namespace core
