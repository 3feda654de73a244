// The Appendix A recursion, the observer that runs it at every mix, and its offline form (see mix_entropy.h).
#include "analysis/mix_entropy.h"

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "core/trace.h"

namespace analysis {

namespace {

// -x·log2 x, with 0·log 0 = 0.
double surprisal_term(double x) { return x > 0 ? -x * std::log2(x) : 0.0; }

[[noreturn]] void inconsistent(const core::HopRecord& r, const char* what) {
  std::ostringstream message;
  message << "mix entropy: at " << sim::to_seconds(r.time) << " s, " << core::name(r.event) << " of packet " << r.packet
          << " at mix " << r.node << ": " << what;
  throw std::runtime_error(message.str());
}

}  // namespace

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

void MixEntropyObserver::keep_pending(Tracked& m) {
  if (!m.pending) return;
  m.entropy.arrive();
  m.pending = false;
}

void MixEntropyObserver::sample_before(sim::Time t) {
  for (; next_sample_ < t; next_sample_ += period_)
    for (std::size_t m = 0; m < tracked_.size(); ++m)
      figures_[m].series.push_back({next_sample_, tracked_[m].entropy.entropy()});
}

void MixEntropyObserver::on_hop(const core::HopRecord& r) {
  sample_before(r.time);
  const core::NodeId m = r.node - first_mix_;  // wraps for providers: only mixes are below the count
  if (m >= tracked_.size()) return;
  Tracked& mix = tracked_[m];
  switch (r.event) {
    case core::HopEvent::Arrive:
      keep_pending(mix);
      mix.pending = true;
      mix.pending_packet = r.packet;
      break;
    case core::HopEvent::Drop:
    case core::HopEvent::Deliver:
      if (!mix.pending || mix.pending_packet != r.packet) inconsistent(r, "the packet did not just arrive there");
      mix.pending = false;
      break;
    case core::HopEvent::Depart: {
      keep_pending(mix);
      if (mix.entropy.pool() == 0) inconsistent(r, "the pool is empty");
      const double h = mix.entropy.depart();
      if (r.time >= warmup_) {
        ++figures_[m].departures;
        figures_[m].sum += h;
      }
      break;
    }
    case core::HopEvent::Send:
    case core::HopEvent::Fetch: break;
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

MixEntropyObserver mix_entropy_from_trace(const std::string& path, const core::Topology& topology, sim::Time warmup,
                                          sim::Time period, sim::Time horizon) {
  MixEntropyObserver entropy(topology, warmup, period);
  core::TraceReader reader(path);
  core::HopRecord r;
  for (std::uint64_t index = 0; reader.next(r); ++index) {
    try {
      entropy.on_hop(r);
    } catch (const std::runtime_error& e) {
      throw std::runtime_error(path + ": record " + std::to_string(index) + ": " + e.what());
    }
  }
  entropy.finish(horizon);
  return entropy;
}

}  // namespace analysis
