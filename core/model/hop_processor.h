// Where packet cryptography runs: inline when a result is needed (one thread), or ahead of
// time on worker threads, with the same results whatever the thread count.
//
// Unwrapping a packet at a node (PacketFormat::unwrap) is a pure function of its bytes and
// the node's key, so it can start as soon as the bytes are final: when the previous hop has
// processed them, while the packet waits out its delay there. The replay check depends on the
// node's history, so it is applied by process() on the simulation thread, in event order.
// Building a packet is pure too (it draws from a stream of its own) and is followed by the
// unwrapping at the first hop.
#pragma once
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

#include "core/model/epoch_replay_cache.h"
#include "core/model/packet_format.h"
#include "core/model/packet_pool.h"

namespace core {

class HopProcessor {
 public:
  // threads - 1 workers; the simulation thread helps when it needs a result not yet started.
  HopProcessor(const PacketFormat& format, int threads);
  ~HopProcessor();
  HopProcessor(const HopProcessor&) = delete;
  HopProcessor& operator=(const HopProcessor&) = delete;

  // Writes packet `number` for `route` and the keys of `epoch` into `bytes` (now, or in the
  // background).
  void build(PacketPool::Slot slot, std::span<std::uint8_t> bytes, const Route& route, std::uint32_t epoch,
             std::uint64_t number, const sim::RandomStream& rng);
  // The bytes are final and will next be processed at `node`, likely in `epoch`: start
  // unwrapping with that epoch's key (workers only).
  void prefetch(PacketPool::Slot slot, std::span<std::uint8_t> bytes, NodeId node, std::uint32_t epoch);
  // The packet's processing at `node`, whose current key epoch is `epoch` and which still
  // accepts the previous epoch's key if `grace`: its unwrapping with the key of `epoch`, else
  // of the epoch before (a packet only one verifies; the prefetched unwrapping is used when it
  // tried one of them, so the result never depends on it), then the replay check against that
  // epoch's tags. A packet of the previous epoch after the grace period is dropped as
  // DropReason::Expired; one that neither key verifies as DropReason::Mac.
  Processed process(PacketPool::Slot slot, std::span<std::uint8_t> bytes, NodeId node, std::uint32_t epoch, bool grace,
                    EpochReplayCache& seen);
  // The slot's packet is gone without being processed (dropped on arrival, or its slot about
  // to hold a packet built elsewhere): its job, if any, is finished or dropped, so that no
  // worker touches the bytes and the slot's next packet does not take the old result.
  void forget(PacketPool::Slot slot);

 private:
  enum State : int { Queued = 0, Running = 1, Done = 2 };
  struct Job {
    std::span<std::uint8_t> bytes;
    NodeId node;  // where the packet is unwrapped
    std::uint32_t epoch;  // with its key of this epoch (and built for it, with `build`)
    std::uint64_t number = 0;  // the packet's, if built here
    bool build;   // build from `route` and `rng` first
    Route route;
    sim::RandomStream rng;
    std::atomic<int> state{Queued};
    Unwrapped result;
    std::exception_ptr error;
  };

  void submit(PacketPool::Slot slot, std::shared_ptr<Job> job);
  void execute(Job& job) const;
  Unwrapped take(Job& job);  // runs it here if no worker has started it, else waits
  void work();

  const PacketFormat& format_;
  std::vector<std::shared_ptr<Job>> pending_;  // by slot; touched by the simulation thread only
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<Job>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace core
