#include "core/adversary/adversary_view.h"

#include "core/config/corrupt_nodes.h"

namespace core {

AdversaryView::AdversaryView(const Scenario& s, const Topology& t, ObservationSink& sink)
    : topology_(&t),
      sink_(&sink),
      gpa_(s.gpa),
      targets_(s, t),
      pull_messages_(static_cast<std::uint32_t>(s.pull_messages)),
      corrupt_mixes_(corrupt_mixes(s)) {
  const std::vector<bool> providers = corrupt_providers(s);
  for (bool corrupt : providers) {
    ingress_.push_back(corrupt && s.provider_role != ProviderRole::Egress);
    egress_.push_back(corrupt && s.provider_role != ProviderRole::Ingress);
  }
}

bool AdversaryView::corrupt_mix(NodeId n) const {
  return n < topology_->nodes() && topology_->role(n) == Role::Mix && corrupt_mixes_[static_cast<std::size_t>(topology_->index(n))];
}

void AdversaryView::on_hop(const HopRecord& r) {
  using K = ObservationKind;
  if (targets_.entering(r)) emit({r.time, 0, r.node, r.peer, kNoNode, 0, K::Target});
  switch (r.event) {
    case HopEvent::Send:
    case HopEvent::Depart:
      if (gpa_ || targets_.watched(r.node) || targets_.watched(r.peer))
        emit({r.time, 0, r.node, r.peer, kNoNode, r.kind == TrafficKind::Flood ? 1u : 0u, K::Link});
      if (egress(r.node) && client(r.peer)) on_pull_answer(r);
      return;
    case HopEvent::Arrive:
      if (ingress(r.node) && client(r.peer)) emit({r.time, 0, r.node, r.peer, kNoNode, 0, K::Send});
      return;
    case HopEvent::Deliver:
      if (egress(r.node) && client(r.peer)) emit({r.time, 0, r.node, r.peer, kNoNode, 0, K::Deposit});
      return;
    case HopEvent::Drop:
      if (r.reason == DropReason::Cover && egress(r.node)) emit({r.time, 0, r.node, r.peer, kNoNode, 0, K::CoverDrop});
      return;
    case HopEvent::Enter:
      if (corrupt_mix(r.node)) entered_[r.packet] = {r.time, r.peer};
      return;
    case HopEvent::Leave:
      if (corrupt_mix(r.node)) {
        const auto it = entered_.find(r.packet);
        if (it == entered_.end()) return;  // entered before a trace's first record: not seen
        emit({r.time, it->second.first, r.node, r.peer, it->second.second, 0, K::MixIo});
        entered_.erase(it);
      }
      return;
    case HopEvent::Fetch:
    case HopEvent::Create:
      return;
  }
}

// A pull answer is K packets from the provider to the client at one instant: each from the
// inbox (Depart) or a dummy the provider made (Send). The provider knows which.
void AdversaryView::on_pull_answer(const HopRecord& r) {
  if (pull_packets_ == 0 || r.time != pull_.time || r.node != pull_.node || r.peer != pull_.peer) {
    pull_ = {r.time, 0, r.node, r.peer, kNoNode, 0, ObservationKind::Pull};
    pull_packets_ = 0;
  }
  if (r.event == HopEvent::Depart) ++pull_.count;
  if (++pull_packets_ < pull_messages_) return;
  emit(pull_);
  pull_packets_ = 0;
}

}  // namespace core
