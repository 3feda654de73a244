#include "analysis/run_summary.h"

namespace analysis {

std::uint64_t KindFigures::dropped_total() const {
  std::uint64_t total = 0;
  for (std::uint64_t d : dropped) total += d;
  return total;
}

void RunSummary::on_hop(const core::HopRecord& r) {
  ++events_;
  if (r.time >= warmup_ && r.time <= horizon_ && r.node < nodes_.size()) {
    NodeFigures& n = nodes_[r.node];
    switch (r.event) {
      case core::HopEvent::Send: ++n.sent; break;
      case core::HopEvent::Arrive: ++n.arrived; break;
      case core::HopEvent::Depart: ++n.departed; break;
      case core::HopEvent::Deliver: ++n.delivered; break;
      case core::HopEvent::Fetch: ++n.fetched; break;
      case core::HopEvent::Drop: ++n.dropped; break;
      case core::HopEvent::Enter:
      case core::HopEvent::Leave:   // pools have their own figures (PoolOccupancy)
      case core::HopEvent::Create: break;
    }
  }
  if (r.sent < warmup_) return;  // the cohort is the packets sent after the warm-up (none after the horizon)
  KindFigures& k = kinds_[static_cast<std::size_t>(r.kind)];
  switch (r.event) {
    case core::HopEvent::Send: ++k.sent; break;
    case core::HopEvent::Create: ++k.created; break;
    case core::HopEvent::Deliver:
      ++k.delivered;
      k.latency.add(r.time - r.sent);
      break;
    case core::HopEvent::Fetch:
      ++k.fetched;
      k.fetch_latency.add(r.time - r.sent);
      break;
    case core::HopEvent::Drop: ++k.dropped[static_cast<std::size_t>(r.reason)]; break;
    default: break;
  }
}

}  // namespace analysis
