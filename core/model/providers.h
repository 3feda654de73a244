// Loopix providers (Sec. 3.2): they forward a client's packet into the mix network after
// its delay (ingress), store packets for their clients in inboxes (egress), discard drop
// messages, relay mix loops, and answer every pull with exactly K messages (inboxes hold at
// most /pull/inbox_capacity messages; one more is dropped). With
// /delays/provider_delay on, a provider's held packets are a pool (reported as Enter and Leave).
#pragma once
#include <vector>

#include "core/model/context.h"
#include "core/model/fifo.h"
#include "core/model/replay_cache.h"
#include "sim/event.h"

namespace core {

class Providers {
 public:
  explicit Providers(Context& context);

  void handle(const sim::Event& e);  // e.target is a provider
  template <class F>
  void for_each_stored(F&& f) const {
    for (const auto& inbox : inboxes_) inbox.for_each(f);
  }

 private:
  void arrive(NodeId provider, PacketPool::Slot slot, NodeId from);
  // Into the client's inbox (if its class pulls; dropped as InboxFull if the inbox is full).
  void deposit(NodeId provider, NodeId from, PacketPool::Slot slot, NodeId client);
  void forward(NodeId provider, PacketPool::Slot slot, NodeId next);
  void answer_pull(NodeId provider, NodeId client);

  Context& ctx_;
  std::vector<EpochReplayCache> seen_;          // per provider
  std::vector<sim::RandomStream> link_;    // per provider
  std::vector<sim::RandomStream> bytes_;   // per provider: dummies' random bytes
  std::vector<Fifo<PacketPool::Slot>> inboxes_;  // per client
};

}  // namespace core
