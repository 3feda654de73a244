#include "analysis/pool_tracker.h"

#include <sstream>

namespace analysis {

PoolTracker::PoolTracker(const core::Topology& topology, bool providers_delay)
    : topology_(&topology), providers_delay_(providers_delay), held_(topology.client(0)) {}

void PoolTracker::inconsistent(const core::HopRecord& r, const char* what) const {
  std::ostringstream message;
  message << "at " << sim::to_seconds(r.time) << " s, " << core::name(r.event) << " of packet " << r.packet << " at "
          << core::name(topology_->role(r.node)) << ' ' << r.node << ": " << what;
  throw std::runtime_error(message.str());
}

}  // namespace analysis
