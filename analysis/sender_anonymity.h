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
#include "core/zeroed_array.h"

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
// O(1) per step, so the cost falls with /anonymity/sample. R keeps a lazy scale (O(1) per
// departure), and masses below kFloor are forgotten (they move an entropy by less than
// 1e-12 bit).
//
// The targets are replayed in batches of consecutive deliveries (at most `batch`, all within
// one backward reach of the first), one reverse pass each, from the batch's last delivery
// back until its mass is all placed. A pass's masses are dense rows over its targets: one per
// pool (R), one per packet carrying mass between two of its steps (few at once: with no link
// latency an Enter hands R straight to the packet's previous step), and one per sender, which
// the Starts fill and whose entropy terms end the pass.
//
// Cost. A cone reaches back W = ln(1/kFloor)/mu seconds of the log (plus the routes' latency),
// so for targets delivered r per second a pass over B of them reads B/r + W seconds of steps:
// a row of B doubles (vectorized) for each step there that carries mass, O(1) for the others;
// then B x senders entropy terms. Over T targets, T (1/r + W/B) seconds of steps are read and
// the rows hold (1 + B/(r W)) times the (target, step) masses of the cones themselves. The
// reference case (bench_peer_case, sample 0.01: 11,300 targets, r = 100/s, W = 4.4 s at
// mu = 10/s, B = 128) makes 89 passes reading 35 M steps, with 14 M rows of 128 doubles and
// 1.1e8 entropy terms; its sender rows (10,000 x 128 doubles) take 10 MB, its log 138 MB.
//
// Forward, a pool step costs the senders a pool's sum holds, at most every label.
// Direction::Automatic takes the cheaper by an estimate from the scenario (the targets of a
// cone's reach against the labels; so the same direction online and offline); both give the
// same numbers.
class SenderAnonymity final : public core::Observer {
 public:
  static constexpr double kFloor = 1e-18;
  enum class Direction { Automatic, Forward, Backward };

  // `batch`: at most how many targets one reverse pass takes (the width of its rows).
  SenderAnonymity(const core::Scenario& scenario, const core::Topology& topology, std::vector<bool> corrupt,
                  Direction direction = Direction::Automatic, std::size_t batch = 128);
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
  // The log, in chunks of 16 MiB taken zeroed from the system (in huge pages where it grants
  // them): it grows without copying what it holds, and with few page faults.
  class Log {
   public:
    void push_back(const Step& step) {
      if (size_ % kChunk == 0) chunks_.emplace_back(kChunk);
      chunks_.back()[size_++ % kChunk] = step;
    }
    const Step& operator[](std::size_t i) const { return chunks_[i / kChunk][i % kChunk]; }
    std::size_t size() const { return size_; }

   private:
    static constexpr std::size_t kChunk = (std::size_t{16} << 20) / sizeof(Step);
    std::vector<core::ZeroedArray<Step>> chunks_;
    std::size_t size_ = 0;
  };
  struct Sink;
  void forward_end(const core::HopRecord& r, const LabelVector& v);
  // The reverse pass for delivered targets [first, last), in `senders` (at least
  // (last - first) x nodes doubles, its contents overwritten).
  void reverse_pass(std::size_t first, std::size_t last, std::vector<double>& senders);

  LabelFlow flow_;
  std::unique_ptr<LabelVectors> forward_;  // the forward method, when it is the cheaper
  TargetChoice choice_;
  Log log_;
  struct Exit {
    std::size_t step;  // where in the log a delivered target's Exit is
  };
  std::vector<Exit> exits_;                 // per delivered target
  std::vector<std::uint64_t> exit_sizes_;   // per delivered target, the pool sizes at its Exit
  std::vector<std::uint64_t> pool_size_;  // per provider and mix, as the forward records leave it
  std::vector<bool> sent_;                // by NodeId: sent a labelled packet
  std::size_t batch_;
  sim::Time reach_;  // how far back a cone reaches: ln(1/kFloor)/mu
  std::uint32_t labels_ = 0;
  std::unordered_map<std::uint64_t, Sent> pending_;  // targets sent, by message id
  std::uint64_t dropped_ = 0;
  std::vector<DeliveredTarget> delivered_;
};

}  // namespace analysis
