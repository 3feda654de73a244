#include "analysis/adversary_figures.h"

namespace analysis {

AdversaryFigures::AdversaryFigures(const core::Scenario& s, const core::Topology& t)
    : target_(s.adversary_advantage),
      truth_(s, t),
      contacts_(s, t, s.disclosure_targets.clients),
      receiver_(Side::Receiver, s, t),
      sender_(Side::Sender, s, t),
      disclosure_(s, t),
      view_(s, t, attacks_) {
  attacks_.add(receiver_);
  attacks_.add(sender_);
  attacks_.add(disclosure_);
}

void AdversaryFigures::on_hop(const core::HopRecord& r) {
  truth_.on_hop(r);
  contacts_.on_hop(r);
  view_.on_hop(r);
}

}  // namespace analysis
