// When clients are online (/online/...): always, alternating online and offline periods, or
// by a schedule. Alternating, a client starts in the stationary state (online with probability
// E[on] / (E[on] + E[off]), its first period the stationary residual of that state's periods),
// then its periods alternate, all drawn from its own stream (Purpose::Online). By a schedule,
// it is online in the periods the file lists for it (core/config/online_schedule.h). The
// simulation and the analysis of its records (which replays the periods) see the same periods.
#pragma once
#include <memory>

#include "core/config/online_schedule.h"
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
  const std::vector<OnlinePeriod>* scheduled = nullptr;  // by a schedule: the client's periods
  std::size_t next_period = 0;                            // and the next one to begin
};

class OnlineModel {
 public:
  // `clients`: the scenario's, against which a schedule's rows are checked.
  OnlineModel(const ClientProfile& profile, int clients);
  bool always() const { return always_; }
  // The state at time 0 of client `client` (an index), from its stream.
  OnlineState start(int client, sim::RandomStream stream) const;
  // Ends the current period (at s.until): the next one starts there.
  void next(OnlineState& s) const;
  // Whether the client is online at t, moving s forward to the period holding t (t must not
  // be before the start of s's current period).
  bool online_at(OnlineState& s, sim::Time t) const;

 private:
  bool always_;
  double start_online_;  // E[on] / (E[on] + E[off])
  TimeSampler on_, off_;
  std::shared_ptr<const OnlineSchedule> schedule_;  // by a schedule (the file read once, shared by copies)
};

}  // namespace core
