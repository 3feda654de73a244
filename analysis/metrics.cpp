#include "analysis/metrics.h"

#include <algorithm>

#include "analysis/trace_replay.h"
#include "core/config/corrupt_nodes.h"

namespace analysis {

Metrics::Metrics(const core::Scenario& s, const core::Topology& t)
    : scenario_(s),
      topology_(&t),
      corrupt_(core::corrupt_mixes(s)),
      horizon_(sim::from_seconds(s.horizon)),
      entropy_period_(std::max<sim::Time>(1, horizon_ / 1000)),
      summary_(t.nodes(), sim::from_seconds(s.warmup), horizon_),
      entropy_(t, sim::from_seconds(s.warmup), entropy_period_),
      pools_(t, sim::from_seconds(s.warmup)) {
  if (s.anonymity() && s.anonymity_levels.message) message_ = std::make_unique<MessageAnonymity>(s, t, corrupt_);
  if (s.anonymity() && s.anonymity_levels.sender) sender_ = std::make_unique<SenderAnonymity>(s, t, corrupt_);
  if (s.challenge()) unlinkability_ = std::make_unique<Unlinkability>(s, t, corrupt_);
  const core::ClientClasses classes(s);
  if (std::any_of(classes.all().begin(), classes.all().end(),
                  [](const core::ClientClasses::Class& c) { return c.count > 0 && c.profile.pull_period > 0; }))
    inboxes_ = std::make_unique<InboxFigures>(s, t);
  if (!s.groups.empty()) groups_ = std::make_unique<SplitMessageFigures>(core::Split::Group, s, t);
  if (!s.workload_file.empty()) files_ = std::make_unique<SplitMessageFigures>(core::Split::File, s, t);
  if (s.replies()) replies_ = std::make_unique<ReplyFigures>(s, t);
  if (s.observes_clients()) adversary_ = std::make_unique<AdversaryFigures>(s, t);
  if (s.detection_window > 0) detection_ = std::make_unique<LoopDetection>(s, t);
  if (!s.block_mixes.mixes.empty()) n_minus_one_ = std::make_unique<NMinusOneFigures>(s, t);
}

void Metrics::on_hop(const core::HopRecord& r) {
  summary_.on_hop(r);
  if (r.time <= horizon_) {
    entropy_.on_hop(r);
    pools_.on_hop(r);
  }
  if (message_) message_->on_hop(r);
  if (sender_) sender_->on_hop(r);
  if (unlinkability_) unlinkability_->on_hop(r);
  if (inboxes_) inboxes_->on_hop(r);
  if (groups_) groups_->on_hop(r);
  if (files_) files_->on_hop(r);
  if (replies_) replies_->on_hop(r);
  if (adversary_) adversary_->on_hop(r);
  if (detection_) detection_->on_hop(r);
  if (n_minus_one_) n_minus_one_->on_hop(r);
}

void Metrics::finish() {
  entropy_.finish(horizon_);
  pools_.finish(horizon_);
  if (message_) message_->finish();
  if (sender_) sender_->finish();
  if (inboxes_) inboxes_->finish();
  if (adversary_) adversary_->finish();
}

std::unique_ptr<Metrics> metrics_from_trace(const std::string& path, const core::Scenario& scenario,
                                            const core::Topology& topology) {
  auto metrics = std::make_unique<Metrics>(scenario, topology);
  feed_trace(path, run_bounds(scenario, topology), *metrics);
  metrics->finish();
  return metrics;
}

}  // namespace analysis
