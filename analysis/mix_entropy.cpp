// The Appendix A recursion and the observer that runs it at every mix (see mix_entropy.h).
#include "analysis/mix_entropy.h"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "analysis/shannon.h"

namespace analysis {

double MixEntropy::depart() {
  if (pool() == 0) throw std::logic_error("MixEntropy::depart: the pool is empty");
  if (k_ > 0) {  // k = 0 leaves H_t = H_{t-1}
    const double n = static_cast<double>(k_ + l_);
    const double p = static_cast<double>(k_) / n, q = static_cast<double>(l_) / n;
    h_ = surprisal_term(p) + surprisal_term(q) + p * std::log2(static_cast<double>(k_)) + q * h_;
  }
  l_ += k_ - 1;
  k_ = 0;
  return h_;
}

double MixEntropyFigures::mean() const {
  return departures ? sum / static_cast<double>(departures) : std::numeric_limits<double>::quiet_NaN();
}

MixEntropyObserver::MixEntropyObserver(const core::Topology& topology, sim::Time warmup, sim::Time period)
    : first_mix_(topology.mix(0, 0)), warmup_(warmup), period_(period) {
  if (period <= 0) throw std::invalid_argument("MixEntropyObserver: the sampling period must be positive");
  next_sample_ = (warmup + period - 1) / period * period;  // the first multiple >= warmup
  const auto count = static_cast<std::size_t>(topology.layers() * topology.mixes_per_layer());
  tracked_.resize(count);
  figures_.resize(count);
  for (std::size_t m = 0; m < count; ++m) figures_[m].mix = first_mix_ + static_cast<core::NodeId>(m);
}

void MixEntropyObserver::sample_before(sim::Time t) {
  for (; next_sample_ < t; next_sample_ += period_)
    for (std::size_t m = 0; m < tracked_.size(); ++m)
      figures_[m].series.push_back({next_sample_, tracked_[m].entropy()});
}

void MixEntropyObserver::on_hop(const core::HopRecord& r) {
  sample_before(r.time);
  const auto step = mix_pool_step(r, first_mix_, tracked_.size());
  if (!step) return;
  const std::size_t m = step->mix;
  MixEntropy& mix = tracked_[m];
  if (step->enter) return mix.arrive();
  if (mix.pool() == 0)
    throw std::runtime_error("mix entropy: at " + std::to_string(sim::to_seconds(r.time)) + " s, packet " +
                             std::to_string(r.packet) + " leaves the empty pool of mix " + std::to_string(r.node));
  const double h = mix.depart();
  if (r.time >= warmup_) {
    ++figures_[m].departures;
    figures_[m].sum += h;
  }
}

void MixEntropyObserver::finish(sim::Time horizon) { sample_before(horizon + 1); }

double MixEntropyObserver::mean() const {
  double sum = 0;
  int mixes = 0;
  for (const MixEntropyFigures& f : figures_) {
    if (f.departures == 0) continue;
    sum += f.mean();
    ++mixes;
  }
  return mixes ? sum / mixes : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace analysis
