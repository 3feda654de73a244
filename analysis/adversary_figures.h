// Everything the adversary of /adversary measures in a run: its view of the records
// (core/adversary/adversary_view.h) feeds the unobservability tests and the disclosure attack,
// which read only those observations; the ground truth that scores them (who really sent or
// received real messages, whom the targets wrote to) comes from the records beside them.
#pragma once
#include "analysis/disclosure_attack.h"
#include "analysis/unobservability.h"
#include "core/adversary/adversary_view.h"

namespace analysis {

// The adversary's tests and attacks fed from its own view of the records, and the ground truth
// that scores them; Metrics has one when Scenario::observes_clients().
class AdversaryFigures final : public core::Observer {
 public:
  AdversaryFigures(const core::Scenario& scenario, const core::Topology& topology);
  void on_hop(const core::HopRecord& r) override;
  UnobservabilityResult receivers() const { return receiver_.result(truth_.receivers(), target_); }
  UnobservabilityResult senders() const { return sender_.result(truth_.senders(), target_); }
  // Empty (no targets, no rounds) without /adversary/disclosure/targets.
  DisclosureResult disclosure() const { return disclosure_.result(contacts_.contacts()); }
  void finish() { disclosure_.finish(); }

 private:
  double target_;
  RealTraffic truth_;
  TargetContacts contacts_;
  UnobservabilityTest receiver_, sender_;
  DisclosureAttack disclosure_;
  core::ObservationList attacks_;  // the three above
  core::AdversaryView view_;
};

}  // namespace analysis
