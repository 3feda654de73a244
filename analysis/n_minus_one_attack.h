// The (n-1) attacker's own success (Sec. 4.2). Watching the links of a mix it blocks
// (/adversary/block), it sees its target's packet enter the mix and guesses that the target
// is the first packet the mix sends after that. The guess reads only the attacker's
// observations (core/adversary/adversary_view.h); the records say whether it was right.
//
// Closed form, for a Poisson mix with delay rate mu: let the mix's other outputs (the
// packets the attacker lets through, the mix's own loops) leave as a Poisson process at rate
// r. The target leaves after T ~ Exp(mu); a packet already in the pool, or entering after the
// target, leaves first with a chance that cancels out (PASTA), so the first output after the
// target is the target itself with probability E[e^(-r T)] = mu / (mu + r). The attacker
// measures r as the mix's output rate during the attack, leaving out its own packets
// (/adversary/block/flood), which it knows when they leave. Blocking a share s of what enters
// the mix shrinks r to lambda_M + (1 - s) lambda_in; the paper's s mu / (s lambda_M +
// lambda_R) counts the same competitors (its pool of real messages and loops).
//
// Cost: O(1) per observation and record; a guess and a truth entry per target.
#pragma once
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <vector>

#include "core/adversary/adversary_view.h"
#include "core/adversary/block_targets.h"

namespace analysis {

struct NMinusOneResult {
  std::uint64_t targets = 0;  // target packets that entered a watched mix during the attack and left it
  std::uint64_t linked = 0;   // those the attacker's guess picked out
  double success = std::numeric_limits<double>::quiet_NaN();  // linked / targets
  // The watched mixes' outputs per second during the attack, averaged over the targets' mixes.
  double output_rate_per_s = std::numeric_limits<double>::quiet_NaN();
  // The mean over targets of mu / (mu + r), r the output rate of the target's mix; NaN for
  // mix strategies other than poisson, or without targets.
  double closed_form = std::numeric_limits<double>::quiet_NaN();
};

// One target packet at a watched mix: when it entered, and which of the mix's outputs it left
// as (the attacker's guess, or the truth), numbered from 1 in the order the mix sent them,
// leaving out the attacker's own packets; 0 until known. (Numbers, not times: a batch mix
// sends many packets at one instant.)
struct TargetPassage {
  core::NodeId mix = core::kNoNode;
  sim::Time entered = 0;
  std::uint64_t output = 0;
};

// The attacker: from Target and Link observations only.
class NMinusOneAttack final : public core::ObservationSink {
 public:
  NMinusOneAttack(const core::Scenario& scenario, const core::Topology& topology);
  void on_observation(const core::Observation& o) override;
  const std::vector<TargetPassage>& guesses() const { return guesses_; }
  // The outputs of `mix` (a watched one) per second during the attack, up to the horizon.
  double output_rate(core::NodeId mix) const;

 private:
  std::size_t slot(core::NodeId mix) const { return mix - first_mix_; }

  core::NodeId first_mix_;
  sim::Time start_, end_;  // the attack, cut at the horizon
  std::vector<TargetPassage> guesses_;
  std::vector<std::vector<std::size_t>> pending_;  // per mix index: guesses waiting for an output
  std::vector<std::uint64_t> sent_;               // per mix index: its outputs so far
  std::vector<std::uint64_t> outputs_;            // per mix index, during the attack
};

// The truth: when each target packet really left the mix.
class NMinusOneTruth final : public core::Observer {
 public:
  NMinusOneTruth(const core::Scenario& scenario, const core::Topology& topology);
  void on_hop(const core::HopRecord& r) override;
  const std::vector<TargetPassage>& passages() const { return passages_; }

 private:
  core::NodeId first_mix_;
  core::BlockTargets targets_;
  sim::Time horizon_;
  std::vector<std::uint64_t> sent_;  // per mix index: its outputs so far (the attacker's own left out)
  std::vector<TargetPassage> passages_;
  std::unordered_map<std::uint64_t, std::size_t> pooled_;  // packet -> its passage, while in the pool
};

// The attack fed from its own view of the records, and the truth that scores it; Metrics has
// one when /adversary/block/mixes is set (with /adversary/block/fraction 0 the attacker only
// watches: the baseline its blocking improves on).
class NMinusOneFigures final : public core::Observer {
 public:
  NMinusOneFigures(const core::Scenario& scenario, const core::Topology& topology);
  void on_hop(const core::HopRecord& r) override;
  NMinusOneResult result() const;

 private:
  double mu_;  // NaN unless the mixes are Poisson mixes
  NMinusOneTruth truth_;
  NMinusOneAttack attack_;
  core::AdversaryView view_;
};

}  // namespace analysis
