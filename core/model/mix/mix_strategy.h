// The mix strategy seam (Sec. 3.3 and the classic pool mixes): what a mix does with a packet
// it accepted, and when pooled packets leave. A strategy decides only that; the mix around it
// does the rest (unwrapping, the replay check, misbehaviour, mix loops, and reporting every
// packet's Enter and Leave), so every metric works for every strategy.
#pragma once
#include <cstddef>
#include <memory>

#include "core/model/packet_pool.h"
#include "core/vocabulary.h"
#include "sim/random.h"
#include "sim/time.h"

namespace core {

struct Scenario;

// A packet a mix accepted and now holds in its pool: its slot, the next hop its routing
// information names, and the delay its sender chose for this hop.
struct PooledPacket {
  PacketPool::Slot slot;
  NodeId next;
  sim::Time delay;
};

// What a strategy may ask of the network. Mixes are named by their index (Topology::index).
class MixPort {
 public:
  virtual sim::Time now() const = 0;
  // The packet leaves the pool for its next hop now, or after `delay`.
  virtual void release(std::size_t mix, const PooledPacket& packet) = 0;
  virtual void release_after(std::size_t mix, sim::Time delay, const PooledPacket& packet) = 0;
  // The strategy's wake(mix) is called after `delay`.
  virtual void wake_after(std::size_t mix, sim::Time delay) = 0;
  // The mix's stream for the strategy's own choices (which packets leave, in which order).
  virtual sim::RandomStream& random(std::size_t mix) = 0;

 protected:
  ~MixPort() = default;
};

// One object serves every mix of a run, keeping whatever per-mix state it needs.
class MixStrategy {
 public:
  virtual ~MixStrategy() = default;
  // The mix accepted `packet` into its pool.
  virtual void admit(MixPort& port, std::size_t mix, const PooledPacket& packet) = 0;
  // A timer the strategy set with wake_after fired.
  virtual void wake(MixPort& port, std::size_t mix) = 0;
};

}  // namespace core
