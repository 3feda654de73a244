#include "analysis/reply_figures.h"

#include "analysis/client_receipt.h"

namespace analysis {

ReplyFigures::ReplyFigures(const core::Scenario& s, const core::Topology& t)
    : topology_(t), classes_(s), warmup_(sim::from_seconds(s.warmup)) {}

void ReplyFigures::on_hop(const core::HopRecord& r) {
  if (r.kind != core::TrafficKind::Reply && r.kind != core::TrafficKind::Ack) return;
  Figures& f = figures_[r.kind == core::TrafficKind::Ack ? 1 : 0];
  if (r.event == core::HopEvent::Create) {
    if (r.sent < warmup_) return;
    ++f.created;
    open_[r.message] = r.sent;
    return;
  }
  if (!received_by_client(r, topology_, classes_)) return;
  const auto it = open_.find(r.message);
  if (it == open_.end()) return;
  f.round_trip.add(r.time - it->second);
  open_.erase(it);
}

}  // namespace analysis
