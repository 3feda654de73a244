// When a real message reaches its recipient: the client fetches it from its inbox, or, for a
// client that does not pull (no inbox is kept), its provider delivers it.
#pragma once
#include "core/config/client_classes.h"
#include "core/model/topology/topology.h"
#include "core/observer.h"

namespace analysis {

inline bool received_by_client(const core::HopRecord& r, const core::Topology& topology, const core::ClientClasses& classes) {
  if (r.event == core::HopEvent::Fetch) return true;
  return r.event == core::HopEvent::Deliver && topology.role(r.node) == core::Role::Provider && r.peer != core::kNoNode &&
         topology.role(r.peer) == core::Role::Client && classes.profile(topology.index(r.peer)).pull_period == 0;
}

}  // namespace analysis
