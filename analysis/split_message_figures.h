// Messages split into several payload messages (core/model/split_message.h): group messages,
// one copy to every other member, and workload-file messages larger than one payload, in
// parts. A part is received when its recipient fetches it from its inbox (or, for a client
// that does not pull, when its provider delivers it); the split message is complete once
// every part is received. Latencies run from the split message's creation, so they include
// the parts' waits in their sender's send buffer.
#pragma once
#include <cstdint>
#include <unordered_map>

#include "analysis/latency_histogram.h"
#include "core/config/client_classes.h"
#include "core/model/split_message.h"
#include "core/model/topology/topology.h"
#include "core/observer.h"

namespace analysis {

class SplitMessageFigures final : public core::Observer {
 public:
  SplitMessageFigures(core::Split kind, const core::Scenario& scenario, const core::Topology& topology);
  // The cohort: split messages created at or after the warm-up.
  void on_hop(const core::HopRecord& r) override;

  std::uint64_t messages() const { return messages_; }  // created
  std::uint64_t parts() const { return parts_; }        // their parts
  std::uint64_t lost() const { return lost_; }          // messages with a part dropped
  const LatencyHistogram& part_latency() const { return part_latency_; }  // creation to each part's receipt
  const LatencyHistogram& completion() const { return completion_; }      // creation to the last part's receipt

 private:
  struct Open {
    sim::Time created;
    std::uint32_t parts, received;
    bool lost;
  };

  core::Split kind_;
  const core::Topology& topology_;
  core::ClientClasses classes_;
  sim::Time warmup_;
  std::unordered_map<std::uint64_t, Open> open_;  // by split message
  std::uint64_t messages_ = 0, parts_ = 0, lost_ = 0;
  LatencyHistogram part_latency_, completion_;
};

}  // namespace analysis
