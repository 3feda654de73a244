// A mix's pool change read off one hop record: the model reports a packet entering a pool
// (Enter) and leaving it (Leave); the per-mix figures follow the mixes' pools only.
#pragma once
#include <cstddef>
#include <optional>

#include "core/observer.h"

namespace analysis {

struct MixPoolStep {
  std::size_t mix;  // Topology::index of the mix
  bool enter;       // Enter (true) or Leave (false)
};

// The step `r` is at one of the `mixes` mixes numbered from `first_mix`; none for any other
// record or node.
inline std::optional<MixPoolStep> mix_pool_step(const core::HopRecord& r, core::NodeId first_mix, std::size_t mixes) {
  if (r.event != core::HopEvent::Enter && r.event != core::HopEvent::Leave) return std::nullopt;
  if (r.node < first_mix || r.node - first_mix >= mixes) return std::nullopt;
  return MixPoolStep{r.node - first_mix, r.event == core::HopEvent::Enter};
}

}  // namespace analysis
