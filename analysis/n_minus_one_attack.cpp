#include "analysis/n_minus_one_attack.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace analysis {
namespace {

// The attack's period [start, end), cut at the horizon: the targets and outputs it counts.
std::pair<sim::Time, sim::Time> attack_period(const core::Scenario& s) {
  const sim::Time horizon = sim::from_seconds(s.horizon);
  const sim::Time end = s.block_duration > 0 ? sim::from_seconds(s.block_start + s.block_duration) : horizon;
  return {sim::from_seconds(s.block_start), std::min(end, horizon)};
}

}  // namespace

NMinusOneAttack::NMinusOneAttack(const core::Scenario& s, const core::Topology& t)
    : first_mix_(t.mix(0, 0)),
      pending_(static_cast<std::size_t>(t.layers() * t.mixes_per_layer())),
      sent_(pending_.size(), 0),
      outputs_(pending_.size(), 0) {
  std::tie(start_, end_) = attack_period(s);
}

void NMinusOneAttack::on_observation(const core::Observation& o) {
  if (o.what == core::ObservationKind::Target) {
    if (o.time >= end_) return;
    pending_[slot(o.node)].push_back(guesses_.size());
    guesses_.push_back({o.node, o.time, 0});
    return;
  }
  if (o.what != core::ObservationKind::Link || o.node < first_mix_ || slot(o.node) >= pending_.size()) return;
  if (o.count == 1) return;  // its own packet (/adversary/block/flood), which it knows is not the target
  // A packet the mix sends: the guess of every target that entered since its last output.
  const std::uint64_t output = ++sent_[slot(o.node)];
  std::vector<std::size_t>& waiting = pending_[slot(o.node)];
  for (std::size_t g : waiting) guesses_[g].output = output;
  waiting.clear();
  if (o.time >= start_ && o.time < end_) ++outputs_[slot(o.node)];
}

double NMinusOneAttack::output_rate(core::NodeId mix) const {
  return end_ > start_ ? static_cast<double>(outputs_[slot(mix)]) / sim::to_seconds(end_ - start_) : 0.0;
}

NMinusOneTruth::NMinusOneTruth(const core::Scenario& s, const core::Topology& t)
    : first_mix_(t.mix(0, 0)),
      targets_(s, t),
      horizon_(attack_period(s).second),
      sent_(static_cast<std::size_t>(t.layers() * t.mixes_per_layer()), 0) {}

void NMinusOneTruth::on_hop(const core::HopRecord& r) {
  if (targets_.entering(r)) {
    if (r.time >= horizon_) return;
    pooled_[r.packet] = passages_.size();
    passages_.push_back({r.node, r.time, 0});
    return;
  }
  const bool output = r.event == core::HopEvent::Send || r.event == core::HopEvent::Depart;
  if (output && targets_.watched(r.node) && r.kind != core::TrafficKind::Flood) {
    const std::uint64_t n = ++sent_[r.node - first_mix_];
    const auto it = pooled_.find(r.packet);
    if (it != pooled_.end() && r.event == core::HopEvent::Depart && r.node == passages_[it->second].mix) {
      passages_[it->second].output = n;
      pooled_.erase(it);
    }
    return;
  }
  if (r.event == core::HopEvent::Drop || r.event == core::HopEvent::Deliver) pooled_.erase(r.packet);
}

NMinusOneFigures::NMinusOneFigures(const core::Scenario& s, const core::Topology& t)
    : mu_(s.mix_strategy.name == "poisson" ? s.mu : std::numeric_limits<double>::quiet_NaN()),
      truth_(s, t),
      attack_(s, t),
      view_(s, t, attack_) {}

void NMinusOneFigures::on_hop(const core::HopRecord& r) {
  truth_.on_hop(r);
  view_.on_hop(r);
}

NMinusOneResult NMinusOneFigures::result() const {
  const std::vector<TargetPassage>& truth = truth_.passages();
  const std::vector<TargetPassage>& guesses = attack_.guesses();
  // Both come from the same records, target for target, in the same order.
  if (truth.size() != guesses.size())
    throw std::logic_error("(n-1) attack: " + std::to_string(guesses.size()) + " guesses for " + std::to_string(truth.size()) + " targets");
  NMinusOneResult out;
  double rate_sum = 0, closed_sum = 0;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    if (truth[i].mix != guesses[i].mix || truth[i].entered != guesses[i].entered)
      throw std::logic_error("(n-1) attack: guess " + std::to_string(i) + " is not for target " + std::to_string(i));
    if (truth[i].output == 0) continue;  // still in the mix when the records ended
    ++out.targets;
    out.linked += guesses[i].output == truth[i].output;
    const double r = attack_.output_rate(truth[i].mix);
    rate_sum += r;
    closed_sum += mu_ / (mu_ + r);
  }
  if (out.targets > 0) {
    const auto n = static_cast<double>(out.targets);
    out.success = static_cast<double>(out.linked) / n;
    out.output_rate_per_s = rate_sum / n;
    out.closed_form = closed_sum / n;
  }
  return out;
}

}  // namespace analysis
