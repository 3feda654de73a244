#include "analysis/split_message_figures.h"

#include "analysis/client_receipt.h"

namespace analysis {

SplitMessageFigures::SplitMessageFigures(core::Split kind, const core::Scenario& s, const core::Topology& t)
    : kind_(kind), topology_(t), classes_(s), warmup_(sim::from_seconds(s.warmup)) {}

void SplitMessageFigures::on_hop(const core::HopRecord& r) {
  if (r.kind != core::TrafficKind::Payload || !core::SplitPart::is(kind_, r.message)) return;
  const core::SplitPart part = core::SplitPart::of(kind_, r.message);
  if (r.event == core::HopEvent::Create) {
    if (r.time < warmup_ || part.index != 0) return;  // one entry per split message, at its first part
    open_[part.message] = {r.time, part.parts, 0, false};
    ++messages_;
    parts_ += part.parts;
    return;
  }
  auto it = open_.find(part.message);
  if (it == open_.end()) return;
  Open& m = it->second;
  if (r.event == core::HopEvent::Drop && r.reason != core::DropReason::Replay && !m.lost) {
    m.lost = true;  // it can never complete
    ++lost_;
  }
  if (!received_by_client(r, topology_, classes_)) return;
  part_latency_.add(r.time - m.created);
  if (++m.received < m.parts) return;
  if (!m.lost) completion_.add(r.time - m.created);
  open_.erase(it);
}

}  // namespace analysis
