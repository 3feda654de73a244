#include "analysis/loop_detection.h"

#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>

#include "core/config/client_classes.h"

namespace analysis {

std::uint32_t alarm_threshold(double mean, double false_alarm) {
  // P(Poisson(mean) < t) = Q(t, mean), the regularized upper incomplete gamma function, for
  // t >= 1 (and 0 for t = 0); it grows with t, so the largest t with Q(t, mean) <= false_alarm
  // is found by bisection, in log(mean) steps whatever the mean.
  auto below = [&](double t) { return t < 1 ? 0.0 : boost::math::gamma_q(t, mean); };
  if (mean <= 0 || below(1) > false_alarm) return 0;
  double low = 1, high = 2;  // below(low) <= false_alarm < below(high), once high is found
  while (below(high) <= false_alarm && high < 4e9) low = high, high *= 2;
  while (high - low > 1) {
    const double middle = std::floor((low + high) / 2);
    (below(middle) <= false_alarm ? low : high) = middle;
  }
  return static_cast<std::uint32_t>(low);
}

LoopDetection::LoopDetection(const core::Scenario& s, const core::Topology& t)
    : topology_(t),
      warmup_(sim::from_seconds(s.warmup)),
      window_(std::max<sim::Time>(1, sim::from_seconds(s.detection_window))),
      windows_(static_cast<std::size_t>((sim::from_seconds(s.horizon) - warmup_) / window_)),
      mixes_(static_cast<std::size_t>(t.layers() * t.mixes_per_layer())) {
  thresholds_.assign(mixes_, alarm_threshold(s.mix_loop_rate * s.detection_window, s.detection_false_alarm));
  if (s.detection_clients) {
    const core::ClientClasses classes(s);
    for (int c = 0; c < t.clients(); ++c)
      thresholds_.push_back(alarm_threshold(classes.profile(c).loop_rate * s.detection_window, s.detection_false_alarm));
  }
  returns_.assign(thresholds_.size() * windows_, 0);
  // The first disruption: the attack (if it blocks anything), or the outage.
  auto consider = [&](bool on, double start, double duration) {
    if (!on || sim::from_seconds(start) >= disrupted_from_) return;
    disrupted_from_ = sim::from_seconds(start);
    disrupted_until_ = duration > 0 ? sim::from_seconds(start + duration) : sim::kNever;
  };
  consider(s.block_fraction > 0 && !s.block_mixes.mixes.empty(), s.block_start, s.block_duration);
  consider(!s.outage_mixes.mixes.empty(), s.outage_start, s.outage_duration);
}

void LoopDetection::on_hop(const core::HopRecord& r) {
  if (r.event != core::HopEvent::Deliver) return;
  const core::Topology& t = topology_;
  if (r.kind == core::TrafficKind::MixLoop && t.role(r.node) == core::Role::Mix)
    return count(static_cast<std::size_t>(t.index(r.node)), r.time);  // its own loop, back
  if (r.kind == core::TrafficKind::Loop && thresholds_.size() > mixes_ && t.role(r.node) == core::Role::Provider &&
      r.peer < t.nodes() && t.role(r.peer) == core::Role::Client)
    count(mixes_ + static_cast<std::size_t>(t.index(r.peer)), r.time);  // into its sender's inbox
}

void LoopDetection::count(std::size_t watched, sim::Time t) {
  if (t < warmup_) return;
  const auto window = static_cast<std::size_t>((t - warmup_) / window_);
  if (window < windows_) ++returns_[watched * windows_ + window];
}

DetectionFigures LoopDetection::figures(std::size_t first, std::size_t count) const {
  DetectionFigures f;
  f.nodes = static_cast<int>(count);
  sim::Time detected = sim::kNever;
  for (std::size_t w = 0; w < windows_; ++w) {
    const sim::Time start = warmup_ + static_cast<sim::Time>(w) * window_, end = start + window_;
    const bool clear = end <= disrupted_from_;
    const bool disrupted = !clear && start < disrupted_until_;
    for (std::size_t n = first; n < first + count; ++n) {
      const bool alarm = returns_[n * windows_ + w] < thresholds_[n];
      if (clear) f.clear_windows += 1, f.clear_alarms += alarm;
      if (disrupted) f.disrupted_windows += 1, f.disrupted_alarms += alarm;
      if (alarm && !clear && end < detected) {
        detected = end;
        f.first_alarm = n < mixes_ ? topology_.mix(static_cast<int>(n) / topology_.mixes_per_layer(),
                                                   static_cast<int>(n) % topology_.mixes_per_layer())
                                   : topology_.client(static_cast<int>(n - mixes_));
      }
    }
  }
  const double hours = static_cast<double>(f.clear_windows) * sim::to_seconds(window_) / 3600;
  f.false_alarms_per_hour = hours > 0 ? static_cast<double>(f.clear_alarms) / hours : 0;
  if (detected != sim::kNever && disrupted_from_ != sim::kNever) f.time_to_detection_s = sim::to_seconds(detected - disrupted_from_);
  return f;
}

}  // namespace analysis
