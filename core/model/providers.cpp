#include "core/model/providers.h"

#include "core/model/event_kind.h"
#include "core/model/random_purpose.h"

namespace core {

Providers::Providers(Context& ctx)
    : ctx_(ctx), inboxes_(static_cast<std::size_t>(ctx.topology.clients())) {
  for (int p = 0; p < ctx.topology.providers(); ++p) {
    seen_.emplace_back(ctx.format.tag_layout());
    const std::uint64_t id = ctx.topology.entity(ctx.topology.provider(p));
    link_.push_back(sim::RandomStream::derive(ctx.scenario.seed, id, Purpose::Link));
    bytes_.push_back(sim::RandomStream::derive(ctx.scenario.seed, id, Purpose::PacketBytes));
  }
}

void Providers::handle(const sim::Event& e) {
  switch (static_cast<ProviderEvent>(e.kind)) {
    case ProviderEvent::Arrive:
      if (ctx_.receive(e.target, slot_of(e.arg), node_of(e.arg))) arrive(e.target, slot_of(e.arg), node_of(e.arg));
      return;
    case ProviderEvent::Served:
      ctx_.service.served(ctx_, e.target);
      return arrive(e.target, slot_of(e.arg), node_of(e.arg));
    case ProviderEvent::Forward: return forward(e.target, slot_of(e.arg), node_of(e.arg));
    case ProviderEvent::PullRequest:
      if (!ctx_.past_horizon()) answer_pull(e.target, static_cast<NodeId>(e.arg));  // pulls stop at the horizon
      return;
  }
  unhandled_event("provider", e);
}

void Providers::arrive(NodeId provider, PacketPool::Slot slot, NodeId from) {
  Processed p = ctx_.process(provider, slot, seen_[provider]);
  if (p.rejected != DropReason::None) return ctx_.drop(provider, from, slot, p.rejected);
  const RoutingCommand& c = p.command;
  const Topology& t = ctx_.topology;
  switch (c.flag) {
    case HopFlag::Relay:
      if (c.next >= t.nodes() || t.role(c.next) == Role::Client) return ctx_.drop(provider, from, slot, DropReason::Malformed);
      ctx_.prefetch(slot, c.next);
      if (ctx_.scenario.provider_delay) ctx_.report(HopEvent::Enter, provider, from, slot);
      if (c.delay == 0) return forward(provider, slot, c.next);
      ctx_.sim.schedule_in(c.delay, provider, code(ProviderEvent::Forward), pack(slot, c.next));
      return;
    case HopFlag::Dest:  // egress: into the inbox of the client the routing information names
      if (c.next >= t.nodes() || t.role(c.next) != Role::Client || t.provider_of(c.next) != provider)
        return ctx_.drop(provider, from, slot, DropReason::Malformed);
      return deposit(provider, from, slot, c.next);
    case HopFlag::Drop:
      return ctx_.drop(provider, from, slot, DropReason::Cover);
  }
}

void Providers::deposit(NodeId provider, NodeId from, PacketPool::Slot slot, NodeId client) {
  const int index = ctx_.topology.index(client);
  Fifo<PacketPool::Slot>& inbox = inboxes_[index];
  const int capacity = ctx_.scenario.inbox_capacity;
  const bool pulls = ctx_.classes.profile(index).pull_period > 0;
  if (pulls && capacity > 0 && inbox.size() >= static_cast<std::size_t>(capacity))
    return ctx_.drop(provider, from, slot, DropReason::InboxFull);
  ctx_.report(HopEvent::Deliver, provider, client, slot);
  if (pulls) return inbox.push(slot);
  ctx_.pool.release(slot);  // the client does not pull: nobody fetches it, so no inbox is kept
}

void Providers::forward(NodeId provider, PacketPool::Slot slot, NodeId next) {
  if (ctx_.scenario.provider_delay) ctx_.report(HopEvent::Leave, provider, next, slot);
  ctx_.report(HopEvent::Depart, provider, next, slot);
  ctx_.transmit(provider, next, slot, link_[provider]);
}

void Providers::answer_pull(NodeId provider, NodeId client) {
  Fifo<PacketPool::Slot>& inbox = inboxes_[ctx_.topology.index(client)];
  for (int i = 0; i < ctx_.scenario.pull_messages; ++i) {
    PacketPool::Slot slot;
    if (!inbox.empty()) {  // real messages first, oldest first
      slot = inbox.pop();
      ctx_.report(HopEvent::Depart, provider, client, slot);
    } else {  // then dummies (random bytes), so every answer holds exactly K messages
      slot = ctx_.create(provider, TrafficKind::Dummy, ctx_.new_message_id());
      bytes_[provider].fill(ctx_.pool.bytes(slot));
      ctx_.report(HopEvent::Send, provider, client, slot);
    }
    ctx_.sim.schedule_in(ctx_.link_delay(provider, client, link_[provider]), client, code(ClientEvent::Fetch), pack(slot, provider));
  }
}

}  // namespace core
