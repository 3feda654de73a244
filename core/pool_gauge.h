// The time-weighted occupancy of a mix's pool after the warm-up: the integrals of n and n^2
// over time, and the time spent empty, so mean, variance and P(empty) follow exactly.
#pragma once
#include <cstdint>

#include "sim/time.h"

namespace core {

class PoolGauge {
 public:
  explicit PoolGauge(sim::Time warmup = 0) : start_(warmup), last_(warmup) {}

  void change(sim::Time now, int delta) {
    advance(now);
    size_ += delta;
  }
  // Integrates up to `now` (call at the horizon before reading the figures).
  void advance(sim::Time now) {
    if (now <= last_) return;
    const double dt = static_cast<double>(now - last_);
    const double n = static_cast<double>(size_);
    sum_ += n * dt;
    sum_sq_ += n * n * dt;
    if (size_ == 0) empty_ += dt;
    last_ = now;
  }

  std::int64_t size() const { return size_; }
  double observed() const { return static_cast<double>(last_ - start_); }
  double mean() const { return observed() > 0 ? sum_ / observed() : 0.0; }
  double variance() const { return observed() > 0 ? sum_sq_ / observed() - mean() * mean() : 0.0; }
  double p_empty() const { return observed() > 0 ? empty_ / observed() : 0.0; }

 private:
  sim::Time start_, last_;
  std::int64_t size_ = 0;
  double sum_ = 0, sum_sq_ = 0, empty_ = 0;
};

}  // namespace core
