// Loop-based detection of (n-1) and blending attacks (Sec. 4.2): every mix (and, with
// /detection/clients, every client) knows its own loops, so it counts those coming back in
// consecutive windows of /detection/window seconds from the warm-up. Without attack or loss its
// loops come back as a Poisson process at its loop rate (lambda_M for a mix, lambda_L for a
// client: Poisson streams through independent delays stay Poisson), so a window holds
// Poisson(rate * window) returns; it raises an alarm when it counts fewer than t, the largest t
// with P(Poisson(rate * window) < t) <= /detection/false_alarm. What it gives: the alarms in
// windows before any disruption (false alarms, per node-hour), the alarms in windows that
// overlap one, and the time from the first disruption's start (an attack's or an outage's) to
// the end of the first window in which some node raised an alarm.
//
// Cost: O(1) per record; a count per watched node per window.
#pragma once
#include <cstdint>
#include <vector>

#include "core/config/scenario.h"
#include "core/model/topology/topology.h"
#include "core/observer.h"

namespace analysis {

// The threshold t: the largest with P(Poisson(mean) < t) <= false_alarm.
std::uint32_t alarm_threshold(double mean, double false_alarm);

struct DetectionFigures {
  int nodes = 0;                  // watched
  std::uint64_t clear_windows = 0, clear_alarms = 0;          // windows that end before any disruption
  std::uint64_t disrupted_windows = 0, disrupted_alarms = 0;  // windows that overlap one
  double false_alarms_per_hour = 0;  // clear alarms per node-hour of clear windows
  double time_to_detection_s = -1;   // -1: no alarm from the disruption's start on (or none)
  core::NodeId first_alarm = core::kNoNode;  // the node that raised it
};

class LoopDetection final : public core::Observer {
 public:
  LoopDetection(const core::Scenario& scenario, const core::Topology& topology);
  void on_hop(const core::HopRecord& r) override;
  DetectionFigures mixes() const { return figures(0, mixes_); }
  DetectionFigures clients() const { return figures(mixes_, static_cast<std::size_t>(thresholds_.size()) - mixes_); }
  bool watches_clients() const { return thresholds_.size() > mixes_; }
  sim::Time disruption_start() const { return disrupted_from_; }  // kNever without one

 private:
  void count(std::size_t watched, sim::Time t);
  DetectionFigures figures(std::size_t first, std::size_t count) const;

  const core::Topology& topology_;
  sim::Time warmup_, window_;
  std::size_t windows_;
  std::size_t mixes_;                       // watched nodes [0, mixes_) are mixes, then clients
  std::vector<std::uint32_t> thresholds_;   // per watched node
  std::vector<std::uint32_t> returns_;      // per watched node, per window
  sim::Time disrupted_from_ = sim::kNever, disrupted_until_ = sim::kNever;
};

}  // namespace analysis
