// When clients are online (/online/...): always, or alternating online and offline periods.
// A client starts in the stationary state (online with probability E[on] / (E[on] + E[off]),
// its first period the stationary residual of that state's periods), then its periods
// alternate, all drawn from its own stream (Purpose::Online). The simulation and the analysis
// of its records (which replays the periods) therefore see the same periods.
#pragma once
#include "core/config/scenario.h"
#include "core/model/time_sampler.h"
#include "sim/random.h"

namespace core {

// One client's place in its periods.
struct OnlineState {
  sim::RandomStream stream;
  sim::Time until = sim::kLatest;  // when the current period ends
  std::uint32_t session = 0;       // online periods begun so far, the first one included
  bool online = true;
};

class OnlineModel {
 public:
  explicit OnlineModel(const ClientProfile& profile);
  bool always() const { return always_; }
  // The client's state at time 0, from its stream.
  OnlineState start(sim::RandomStream stream) const;
  // Ends the current period (at s.until): the next one starts there.
  void next(OnlineState& s) const;
  // Whether the client is online at t, moving s forward to the period holding t (t must not
  // be before the start of s's current period).
  bool online_at(OnlineState& s, sim::Time t) const;

 private:
  bool always_;
  double start_online_;  // E[on] / (E[on] + E[off])
  TimeSampler on_, off_;
};

}  // namespace core
