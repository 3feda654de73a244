#include "analysis/group_figures.h"

#include "core/model/groups.h"

namespace analysis {

GroupFigures::GroupFigures(const core::Scenario& s, const core::Topology& t)
    : topology_(t), classes_(s), warmup_(sim::from_seconds(s.warmup)) {}

bool GroupFigures::receipt(const core::HopRecord& r) const {
  if (r.event == core::HopEvent::Fetch) return true;
  return r.event == core::HopEvent::Deliver && topology_.role(r.node) == core::Role::Provider && r.peer != core::kNoNode &&
         topology_.role(r.peer) == core::Role::Client && classes_.profile(topology_.index(r.peer)).pull_period == 0;
}

void GroupFigures::on_hop(const core::HopRecord& r) {
  if (r.kind != core::TrafficKind::Payload || !core::GroupCopy::is(r.message)) return;
  const core::GroupCopy copy = core::GroupCopy::of(r.message);
  if (r.event == core::HopEvent::Create) {
    if (r.time < warmup_ || copy.index != 0) return;  // one entry per group message, at its first copy
    open_[copy.group_message] = {r.time, copy.copies, 0, false};
    ++messages_;
    copies_ += copy.copies;
    return;
  }
  auto it = open_.find(copy.group_message);
  if (it == open_.end()) return;
  Open& g = it->second;
  if (r.event == core::HopEvent::Drop && r.reason != core::DropReason::Replay && !g.lost) {
    g.lost = true;  // it can never complete
    ++lost_;
  }
  if (!receipt(r)) return;
  copy_latency_.add(r.time - g.created);
  if (++g.received < g.copies) return;
  if (!g.lost) completion_.add(r.time - g.created);
  open_.erase(it);
}

}  // namespace analysis
