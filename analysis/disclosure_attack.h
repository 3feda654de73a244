// The statistical disclosure attack (Danezis 2003) in its continuous form, by the adversary of
// /adversary, from its observations alone: in rounds of /adversary/disclosure/round seconds it
// counts the packets each target client sends (seen by a corrupt ingress provider or a GPA)
// and the deposits into each client's inbox (seen by corrupt egress providers), and scores
// every other client by the covariance, over rounds, of the target's sends with that client's
// deposits. Its guess after r rounds: the k clients with the highest scores, k the number of
// the target's true contacts (the clients it wrote real messages to in [warm-up, horizon],
// from the records). Under Loopix's cover a target's sends per round do not depend on how many
// of them are real, so the scores carry no signal; without cover they do.
//
// Beside it, a flow-correlation classifier in the style of the published flow-matching
// attacks: for every (target, observed client) pair, the Pearson correlation over all rounds
// of the target's sends with the client's deposits; "the target writes to that client" when
// it reaches a threshold. Its ROC over the pairs, scored by the true contacts, and its AUC.
//
// Cost: O(1) per observation; per round O(targets x clients) to update the sums and
// O(targets x clients log clients) to rank; memory a score per target, client and round.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/adversary/observation.h"
#include "core/config/scenario.h"
#include "core/model/topology/topology.h"
#include "core/observer.h"

namespace analysis {

struct DisclosureRound {
  double end_s = 0;
  double precision = 0;  // mean over targets: the share of its top-k guesses that are contacts
  double mean_rank = 0;  // mean over targets and contacts: rank among the candidates / candidates, 0 best
};

struct FlowRocPoint {
  double threshold;  // correlation: "writes to" when a pair's reaches it
  double false_positive_rate, true_positive_rate;
};

struct FlowCorrelation {
  std::uint64_t pairs = 0, contact_pairs = 0;
  double auc = 0;        // P(a contact pair correlates more than another), ties half
  double advantage = 0;  // max over thresholds of TPR - FPR
  std::vector<FlowRocPoint> roc;  // thresholds from the highest correlation down
};

struct DisclosureResult {
  std::string evidence;  // "deposits at corrupt providers", or "none"
  int targets = 0, observed_receivers = 0;
  std::vector<DisclosureRound> rounds;
  double rounds_to_identify = -1;  // mean over targets of the first round count whose guess is
                                   // exactly its contacts (and stays so); -1 if one never is
  FlowCorrelation flow;            // over every round
};

class DisclosureAttack final : public core::ObservationSink {
 public:
  DisclosureAttack(const core::Scenario& scenario, const core::Topology& topology);
  void on_observation(const core::Observation& o) override;
  void finish();  // closes the rounds up to the horizon; call once the observations end
  // Scores the rounds by the targets' true contacts (client indices, per target).
  DisclosureResult result(const std::vector<std::vector<int>>& contacts) const;
  const std::vector<int>& targets() const { return targets_; }

 private:
  void close_rounds_until(sim::Time t);
  FlowCorrelation flow(const std::vector<std::vector<int>>& contacts) const;

  const core::Topology& topology_;
  std::vector<int> targets_;                 // client indices
  std::vector<int> target_of_;               // per client: its index in targets_, or -1
  std::vector<bool> receiver_seen_;          // per client: its inbox is observed
  std::vector<core::ObservationKind> send_evidence_;  // per target: Link (a GPA) or Send (its provider)
  std::vector<bool> sends_seen_;             // per target
  sim::Time warmup_, round_;
  std::size_t rounds_;                        // whole rounds in [warm-up, horizon]
  std::size_t closed_ = 0;                    // rounds summed so far
  std::vector<std::uint32_t> sent_;           // this round, per target
  std::vector<std::uint32_t> deposited_;      // this round, per client
  std::vector<double> sum_a_, sum_o_, sum_ao_;  // per target; per client; per target and client
  std::vector<double> sum_a2_, sum_o2_;         // squares: per target; per client
  std::vector<float> scores_;                 // per round, target and client
};

// The targets' true contacts from the records: the clients each wrote real messages to.
class TargetContacts final : public core::Observer {
 public:
  TargetContacts(const core::Scenario& scenario, const core::Topology& topology, const std::vector<int>& targets);
  void on_hop(const core::HopRecord& r) override;
  std::vector<std::vector<int>> contacts() const;

 private:
  const core::Topology& topology_;
  sim::Time warmup_, horizon_;
  std::vector<int> target_of_;
  std::vector<std::vector<bool>> wrote_;  // per target, per client
};

}  // namespace analysis
