// Every metric of a run as one observer, built from the scenario alone: the network feeds
// it during the run (online), a trace feeds it afterwards (offline), with the same numbers.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "analysis/adversary_figures.h"
#include "analysis/inbox_figures.h"
#include "analysis/loop_detection.h"
#include "analysis/n_minus_one_attack.h"
#include "analysis/message_anonymity.h"
#include "analysis/mix_entropy.h"
#include "analysis/pool_occupancy.h"
#include "analysis/run_summary.h"
#include "analysis/sender_anonymity.h"
#include "analysis/reply_figures.h"
#include "analysis/split_message_figures.h"
#include "analysis/unlinkability.h"

namespace analysis {

class Metrics final : public core::Observer {
 public:
  // `topology` must outlive the Metrics.
  Metrics(const core::Scenario& scenario, const core::Topology& topology);
  // Records after the horizon (the drain's) reach the per-kind cohorts and the label-vector
  // metrics only: the time-weighted and per-time figures cover [warm-up, horizon].
  void on_hop(const core::HopRecord& record) override;
  // Closes the time series and gauges at the scenario's horizon. Call once the records end.
  void finish();

  const core::Scenario& scenario() const { return scenario_; }
  const core::Topology& topology() const { return *topology_; }
  const std::vector<bool>& corrupt() const { return corrupt_; }  // per mix index
  sim::Time entropy_period() const { return entropy_period_; }    // 1/1000 of the horizon

  const RunSummary& summary() const { return summary_; }
  const MixEntropyObserver& entropy() const { return entropy_; }
  const PoolOccupancy& pools() const { return pools_; }
  // nullptr unless /anonymity/levels holds "message" (and /anonymity/sample > 0).
  const MessageAnonymity* message_anonymity() const { return message_.get(); }
  // nullptr unless /anonymity/levels holds "sender" (and /anonymity/sample > 0).
  const SenderAnonymity* sender_anonymity() const { return sender_.get(); }
  // nullptr without challengers.
  const Unlinkability* unlinkability() const { return unlinkability_.get(); }
  // nullptr if no client pulls (no inbox is kept).
  const InboxFigures* inboxes() const { return inboxes_.get(); }
  // nullptr without /clients/groups.
  const SplitMessageFigures* groups() const { return groups_.get(); }
  // nullptr without /workload/file.
  const SplitMessageFigures* file_messages() const { return files_.get(); }
  // Null unless messages carry reply blocks.
  const ReplyFigures* replies() const { return replies_.get(); }
  // Null unless a global passive adversary or corrupt providers observe clients.
  const AdversaryFigures* adversary() const { return adversary_.get(); }
  // Null unless /detection/window > 0.
  const LoopDetection* detection() const { return detection_.get(); }
  // Null unless /adversary/block/mixes names a mix.
  const NMinusOneFigures* n_minus_one() const { return n_minus_one_.get(); }

 private:
  core::Scenario scenario_;
  const core::Topology* topology_;
  std::vector<bool> corrupt_;
  sim::Time horizon_;
  sim::Time entropy_period_;
  RunSummary summary_;
  MixEntropyObserver entropy_;
  PoolOccupancy pools_;
  std::unique_ptr<MessageAnonymity> message_;
  std::unique_ptr<SenderAnonymity> sender_;
  std::unique_ptr<Unlinkability> unlinkability_;
  std::unique_ptr<InboxFigures> inboxes_;
  std::unique_ptr<SplitMessageFigures> groups_, files_;
  std::unique_ptr<ReplyFigures> replies_;
  std::unique_ptr<AdversaryFigures> adversary_;
  std::unique_ptr<LoopDetection> detection_;
  std::unique_ptr<NMinusOneFigures> n_minus_one_;
};

// The metrics of a run from its trace (see feed_trace for the errors).
std::unique_ptr<Metrics> metrics_from_trace(const std::string& path, const core::Scenario& scenario,
                                            const core::Topology& topology);

}  // namespace analysis
