// Answers sent with reply blocks (/replies/...): for each kind (reply, ack), how many the
// recipients created, how many their askers fetched, and the round trip: from the send of the
// message that carried the block to the fetch of its answer by that message's sender (a
// client that does not pull: its provider's delivery). The cohort: messages sent at or after
// the warm-up. The answers' own latencies are in the kinds' figures, as every kind's.
#pragma once
#include <array>
#include <cstdint>
#include <unordered_map>

#include "analysis/latency_histogram.h"
#include "core/config/client_classes.h"
#include "core/model/topology/topology.h"
#include "core/observer.h"

namespace analysis {

class ReplyFigures final : public core::Observer {
 public:
  struct Figures {
    std::uint64_t created = 0;
    LatencyHistogram round_trip;  // its count: the answers fetched
  };
  ReplyFigures(const core::Scenario& scenario, const core::Topology& topology);
  void on_hop(const core::HopRecord& r) override;

  const Figures& reply() const { return figures_[0]; }
  const Figures& ack() const { return figures_[1]; }

 private:
  const core::Topology& topology_;
  core::ClientClasses classes_;
  sim::Time warmup_;
  std::unordered_map<std::uint64_t, sim::Time> open_;  // answer message -> send time of the message it answers
  std::array<Figures, 2> figures_;
};

}  // namespace analysis
