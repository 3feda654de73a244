// Sender anonymity of target messages by the label-vector method: the entropy, at delivery,
// of each target's distribution over who may have sent it, computed backward from the
// targets so that it costs only what the targets touch.
#pragma once
#include <memory>
#include <unordered_map>
#include <vector>

#include "analysis/anonymity_targets.h"
#include "analysis/label_flow.h"
#include "analysis/label_vector.h"

namespace analysis {

struct DeliveredTarget {
  std::uint64_t message;
  core::NodeId sender, recipient;
  sim::Time sent, delivered;
  double entropy_bits;  // of its distribution over senders when its egress provider delivers it
  double p_sender;      // the probability that distribution gives the true sender
};

// Every client and mix is a label (its NodeId); the targets are chosen by TargetChoice.
//
// The forward method (LabelVectors over senders) gives a target, at delivery, the vector
// sum_j w_j {sender of packet j: 1}: w_j the weight the pools' mixing gives packet j. Each
// departure copies a pool sum over nearly every sender, O(senders) per hop. Here the same
// weights are found backward: the records' pool steps are logged (16 bytes each), and at
// finish() they are replayed in reverse, each delivered target starting as {target: 1} on
// its packet. In reverse, a departure of packet q from a pool of n adds B(q)/n to the
// pool's backward sum R after R is scaled by (n-1)/n (the forward keep factor), and a packet
// entering the pool takes R: the transpose of the forward step, so that at its Send a packet
// holds exactly w_j per target. A packet no target's past reaches carries nothing and costs
// O(1) per step; the cost of the reverse pass is the size of the targets' backward cones,
// so it falls with /anonymity/sample. R keeps a lazy scale (O(1) per departure), and masses
// below kFloor are forgotten (they move an entropy by less than 1e-12 bit).
//
// Backward, a pool step costs the targets whose cone it lies in: about the targets sent in
// the ln(1/kFloor)/mu seconds a cone reaches back; forward, it costs the senders a pool's
// sum holds, at most every label. Direction::Automatic takes the cheaper by that estimate
// from the scenario (so the same direction online and offline); both give the same numbers.
class SenderAnonymity final : public core::Observer {
 public:
  static constexpr double kFloor = 1e-18;
  enum class Direction { Automatic, Forward, Backward };

  // `row_budget`: how many row entries (targets x nodes) one reverse pass may hold.
  SenderAnonymity(const core::Scenario& scenario, const core::Topology& topology, std::vector<bool> corrupt,
                  Direction direction = Direction::Automatic, std::size_t row_budget = std::size_t{1} << 22);
  // The direction Automatic takes for this scenario.
  static Direction cheaper(const core::Scenario& scenario, const core::Topology& topology);
  bool backward() const { return forward_ == nullptr; }
  void on_hop(const core::HopRecord& r) override;
  // Computes every delivered target's distribution. Call once the records end.
  void finish();

  std::uint64_t targets() const { return choice_.chosen(); }  // sent
  const std::vector<DeliveredTarget>& delivered() const { return delivered_; }
  std::uint64_t dropped() const { return dropped_; }
  std::uint64_t in_flight() const { return targets() - delivered_.size() - dropped_; }
  // The senders that sent at least one packet: the labels that could hold mass.
  std::uint32_t labels() const { return labels_; }

  // The log's steps (exposed for the sink that fills it).
  enum class What : std::uint8_t { Start, CopyOf, Copy, Enter, Leave, Exit };
  struct Step {
    std::uint64_t packet;
    std::uint32_t value;  // Start: the sender; Enter, Leave: the node; Exit: the delivered target
    What what;
  };

 private:
  struct Sent {
    core::NodeId sender;
    sim::Time time;
  };
  struct Sink;
  void forward_end(const core::HopRecord& r, const LabelVector& v);
  // The reverse pass for delivered targets [first, last), in `senders` (at least
  // (last - first) x nodes doubles, its contents overwritten).
  void reverse_pass(std::size_t first, std::size_t last, std::vector<double>& senders);

  LabelFlow flow_;
  std::unique_ptr<LabelVectors> forward_;  // the forward method, when it is the cheaper
  TargetChoice choice_;
  std::vector<Step> log_;
  struct Exit {
    std::size_t step;  // where in the log a delivered target's Exit is
  };
  std::vector<Exit> exits_;                 // per delivered target
  std::vector<std::uint64_t> exit_sizes_;   // per delivered target, the pool sizes at its Exit
  std::vector<std::uint64_t> pool_size_;  // per provider and mix, as the forward records leave it
  std::vector<bool> sent_;                // by NodeId: sent a labelled packet
  std::size_t row_budget_;
  std::uint32_t labels_ = 0;
  std::unordered_map<std::uint64_t, Sent> pending_;  // targets sent, by message id
  std::uint64_t dropped_ = 0;
  std::vector<DeliveredTarget> delivered_;
};

}  // namespace analysis
