// Which payload messages are the targets of the label-vector anonymity metrics: the same
// choice for the message-level and the sender-level metric, online and offline.
#pragma once
#include <cstdint>
#include <vector>

#include "core/observer.h"
#include "core/config/scenario.h"
#include "core/model/topology/topology.h"

namespace analysis {

// A target is a payload message sent at or after the warm-up by one of /anonymity/senders,
// kept if a hash of (seed, message id) falls below /anonymity/sample (so the choice draws no
// random number), and among the first /anonymity/targets such messages (0: all of them).
class TargetChoice {
 public:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  TargetChoice(const core::Scenario& scenario, const core::Topology& topology);

  // For a Send record: the index of the target it starts (0, 1, ... in sending order), or kNone.
  std::uint32_t on_send(const core::HopRecord& r);
  std::uint32_t chosen() const { return chosen_; }

 private:
  bool sampled(std::uint64_t message) const;

  std::vector<bool> sender_;  // by NodeId: whose payload messages may be targets
  sim::Time warmup_;
  std::uint64_t seed_;
  double sample_;
  std::uint32_t limit_;  // 0: none
  std::uint32_t chosen_ = 0;
};

}  // namespace analysis
