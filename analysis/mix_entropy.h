// The per-mix entropy of Loopix Appendix A: the recursion for one Poisson mix, an online
// observer that runs it for every mix of a topology, and the same figures from a trace file.
#pragma once
#include <cstdint>
#include <vector>

#include "analysis/mix_pool_step.h"
#include "core/observer.h"
#include "core/model/topology/topology.h"

namespace analysis {

// The Appendix A recursion for one mix. At every departure, with l the messages left from
// earlier and k the arrivals since the last departure,
//   H_t = H(k/(k+l), l/(k+l)) + (k/(k+l))·log2 k + (l/(k+l))·H_{t-1},   H_0 = 0,
// H(p, q) the binary Shannon entropy in bits with 0·log 0 = 0. Edge cases: k = 0 gives
// H_t = H_{t-1} (the departing message is an old one); l = 0 gives H_t = log2 k (uniform
// over the new ones); a departure from an empty pool (k + l = 0) is a precondition
// violation (std::logic_error). H_t is the exact anonymity of the departing message over
// all messages ever received, for a pool mix where every pooled message is equally likely
// to leave next (the Poisson mix, by memorylessness).
class MixEntropy {
 public:
  void arrive() { ++k_; }
  // A message leaves: computes H_t, then l <- l + k - 1 and k <- 0. Returns H_t.
  double depart();

  double entropy() const { return h_; }  // H_t after the latest departure, in bits (0 before any)
  std::uint64_t left() const { return l_; }     // l
  std::uint64_t arrived() const { return k_; }  // k
  std::uint64_t pool() const { return l_ + k_; }

 private:
  double h_ = 0;
  std::uint64_t l_ = 0, k_ = 0;
};

// H_t at one instant: the value after the last departure at or before `time`.
struct EntropySample {
  sim::Time time = 0;
  double entropy = 0;  // bits
};

// One mix's figures after the warm-up.
struct MixEntropyFigures {
  core::NodeId mix = core::kNoNode;
  std::uint64_t departures = 0;  // departures at or after the warm-up
  double sum = 0;                // of H_t over those departures
  std::vector<EntropySample> series;  // at each multiple of the sampling period, from the warm-up to the horizon

  // The mean of H_t over departures after the warm-up; NaN if there was none.
  double mean() const;
};

// Runs MixEntropy at every mix of a topology (Role::Mix), from the hop records: a pool
// entry (an Enter record) is an arrival (k <- k + 1), a departure runs the recursion. A
// departure from an empty pool cannot be accounted for: std::runtime_error.
//
// The recursion runs from time 0; the figures count what happens at or after `warmup`.
// Memory is bounded by the series: one sample per mix per `period` of simulated time.
class MixEntropyObserver final : public core::Observer {
 public:
  // `period` > 0: the series samples H_t at each multiple of it, from the first >= warmup.
  MixEntropyObserver(const core::Topology& topology, sim::Time warmup, sim::Time period);
  void on_hop(const core::HopRecord& record) override;
  // Completes the series up to `horizon` (the run's end), inclusive. Call once the records end.
  void finish(sim::Time horizon);

  // One per mix, in the order of Topology::index (layer * mixes_per_layer + position).
  const std::vector<MixEntropyFigures>& mixes() const { return figures_; }
  // The mean over mixes of their mean H_t, leaving out mixes without a departure after the
  // warm-up; NaN if no mix had one.
  double mean() const;

 private:
  void sample_before(sim::Time t);  // the samples at multiples of the period earlier than t

  core::NodeId first_mix_;
  sim::Time warmup_, period_, next_sample_;
  std::vector<MixEntropy> tracked_;
  std::vector<MixEntropyFigures> figures_;
};

}  // namespace analysis
