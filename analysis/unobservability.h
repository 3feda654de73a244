// Sender and receiver unobservability (Sec. 4.1.2) against the adversary of /adversary: can
// it tell, from its observation stream alone, which clients send (receive) real messages?
//
// The test. For each client it observes, the adversary counts its evidence in consecutive
// windows of length w from the warm-up: for the receiver side, the deposits into the client's
// inbox when its provider is a corrupt egress provider, else (global passive adversary) the
// packets its provider puts on the link to it; for the sender side, the packets the client
// sends (seen by a corrupt ingress provider or on the link). Under "only cover" the evidence
// is a Poisson process of a known rate c (lambda_L for deposits; lambda_P + lambda_L +
// lambda_D for sends; K per pull period for pull answers); under "real traffic at rate r" its
// rate is c + r. The likelihood ratio of a window's n events, (1 + r/c)^n e^(-r w), grows with n
// for every r > 0, so the likelihood-ratio test at every r is "n >= t" (Neyman-Pearson), and
// the event times add nothing (the count is sufficient for a Poisson process). Sweeping t
// gives the test's ROC; its advantage is max over t of (true - false positive rate).
//
// Scoring it. Which clients truly receive (send) real messages comes from the records, not
// from the observations: a client is positive if a real message (payload, reply, ack) was
// deposited for it (it created one) in [warm-up, horizon]. The ROC is over (client, window)
// samples. Windows w = /adversary/window * 2^k up to the span; "time to advantage" is the
// shortest w whose advantage reaches /adversary/advantage.
//
// Cost: O(1) per observation and per record; memory 4 bytes per observed client per shortest
// window of the span, twice.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/adversary/observation.h"
#include "core/config/scenario.h"
#include "core/model/topology/topology.h"
#include "core/observer.h"

namespace analysis {

struct RocPoint {
  std::uint32_t threshold;  // t: "real traffic" when a window holds at least t events
  double false_positive_rate;
  double true_positive_rate;
};

struct WindowTest {
  double window_s = 0;
  std::uint64_t positives = 0, negatives = 0;  // (client, window) samples
  double advantage = 0;  // max over t of TPR - FPR
  double auc = 0;        // P(a positive window counts more than a negative one), ties half
  std::vector<RocPoint> roc;  // t from the largest count + 1 (0, 0) down to 0 (1, 1)
};

struct UnobservabilityResult {
  std::string evidence;  // "deposits", "pull_answers", "sends", "mixed" when clients differ, or "none"
  int observed_clients = 0, positive_clients = 0;
  std::vector<WindowTest> windows;  // empty unless both positives and negatives were observed
  double time_to_advantage_s = -1;  // the shortest window reaching /adversary/advantage; -1: none
};

enum class Side { Receiver, Sender };

class UnobservabilityTest final : public core::ObservationSink {
 public:
  UnobservabilityTest(Side side, const core::Scenario& scenario, const core::Topology& topology);
  void on_observation(const core::Observation& o) override;
  // The ROC per window, given which clients truly receive (send) real traffic.
  UnobservabilityResult result(const std::vector<bool>& positive, double target_advantage) const;

 private:
  enum class Evidence : std::uint8_t { None, Deposits, PullAnswers, ProviderSends, LinkSends };
  void count(core::NodeId client, sim::Time t);

  const core::Topology& topology_;
  sim::Time warmup_, window_;
  std::size_t windows_;                  // shortest windows in [warm-up, horizon]
  std::vector<Evidence> evidence_;       // per client
  std::vector<std::int64_t> slot_;       // per client: its row in counts_, or -1 if unobserved
  std::vector<std::uint32_t> counts_;    // per observed client, per shortest window
};

// Ground truth for scoring: which clients received and which created real messages in
// [warm-up, horizon].
class RealTraffic final : public core::Observer {
 public:
  RealTraffic(const core::Scenario& scenario, const core::Topology& topology);
  void on_hop(const core::HopRecord& r) override;
  const std::vector<bool>& receivers() const { return receivers_; }
  const std::vector<bool>& senders() const { return senders_; }

 private:
  const core::Topology& topology_;
  sim::Time warmup_, horizon_;
  std::vector<bool> receivers_, senders_;
};

}  // namespace analysis
