// Sender-receiver unlinkability (Loopix Sec. 4.3): for every message of the challengers S0
// and S1 that reaches the recipient R, the likelihood ratio of the two as its sender.
#pragma once
#include <unordered_map>
#include <vector>

#include "analysis/label_vector.h"
#include "analysis/sample_summary.h"
#include "core/config/scenario.h"

namespace analysis {

struct Challenge {
  std::uint64_t message;
  int challenger;  // 0: sent by S0, 1: by S1
  core::NodeId sender;
  sim::Time sent, delivered;
  double p0, p1;  // the probabilities of S0 and S1 in its vector when delivered to R's inbox

  // Exactly one of p0, p1 is zero: the adversary knows the sender (epsilon is infinite).
  bool zero() const { return (p0 == 0) != (p1 == 0); }
  double epsilon_nats() const;  // |ln(p0/p1)|; infinite when zero()
  double epsilon_bits() const;  // |log2(p0/p1)|
};

// Labels S0 (0) and S1 (1); every other sender's mass is "other". The challenge messages are
// the payload messages S0 and S1 send at or after the warm-up that are delivered to R.
class Unlinkability final : public core::Observer {
 public:
  Unlinkability(const core::Scenario& scenario, const core::Topology& topology, std::vector<bool> corrupt);
  void on_hop(const core::HopRecord& r) override;

  const std::vector<Challenge>& challenges() const { return challenges_; }
  core::NodeId s0() const { return challengers_[0]; }
  core::NodeId s1() const { return challengers_[1]; }
  core::NodeId recipient() const { return recipient_; }

  // delta: the share of challenges with zero() (NaN without challenges); the epsilon
  // summaries are over the others.
  double delta() const;
  SampleSummary epsilon_nats() const { return finite(&Challenge::epsilon_nats); }
  SampleSummary epsilon_bits() const { return finite(&Challenge::epsilon_bits); }

 private:
  struct Sent {
    int challenger;
    sim::Time time;
  };
  SampleSummary finite(double (Challenge::*epsilon)() const) const;

  LabelVectors vectors_;
  core::NodeId challengers_[2];
  core::NodeId recipient_;
  sim::Time warmup_;
  std::unordered_map<std::uint64_t, Sent> pending_;  // the challengers' payload messages, by id
  std::vector<Challenge> challenges_;
};

}  // namespace analysis
