#include "analysis/reply_figures.h"

namespace analysis {

ReplyFigures::ReplyFigures(const core::Scenario& s, const core::Topology& t)
    : topology_(t), classes_(s), warmup_(sim::from_seconds(s.warmup)) {}

// Fetched by its recipient, or delivered to one that does not pull.
bool ReplyFigures::receipt(const core::HopRecord& r) const {
  if (r.event == core::HopEvent::Fetch) return true;
  return r.event == core::HopEvent::Deliver && r.peer != core::kNoNode && topology_.role(r.peer) == core::Role::Client &&
         classes_.profile(topology_.index(r.peer)).pull_period <= 0;
}

void ReplyFigures::on_hop(const core::HopRecord& r) {
  if (r.kind != core::TrafficKind::Reply && r.kind != core::TrafficKind::Ack) return;
  Figures& f = figures_[r.kind == core::TrafficKind::Ack ? 1 : 0];
  if (r.event == core::HopEvent::Create) {
    if (r.sent < warmup_) return;
    ++f.created;
    open_[r.message] = r.sent;
    return;
  }
  if (!receipt(r)) return;
  const auto it = open_.find(r.message);
  if (it == open_.end()) return;
  f.round_trip.add(r.time - it->second);
  open_.erase(it);
}

}  // namespace analysis
