// Group messages (/clients/groups): each is sent as one unicast copy to every other member
// of the group (core/model/groups.h). A copy is received when its recipient fetches it from
// its inbox (or, for a client that does not pull, when its provider delivers it); a group
// message is complete once every copy is received. The latency of a copy and of a group
// message's completion both run from the group message's creation, so they include the
// copies' waits in their sender's send buffer.
#pragma once
#include <cstdint>
#include <unordered_map>

#include "analysis/latency_histogram.h"
#include "core/config/client_classes.h"
#include "core/model/topology/topology.h"
#include "core/observer.h"

namespace analysis {

class GroupFigures final : public core::Observer {
 public:
  GroupFigures(const core::Scenario& scenario, const core::Topology& topology);
  // The cohort: group messages created at or after the warm-up.
  void on_hop(const core::HopRecord& r) override;

  std::uint64_t messages() const { return messages_; }  // group messages created
  std::uint64_t copies() const { return copies_; }      // their copies
  std::uint64_t lost() const { return lost_; }          // group messages with a copy dropped
  const LatencyHistogram& copy_latency() const { return copy_latency_; }  // creation to each copy's receipt
  const LatencyHistogram& completion() const { return completion_; }      // creation to the last copy's receipt

 private:
  struct Open {
    sim::Time created;
    std::uint32_t copies, received;
    bool lost;
  };
  bool receipt(const core::HopRecord& r) const;

  const core::Topology& topology_;
  core::ClientClasses classes_;
  sim::Time warmup_;
  std::unordered_map<std::uint64_t, Open> open_;  // by group message
  std::uint64_t messages_ = 0, copies_ = 0, lost_ = 0;
  LatencyHistogram copy_latency_, completion_;
};

}  // namespace analysis
