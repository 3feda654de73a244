#include "core/model/clients.h"

#include "core/model/event_kind.h"
#include "core/model/random_purpose.h"

namespace core {

Clients::Clients(Context& ctx, const RouteBuilder& routes)
    : ctx_(ctx), routes_(routes), contacts_(ctx.scenario, ctx.topology, ctx.classes), groups_(ctx.scenario, ctx.classes) {
  const Topology& t = ctx.topology;
  const std::uint64_t seed = ctx.scenario.seed;
  bool alternating = false;
  const bool replies = ctx.scenario.replies();
  for (const ClientClasses::Class& c : ctx.classes.all()) {
    classes_.push_back({c.profile, OnlineModel(c.profile, t.clients())});
    alternating |= !classes_.back().online.always();
  }
  state_.reserve(static_cast<std::size_t>(t.clients()));
  for (int c = 0; c < t.clients(); ++c) {
    const std::uint64_t id = t.entity(t.client(c));
    auto stream = [&](std::uint64_t purpose) { return sim::RandomStream::derive(seed, id, purpose); };
    const auto kind = static_cast<std::uint16_t>(ctx.classes.class_of(c));
    state_.push_back(State{stream(Purpose::PayloadTimer), stream(Purpose::Route), stream(Purpose::PacketBytes),
                           stream(Purpose::Link), t.provider_of(t.client(c)), kind, {}, stream(Purpose::Workload),
                           stream(Purpose::Recipient), stream(Purpose::LoopTimer), stream(Purpose::DropTimer)});
    if (replies) reply_.push_back(stream(Purpose::Reply));
    if (alternating) online_.push_back(classes_[kind].online.start(c, stream(Purpose::Online)));
  }
  replaying_.assign(static_cast<std::size_t>(t.clients()), false);
  if (!ctx.scenario.workload_file.empty()) {
    const Scenario& s = ctx.scenario;
    replayed_ = read_workload_file(s.workload_file, s.clients, s.message_bytes() * SplitPart::kMaxParts);
    for (const WorkloadMessage& m : replayed_) replaying_[static_cast<std::size_t>(m.sender)] = true;
  }
  for (int c : ctx.scenario.challenge_senders.clients)
    challenge_.push_back(sim::RandomStream::derive(seed, t.entity(t.client(c)), Purpose::Challenge));
  challenge_end_ = sim::from_seconds(ctx.scenario.warmup + ctx.scenario.challenge_duration);
}

void Clients::schedule(NodeId client, ClientEvent kind, double rate, sim::RandomStream& timer) {
  if (rate > 0) ctx_.sim.schedule_in(timer.exponential(rate), client, code(kind));
}

void Clients::schedule_pull(NodeId client, sim::Time delay) {
  const std::uint32_t session = online_.empty() ? 0 : online_[ctx_.topology.index(client)].session;
  ctx_.sim.schedule_in(delay, client, code(ClientEvent::PullTick), session);
}

void Clients::start() {
  const Scenario& s = ctx_.scenario;
  for (int c = 0; c < ctx_.topology.clients(); ++c) {
    NodeId id = ctx_.topology.client(c);
    State& st = state_[c];
    const ClientProfile& p = profile(st);
    schedule(id, ClientEvent::PayloadTick, p.payload_rate, st.payload_timer);
    schedule(id, ClientEvent::LoopTick, p.loop_rate, st.loop_timer);
    schedule(id, ClientEvent::DropTick, p.drop_rate, st.drop_timer);
    if (!replaying_[static_cast<std::size_t>(c)]) schedule(id, ClientEvent::Workload, p.workload_rate, st.workload);
    if (!online_.empty() && online_[c].until < sim::kLatest)
      ctx_.sim.schedule_at(online_[c].until, id, code(ClientEvent::OnlineSwitch));
    // The first pull comes at a uniform phase in [0, period), so clients do not pull in step.
    if (p.pull_period > 0 && online(id)) {
      auto phase = sim::RandomStream::derive(s.seed, ctx_.topology.entity(id), Purpose::PullPhase);
      schedule_pull(id, sim::from_seconds(phase.uniform(0.0, p.pull_period)));
    }
  }
  if (!replayed_.empty())
    ctx_.sim.schedule_at(sim::from_seconds(replayed_[0].time_s), ctx_.topology.client(replayed_[0].sender),
                         code(ClientEvent::Replay), 0);
  // The challenge starts at the warm-up.
  for (std::size_t i = 0; i < challenge_.size(); ++i)
    ctx_.sim.schedule_in(sim::from_seconds(s.warmup) + challenge_[i].exponential(s.challenge_rate),
                         ctx_.topology.client(s.challenge_senders.clients[i]), code(ClientEvent::Challenge), i);
}

void Clients::handle(const sim::Event& e) {
  const auto kind = static_cast<ClientEvent>(e.kind);
  if (kind == ClientEvent::Fetch) return fetch(e.target, e.arg);  // a packet in flight ends
  if (ctx_.past_horizon()) return;  // every other event sends or queues something new
  State& s = state_[ctx_.topology.index(e.target)];
  const bool on = online(e.target);
  switch (kind) {
    // Each Poisson stream schedules its next event, then sends, if the client is online.
    case ClientEvent::PayloadTick:
      schedule(e.target, ClientEvent::PayloadTick, profile(s).payload_rate, s.payload_timer);
      if (on) send_payload_or_drop(e.target, s);
      return;
    case ClientEvent::LoopTick:
      schedule(e.target, ClientEvent::LoopTick, profile(s).loop_rate, s.loop_timer);
      if (on) send_loop(e.target, s);
      return;
    case ClientEvent::DropTick:
      schedule(e.target, ClientEvent::DropTick, profile(s).drop_rate, s.drop_timer);
      if (on) send_drop(e.target, s);
      return;
    case ClientEvent::Workload:
      schedule(e.target, ClientEvent::Workload, profile(s).workload_rate, s.workload);
      if (on) enqueue_real_message(e.target, s);
      return;
    case ClientEvent::Challenge: return enqueue_challenge_message(e.target, s, e.arg);
    case ClientEvent::PullTick:
      // A pull of an earlier online session (the client went offline since) ends here.
      if (on && (online_.empty() || e.arg == online_[ctx_.topology.index(e.target)].session)) pull(e.target, s);
      return;
    case ClientEvent::Replay:
      if (e.arg >= replayed_.size()) break;  // no such row of the workload file
      return replay(e.target, s, e.arg);
    case ClientEvent::OnlineSwitch:
      if (online_.empty()) break;  // every client is always online: no period ends
      return switch_online(e.target, s);
    case ClientEvent::Fetch: break;  // above
  }
  unhandled_event("client", e);
}

void Clients::replay(NodeId client, State& s, std::size_t row) {
  if (row + 1 < replayed_.size())
    ctx_.sim.schedule_at(sim::from_seconds(replayed_[row + 1].time_s), ctx_.topology.client(replayed_[row + 1].sender),
                         code(ClientEvent::Replay), row + 1);
  const WorkloadMessage& m = replayed_[row];
  const std::uint64_t bytes = ctx_.scenario.message_bytes();
  const auto parts = static_cast<std::uint32_t>((m.size_bytes + bytes - 1) / bytes);
  for (std::uint32_t i = 0; i < parts; ++i) submit(client, s, {SplitPart{Split::File, row, parts, i}.id(), ctx_.topology.client(m.recipient)});
}

void Clients::switch_online(NodeId client, State& s) {
  OnlineState& o = online_[ctx_.topology.index(client)];
  classes_[s.kind].online.next(o);
  if (o.until < sim::kLatest) ctx_.sim.schedule_at(o.until, client, code(ClientEvent::OnlineSwitch));
  if (o.online && profile(s).pull_period > 0) schedule_pull(client, 0);  // back online: pull at once
}

void Clients::send_payload_or_drop(NodeId client, State& s) {
  if (s.buffer.empty()) return send_drop(client, s);  // nothing real to send: a drop message instead
  send_payload(client, s, s.buffer.pop());
}

void Clients::submit(NodeId client, State& s, QueuedMessage m) {
  ctx_.report_created(client, m.recipient, m.message);
  // Offline, only a workload file's message is created: it waits in the buffer.
  if (ctx_.scenario.sending == Sending::Immediately && online(client)) return send_payload(client, s, m);
  s.buffer.push(m);
}

void Clients::send_payload(NodeId client, State& s, QueuedMessage m) {
  if (m.block != kNoBlock) return send_answer(client, s, m);
  const ClientProfile& p = profile(s);
  if (p.reply_probability > 0 && reply_[ctx_.topology.index(client)].uniform01() < p.reply_probability)
    return send_with_reply_block(client, s, m, p.reply_ack);
  NodeId egress = ctx_.topology.provider_of(m.recipient);
  Route r = routes_.client_route(s.provider, egress, {HopFlag::Dest, m.recipient, 0}, s.route);
  ctx_.send_new(client, TrafficKind::Payload, m.message, r, s.packet, s.link);
}

void Clients::send_with_reply_block(NodeId client, State& s, QueuedMessage m, bool ack) {
  const NodeId egress = ctx_.topology.provider_of(m.recipient);
  const Route forward = routes_.client_route(s.provider, egress, {HopFlag::Dest, m.recipient, 0}, s.route);
  // The way back, as if the recipient sent it: from its provider to this client's inbox.
  const Route back = routes_.client_route(egress, s.provider, {HopFlag::Dest, client, 0}, s.route);
  const std::size_t block_size = ctx_.format.reply_block_size();
  body_.resize(kReplyBodyHeader + block_size);
  sim::RandomStream rng = sim::RandomStream::derive(s.packet(), 0, 0);
  ctx_.format.build_reply_block(back, ctx_.epochs.at(ctx_.sim.now()), ctx_.reserve_packet_number(),
                                write_reply_body(body_, ack, block_size), rng);
  ctx_.send_new(client, TrafficKind::Payload, m.message, forward, s.packet, s.link, body_);
}

void Clients::answer(NodeId client, State& s, PacketPool::Slot slot, const ReplyRequest& request) {
  const PacketTruth& answered = ctx_.pool.truth(slot);
  const TrafficKind kind = request.ack ? TrafficKind::Ack : TrafficKind::Reply;
  QueuedMessage m{ctx_.new_message_id(), answered.origin};  // the recipient only for the record
  if (free_blocks_.empty()) {
    free_blocks_.push_back(static_cast<std::uint32_t>(blocks_.size() / request.block.size()));
    blocks_.resize(blocks_.size() + request.block.size());
  }
  m.block = free_blocks_.back();
  free_blocks_.pop_back();
  std::copy(request.block.begin(), request.block.end(), blocks_.begin() + static_cast<std::ptrdiff_t>(m.block * request.block.size()));
  if (block_kinds_.size() <= m.block) block_kinds_.resize(m.block + 1);
  block_kinds_[m.block] = kind;
  ctx_.report_created(client, m.recipient, m.message, kind, &answered);
  // An acknowledgement leaves at once, unless the client went offline since its pull: then,
  // as any answer, it waits in the send buffer.
  if ((request.ack || ctx_.scenario.sending == Sending::Immediately) && online(client)) return send_answer(client, s, m);
  s.buffer.push(m);
}

void Clients::send_answer(NodeId client, State& s, QueuedMessage m) {
  const std::size_t block_size = ctx_.format.reply_block_size();
  const std::span<const std::uint8_t> block(blocks_.data() + m.block * block_size, block_size);
  const PacketPool::Slot slot = ctx_.create(client, block_kinds_[m.block], m.message);
  ctx_.processor.forget(slot);  // built here, not by the processor
  sim::RandomStream rng = sim::RandomStream::derive(s.packet(), 0, 0);
  const bool built = ctx_.format.build_reply(block, ctx_.pool.bytes(slot), rng);
  free_blocks_.push_back(m.block);
  if (!built) return ctx_.drop(client, s.provider, slot, DropReason::Malformed);
  ctx_.report(HopEvent::Send, client, s.provider, slot);
  ctx_.transmit(client, s.provider, slot, s.link);
}

void Clients::send_loop(NodeId client, State& s) {
  Route r = routes_.client_route(s.provider, s.provider, {HopFlag::Dest, client, 0}, s.route);
  ctx_.send_new(client, TrafficKind::Loop, ctx_.new_message_id(), r, s.packet, s.link);
}

void Clients::send_drop(NodeId client, State& s) {
  const Topology& t = ctx_.topology;
  NodeId last = t.provider(static_cast<int>(s.route.below(static_cast<std::uint64_t>(t.providers()))));
  Route r = routes_.client_route(s.provider, last, {HopFlag::Drop, kNoNode, 0}, s.route);
  ctx_.send_new(client, TrafficKind::Drop, ctx_.new_message_id(), r, s.packet, s.link);
}

NodeId Clients::choose_recipient(NodeId client, State& s) {
  const Topology& t = ctx_.topology;
  const ClientProfile& p = profile(s);
  if (p.contacts > 0) {  // (a client alone in its own candidate list has no contact: any candidate then)
    const std::span<const int> contacts = contacts_.of(t.index(client));
    if (!contacts.empty()) return t.client(contacts[s.recipient.below(contacts.size())]);
  }
  const std::vector<int>& list = p.recipients;
  if (!list.empty()) return t.client(list[s.recipient.below(list.size())]);
  if (t.clients() == 1) return client;
  // Uniform over the other clients.
  int pick = static_cast<int>(s.recipient.below(static_cast<std::uint64_t>(t.clients() - 1)));
  if (pick >= t.index(client)) ++pick;
  return t.client(pick);
}

void Clients::enqueue_real_message(NodeId client, State& s) {
  if (profile(s).group && enqueue_group_message(client, s)) return;
  submit(client, s, {ctx_.new_message_id(), choose_recipient(client, s)});
}

bool Clients::enqueue_group_message(NodeId client, State& s) {
  const int me = ctx_.topology.index(client);
  const std::span<const std::uint32_t> mine = groups_.of(me);
  if (mine.empty()) return false;
  const std::span<const int> members = groups_.members(mine[s.recipient.below(mine.size())]);
  const auto copies = static_cast<std::uint32_t>(members.size() - 1);
  std::uint32_t index = 0;
  for (int member : members)
    if (member != me) submit(client, s, {SplitPart{Split::Group, group_messages_, copies, index++}.id(), ctx_.topology.client(member)});
  ++group_messages_;
  return true;
}

void Clients::enqueue_challenge_message(NodeId client, State& s, std::uint64_t challenger) {
  if (ctx_.sim.now() >= challenge_end_) return;
  ctx_.sim.schedule_in(challenge_[challenger].exponential(ctx_.scenario.challenge_rate), client, code(ClientEvent::Challenge),
                       challenger);
  if (online(client)) submit(client, s, {ctx_.new_message_id(), ctx_.topology.client(ctx_.scenario.challenge_recipient)});
}

void Clients::pull(NodeId client, State& s) {
  schedule_pull(client, sim::from_seconds(profile(s).pull_period));
  ctx_.sim.schedule_in(ctx_.links.draw(s.link), s.provider, code(ProviderEvent::PullRequest), client);
}

void Clients::fetch(NodeId client, std::uint64_t arg) {
  PacketPool::Slot slot = slot_of(arg);
  // A dummy ends here (delivered and discarded); a real message is fetched from the inbox.
  bool dummy = ctx_.pool.truth(slot).kind == TrafficKind::Dummy;
  ctx_.report(dummy ? HopEvent::Deliver : HopEvent::Fetch, client, node_of(arg), slot);
  // After the horizon nothing new is sent, answers included.
  if (!reply_.empty() && !ctx_.past_horizon())
    if (const auto request = read_reply_body(ctx_.format.body(ctx_.pool.bytes(slot)), ctx_.format.reply_block_size()))
      answer(client, state_[ctx_.topology.index(client)], slot, *request);
  ctx_.pool.release(slot);
}

}  // namespace core
