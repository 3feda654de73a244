// Loopix clients (Sec. 3.2): the three Poisson streams (payload-or-drop from the FIFO send
// buffer at lambda_P, loops at lambda_L, drops at lambda_D), the workload that fills the
// buffer, the challengers' extra messages to the challenge recipient, and periodic pulls of
// the inbox from the client's provider; each client with its class's rates, recipients and
// pull period. An offline client (core/model/online_model.h) creates and sends nothing and
// does not pull: its streams keep their Poisson clocks and their events pass (which, for
// memoryless streams, is the same as pausing them); back online, it pulls at once.
// Replies (/replies/...): a real message leaving the buffer carries, with its class's
// probability, a reply block for a route back (drawn by its sender, from its recipient's
// provider); the recipient, reading the block in the payload it fetched, answers with a reply
// through its buffer or at once with an acknowledgement, a packet it writes from the block.
#pragma once
#include <vector>

#include "core/config/workload_file.h"
#include "core/model/contacts.h"
#include "core/model/context.h"
#include "core/model/event_kind.h"
#include "core/model/fifo.h"
#include "core/model/groups.h"
#include "core/model/online_model.h"
#include "core/model/reply_body.h"
#include "core/model/split_message.h"
#include "core/model/topology/route_builder.h"
#include "sim/event.h"

namespace core {

class Clients {
 public:
  Clients(Context& context, const RouteBuilder& routes);

  void start();                      // schedules every client's first events
  void handle(const sim::Event& e);  // e.target is a client

 private:
  static constexpr std::uint32_t kNoBlock = UINT32_MAX;
  struct QueuedMessage {
    std::uint64_t message;
    NodeId recipient;
    std::uint32_t block = kNoBlock;  // an answer: the reply block it is sent with (in blocks_)
  };
  // What a payload tick touches comes first, in two cache lines and part of a third; a
  // tick reaches a random client, so each line it spans is likely a cache miss.
  struct alignas(64) State {
    sim::RandomStream payload_timer, route, packet, link;
    NodeId provider;
    std::uint16_t kind;  // its class
    Fifo<QueuedMessage> buffer;
    sim::RandomStream workload, recipient, loop_timer, drop_timer;
  };
  // What every client of a class shares.
  struct Class {
    ClientProfile profile;
    OnlineModel online;
  };

  const ClientProfile& profile(const State& s) const { return classes_[s.kind].profile; }
  bool online(NodeId client) const { return online_.empty() || online_[ctx_.topology.index(client)].online; }
  void schedule(NodeId client, ClientEvent kind, double rate, sim::RandomStream& timer);
  void switch_online(NodeId client, State& s);  // the current online or offline period ends
  void schedule_pull(NodeId client, sim::Time delay);
  void send_payload_or_drop(NodeId client, State& s);
  // Sends a real message now (Sending::Immediately), or queues it for the payload-or-drop stream.
  void submit(NodeId client, State& s, QueuedMessage m);
  void send_payload(NodeId client, State& s, QueuedMessage m);
  // A real message whose payload carries a reply block for an answer of kind Ack or Reply.
  void send_with_reply_block(NodeId client, State& s, QueuedMessage m, bool ack);
  // An answer, written from its reply block (which is then free).
  void send_answer(NodeId client, State& s, QueuedMessage m);
  // The message fetched in `slot` asks for an answer: send or queue it.
  void answer(NodeId client, State& s, PacketPool::Slot slot, const ReplyRequest& request);
  void send_loop(NodeId client, State& s);
  void send_drop(NodeId client, State& s);
  void enqueue_real_message(NodeId client, State& s);
  // A copy for every other member of one of the client's groups (false if it is in none).
  bool enqueue_group_message(NodeId client, State& s);
  // Row `row` of the workload file, in as many parts as its size needs; then the next row.
  void replay(NodeId client, State& s, std::size_t row);
  void enqueue_challenge_message(NodeId client, State& s, std::uint64_t challenger);
  void pull(NodeId client, State& s);
  void fetch(NodeId client, std::uint64_t arg);
  NodeId choose_recipient(NodeId client, State& s);

  Context& ctx_;
  const RouteBuilder& routes_;
  std::vector<Class> classes_;
  Contacts contacts_;
  Groups groups_;
  std::uint64_t group_messages_ = 0;  // numbers the group messages
  std::vector<WorkloadMessage> replayed_;  // the workload file's rows, in time order
  std::vector<bool> replaying_;            // per client: a sender of the file (no Poisson workload)
  std::vector<State> state_;
  std::vector<OnlineState> online_;  // per client, if any class alternates online and offline
  std::vector<std::uint8_t> blocks_;       // the reply blocks of queued replies, reply_block_size() bytes each
  std::vector<TrafficKind> block_kinds_;   // per block: Reply or Ack
  std::vector<std::uint32_t> free_blocks_;
  std::vector<std::uint8_t> body_;         // a reply body being written
  std::vector<sim::RandomStream> reply_;   // per client, if any message may carry a reply block
  std::vector<sim::RandomStream> challenge_;  // per challenger (S0, S1): arrival times of its messages
  sim::Time challenge_end_ = 0;
};

}  // namespace core
