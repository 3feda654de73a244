// Sender anonymity of target messages by the label-vector method: the entropy, at delivery,
// of each target's distribution over who may have sent it.
#pragma once
#include <unordered_map>
#include <vector>

#include "analysis/label_vector.h"
#include "core/scenario.h"

namespace analysis {

struct DeliveredTarget {
  std::uint64_t message;
  core::NodeId sender, recipient;
  sim::Time sent, delivered;
  double entropy_bits;  // of its vector when its egress provider delivers it into the inbox
  double p_sender;      // the probability that vector gives the true sender
};

// Every client and mix is a label (its NodeId). The targets are the payload messages sent at
// or after the warm-up by /anonymity/senders, each kept if a hash of (seed, message id)
// falls below /anonymity/sample, so the choice needs no random stream and is the same
// online and offline.
class SenderAnonymity final : public core::Observer {
 public:
  SenderAnonymity(const core::Scenario& scenario, const core::Topology& topology, std::vector<bool> corrupt);
  void on_hop(const core::HopRecord& r) override;

  bool is_target(core::NodeId sender, std::uint64_t message) const;
  std::uint64_t targets() const { return targets_; }  // sent
  const std::vector<DeliveredTarget>& delivered() const { return delivered_; }
  std::uint64_t dropped() const { return dropped_; }
  std::uint64_t in_flight() const { return targets_ - delivered_.size() - dropped_; }
  std::uint32_t labels() const { return labels_; }  // the number of possible senders

 private:
  struct Sent {
    core::NodeId sender;
    sim::Time time;
  };
  LabelVectors vectors_;
  std::vector<bool> sender_;  // by NodeId: whose payload messages may be targets
  sim::Time warmup_;
  std::uint64_t seed_;
  double sample_;
  std::uint32_t labels_;
  std::unordered_map<std::uint64_t, Sent> pending_;  // targets sent, by message id
  std::uint64_t targets_ = 0, dropped_ = 0;
  std::vector<DeliveredTarget> delivered_;
};

}  // namespace analysis
