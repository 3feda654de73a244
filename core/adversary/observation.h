// What an adversary sees: one Observation per thing it observed, in time order. The model's
// ground truth (traffic kinds, packet and message ids) never enters an observation, so an
// attack that reads only observations cannot cheat (see adversary_view.h for who sees what).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/vocabulary.h"
#include "sim/time.h"

namespace core {

enum class ObservationKind : std::uint8_t {
  Link = 0,       // global passive adversary: `node` put a packet on the link to `peer`; `count`
                  // 1 when the packet is the active adversary's own (kind flood), else 0
  Send = 1,       // corrupt ingress provider `node` received a packet from its client `peer`
  Deposit = 2,    // corrupt egress provider `node` put a packet into client `peer`'s inbox
  Pull = 3,       // corrupt egress provider `node` answered client `peer`'s pull: `count`
                  // packets from the inbox, the rest of the answer dummies
  CoverDrop = 4,  // corrupt provider `node` discarded a packet from `peer` whose routing
                  // information names it as a drop message's end
  MixIo = 5,      // corrupt mix `node` sent to `peer` the packet that entered its pool from
                  // `from` at `entered`
  Target = 6,     // the (n-1) attacker saw its target's packet from `peer` enter the pool of
                  // mix `node`, whose links it watches
};
inline constexpr int kObservationKinds = 7;

struct Observation {
  sim::Time time = 0;         // when it was seen
  sim::Time entered = 0;      // MixIo: when the packet entered the mix; 0 otherwise
  NodeId node = kNoNode;      // the sender of a Link; the corrupt node that saw it otherwise
  NodeId peer = kNoNode;      // see ObservationKind
  NodeId from = kNoNode;      // MixIo: the previous hop; kNoNode otherwise
  std::uint32_t count = 0;    // Pull: packets from the inbox; Link: 1 for the adversary's own; 0 otherwise
  ObservationKind what = ObservationKind::Link;
  bool operator==(const Observation&) const = default;
};

class ObservationSink {
 public:
  virtual ~ObservationSink() = default;
  virtual void on_observation(const Observation& o) = 0;
};

// Forwards every observation to each sink added, in the order they were added.
class ObservationList final : public ObservationSink {
 public:
  void add(ObservationSink& sink) { sinks_.push_back(&sink); }
  void on_observation(const Observation& o) override {
    for (ObservationSink* sink : sinks_) sink->on_observation(o);
  }

 private:
  std::vector<ObservationSink*> sinks_;
};

std::string_view name(ObservationKind kind);

}  // namespace core
