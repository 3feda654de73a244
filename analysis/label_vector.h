// The label-vector method of Loopix Sec. 4.3: every packet carries a probability
// distribution over labels (who may have sent it), pools mix them, corrupt mixes do not.
#pragma once
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <vector>

#include "analysis/pool_tracker.h"

namespace analysis {

// A sparse distribution: the labels with non-zero probability, in increasing label order.
// Mass not listed belongs to no tracked label ("other").
struct LabelMass {
  std::uint32_t label;
  double p;
  bool operator==(const LabelMass&) const = default;
};
using LabelVector = std::vector<LabelMass>;

// sum += v, merging by label: O(|sum| + |v|).
void add(LabelVector& sum, const LabelVector& v);
// The probability of `label` (0 if absent): O(log |v|).
double mass(const LabelVector& v, std::uint32_t label);
// Shannon entropy in bits of the listed probabilities (-sum p log2 p).
double entropy_bits(const LabelVector& v);

inline constexpr std::uint32_t kNoLabel = std::numeric_limits<std::uint32_t>::max();

// Carries label vectors through a network's pools, from the hop records (PoolTracker says
// which records enter or leave a pool):
// - a packet a client or a mix sends starts as {label of its sender: 1}, or empty if its
//   sender has kNoLabel; a mix's replayed copy starts as a copy of the packet it repeats;
// - entering an honest pool, its vector joins the pool's sum; leaving, a packet takes
//   sum / n (n the pool's size) and the sum keeps (n - 1) / n of itself: every pooled
//   message is equally likely to be the one leaving;
// - a corrupt mix keeps each packet's own vector (the adversary knows its mapping);
// - at a Drop or Deliver, the end of the packet's route, `end(record, vector)` is called and
//   the vector forgotten. Packets no client or mix sent (a provider's dummies) carry none.
// Cost per record: the size of the vectors involved, not the number of labels.
class LabelVectors {
 public:
  // labels: one per node (NodeId), the label of what it sends; corrupt: one flag per mix index.
  LabelVectors(const core::Topology& topology, bool providers_delay, std::vector<bool> corrupt,
               std::vector<std::uint32_t> labels);

  template <typename End>
  void on_hop(const core::HopRecord& r, End&& end);

  // A packet's current vector (in flight, or pooled at a corrupt mix); nullptr if none.
  const LabelVector* vector_of(std::uint64_t packet) const;
  // What is still in the network: the sum of every packet's vector and every pool's sum.
  // With what the ends received, it adds up to one per labelled packet sent.
  LabelVector remaining() const;

 private:
  struct Pool {
    LabelVector sum;
    std::uint64_t size = 0;
    std::uint64_t last_message = 0, last_packet = 0;  // the latest departure, which a replay repeats
    bool departed = false;
  };
  bool corrupt(core::NodeId n) const;
  void send(const core::HopRecord& r);
  void step(const PoolStep& s, const core::HopRecord& r);

  const core::Topology* topology_;
  PoolTracker tracker_;
  std::vector<bool> corrupt_;
  std::vector<std::uint32_t> labels_;
  std::vector<Pool> pools_;  // per provider and mix
  std::unordered_map<std::uint64_t, LabelVector> packets_;
};

template <typename End>
void LabelVectors::on_hop(const core::HopRecord& r, End&& end) {
  if (r.event == core::HopEvent::Send) return send(r);
  tracker_.on_hop(r, [&](const PoolStep& s) { step(s, r); });
  if (r.event == core::HopEvent::Drop || r.event == core::HopEvent::Deliver) {
    auto it = packets_.find(r.packet);
    if (it == packets_.end()) return;
    end(r, static_cast<const LabelVector&>(it->second));
    packets_.erase(it);
  }
}

}  // namespace analysis
