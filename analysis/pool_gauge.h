// The time-weighted occupancy of a mix's pool after the warm-up: the time spent at each
// size, from which the distribution, mean, variance and P(empty) follow exactly.
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/time.h"

namespace analysis {

class PoolGauge {
 public:
  explicit PoolGauge(sim::Time warmup = 0) : start_(warmup), last_(warmup) {}

  // One more at `now`.
  void enter(sim::Time now) {
    advance(now);
    ++size_;
  }
  // One fewer at `now`; false (and nothing changes) when the count is zero, which only a trace
  // that is not a run's can ask (a packet leaves that never came).
  [[nodiscard]] bool leave(sim::Time now) {
    if (size_ == 0) return false;
    advance(now);
    --size_;
    return true;
  }
  // Integrates up to `now` (call at the horizon before reading the figures).
  void advance(sim::Time now) {
    if (now <= last_) return;
    const double dt = static_cast<double>(now - last_);
    const auto at = static_cast<std::size_t>(size_);
    if (at >= time_at_size_.size()) time_at_size_.resize(at + 1, 0.0);
    time_at_size_[at] += dt;
    last_ = now;
  }

  std::int64_t size() const { return size_; }
  double observed() const { return static_cast<double>(last_ - start_); }
  double mean() const { return moment(1); }
  double variance() const { return moment(2) - mean() * mean(); }
  double p_empty() const { return observed() > 0 && !time_at_size_.empty() ? time_at_size_[0] / observed() : 0.0; }
  // The fraction of the observed time the pool held n messages (0 beyond the largest seen).
  double fraction_at(std::size_t n) const {
    return observed() > 0 && n < time_at_size_.size() ? time_at_size_[n] / observed() : 0.0;
  }
  std::size_t largest() const { return time_at_size_.empty() ? 0 : time_at_size_.size() - 1; }

 private:
  sim::Time start_, last_;
  std::int64_t size_ = 0;
  // The time-weighted mean of n^power.
  double moment(int power) const {
    double sum = 0;
    for (std::size_t n = 0; n < time_at_size_.size(); ++n)
      sum += std::pow(static_cast<double>(n), power) * time_at_size_[n];
    return observed() > 0 ? sum / observed() : 0.0;
  }

  std::vector<double> time_at_size_;  // ns spent at each size
};

}  // namespace analysis
