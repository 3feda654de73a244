// The label-vector method of Loopix Sec. 4.3: every packet carries a probability
// distribution over labels (who may have sent it), pools mix them, corrupt mixes do not.
#pragma once
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <vector>

#include "analysis/label_flow.h"

namespace analysis {

// A sparse distribution: the labels with non-zero probability, in increasing label order.
// Mass not listed belongs to no tracked label ("other").
struct LabelMass {
  std::uint32_t label;
  double p;
  bool operator==(const LabelMass&) const = default;
};
using LabelVector = std::vector<LabelMass>;

// sum += v, merging by label: O(|sum| + |v|). The merge is written into `scratch`, which then
// holds sum's old memory for the next merge: no allocation once the vectors have grown.
void add(LabelVector& sum, const LabelVector& v, LabelVector& scratch);
inline void add(LabelVector& sum, const LabelVector& v) {
  LabelVector scratch;
  add(sum, v, scratch);
}
// The probability of `label` (0 if absent): O(log |v|).
double mass(const LabelVector& v, std::uint32_t label);
// Shannon entropy in bits of the listed probabilities (-sum p log2 p).
double entropy_bits(const LabelVector& v);

inline constexpr std::uint32_t kNoLabel = std::numeric_limits<std::uint32_t>::max();

// Carries label vectors through a network's pools, from the hop records (the model's Enter
// and Leave records say which packet enters or leaves a pool):
// - a packet a client or a mix sends starts as {its label: 1}, the label given with its Send
//   record, or empty for kNoLabel; a mix's replayed copy starts as a copy of the packet it
//   repeats;
// - entering an honest pool, its vector joins the pool's sum; leaving, a packet takes
//   sum / n (n the pool's size) and the sum keeps (n - 1) / n of itself: every pooled
//   message is equally likely to be the one leaving;
// - a corrupt mix keeps each packet's own vector (the adversary knows its mapping);
// - at a Drop or Deliver, the end of the packet's route, `end(record, vector)` is called and
//   the vector forgotten. Packets no client or mix sent (a provider's dummies) carry none.
// Masses below `floor` are dropped where a departure divides a pool's sum (0: none are):
// a metric over many labels uses it to forget mass that can no longer matter (see its use).
// Cost per record: O(1) for a packet with an empty vector that meets an empty pool; else the
// size of the vectors involved, never the number of labels. Empty vectors are not stored.
class LabelVectors {
 public:
  // corrupt: one flag per mix index.
  LabelVectors(const core::Topology& topology, std::vector<bool> corrupt, double floor = 0);

  // `label`: for a Send record, the label of what it sends (kNoLabel: none); else unused.
  template <typename End>
  void on_hop(const core::HopRecord& r, std::uint32_t label, End&& end);

  // A packet's current vector (in flight, or pooled at a corrupt mix); nullptr if empty.
  const LabelVector* vector_of(std::uint64_t packet) const;
  // Removes a packet's vector and returns it (empty if it had none): the packet goes on
  // carrying no mass.
  LabelVector take(std::uint64_t packet);
  // What is still in the network: the sum of every packet's vector and every pool's sum.
  // With what the ends received, it adds up to one per labelled packet sent.
  LabelVector remaining() const;

 private:
  struct Pool {
    LabelVector sum;
    std::uint64_t size = 0;
  };
  void enter(core::NodeId node, std::uint64_t packet);
  void leave(core::NodeId node, std::uint64_t packet, const core::HopRecord& r);

  LabelFlow flow_;
  double floor_;
  std::vector<Pool> pools_;  // per provider and mix
  LabelVector scratch_;      // for merges into a pool's sum
  std::unordered_map<std::uint64_t, LabelVector> packets_;
};

template <typename End>
void LabelVectors::on_hop(const core::HopRecord& r, std::uint32_t label, End&& end) {
  struct Sink {
    LabelVectors& v;
    std::uint32_t label;
    End& ended;
    void start(const core::HopRecord& s) {
      if (label != kNoLabel) v.packets_[s.packet] = LabelVector{{label, 1.0}};
    }
    void copy(const core::HopRecord& s, std::uint64_t original) {
      if (const LabelVector* o = v.vector_of(original)) v.packets_[s.packet] = *o;
    }
    void enter(core::NodeId node, std::uint64_t packet, const core::HopRecord&) { v.enter(node, packet); }
    void leave(core::NodeId node, std::uint64_t packet, const core::HopRecord& s) { v.leave(node, packet, s); }
    void end(const core::HopRecord& s) {
      auto it = v.packets_.find(s.packet);
      if (it == v.packets_.end()) return ended(s, LabelVector{});
      ended(s, static_cast<const LabelVector&>(it->second));
      v.packets_.erase(it);
    }
  } sink{*this, label, end};
  flow_.on_hop(r, sink);
}

}  // namespace analysis
