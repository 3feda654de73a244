// Message-level anonymity by the label-vector method (what the Nym simulator, MiXiM and the
// LARMix/LAMP papers report): each target message is its own label, and its anonymity is the
// entropy of where it left the network, over every message leaving it.
#pragma once
#include <unordered_map>
#include <vector>

#include "analysis/anonymity_targets.h"
#include "analysis/label_vector.h"

namespace analysis {

struct MessageTarget {
  std::uint64_t message;
  core::NodeId sender;
  sim::Time sent;
  sim::Time exit = -1;      // when the target itself left the network (-1: not yet)
  double exited = 0;        // its label's mass seen at exits so far
  double entropy_bits = 0;  // -sum over exits of p log2 p, p its probability at that exit
  double p_exit = 0;        // the probability its own exit event got
  double remaining = 0;     // mass still in the network when the records ended (see finish)
  // Its mass has (all but kIncomplete of it) left the network, so its entropy is final.
  static constexpr double kIncomplete = 1e-6;
  bool complete() const { return remaining <= kIncomplete; }
};

// Exit events (every unit of a target's mass meets exactly one): with exit = last_mix, the
// departure of a packet from a last-layer mix to a provider; with either choice, the end of
// a packet's route (a Drop or Deliver) while it still carries mass (under last_mix: mass
// that never reached a last-layer departure, such as a mix loop returning to its mix), but
// for a replayed copy dropped as a replay (its twin carries the same mass on).
// At an exit, the packet's probability p_i of being target i adds -p_i log2 p_i to target
// i's entropy, and the packet goes on carrying no mass.
class MessageAnonymity final : public core::Observer {
 public:
  // Masses below this are forgotten where a pool divides its sum (LabelVectors' floor). Each
  // forgotten mass p would add at most -p log2 p < 4e-11 bits to its target's entropy, and a
  // target's mass meets few such cuts (a pool of n forgets below 1e-12 after about
  // n ln(n) departures), so its entropy moves by far less than the 1e-6 bit we print.
  static constexpr double kFloor = 1e-12;

  MessageAnonymity(const core::Scenario& scenario, const core::Topology& topology, std::vector<bool> corrupt);
  void on_hop(const core::HopRecord& r) override;
  // Takes the mass still in the network as each target's `remaining`. Call once the records end.
  void finish();

  const std::vector<MessageTarget>& targets() const { return targets_; }
  core::AnonymityExit exit_point() const { return exit_; }

 private:
  void exit(const core::HopRecord& r, const LabelVector& v);

  const core::Topology* topology_;
  core::AnonymityExit exit_;
  TargetChoice choice_;
  LabelVectors vectors_;
  std::vector<MessageTarget> targets_;                  // by label
  std::unordered_map<std::uint64_t, std::uint32_t> own_;  // targets not yet left, by message id
};

}  // namespace analysis
