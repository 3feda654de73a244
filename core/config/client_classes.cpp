#include "core/config/client_classes.h"

#include <algorithm>
#include <cmath>

#include "core/config/online_schedule.h"

namespace core {

ClientClasses::ClientClasses(const Scenario& s) : of_(static_cast<std::size_t>(s.clients)), horizon_(s.horizon) {
  if (s.classes.empty()) {
    classes_.push_back({"all", 0, s.clients, s.profile()});
    return;
  }
  double cumulative = 0;
  int first = 0;
  for (const ClientClass& c : s.classes) {
    int end = first + c.count;
    if (c.count < 0) {
      cumulative += c.share;
      end = &c == &s.classes.back() ? s.clients : static_cast<int>(std::lround(cumulative * s.clients));
    }
    // Within the clients even while the scenario is being checked (its classes may not add up yet).
    end = std::clamp(end, first, s.clients);
    classes_.push_back({c.name, first, end - first, c.profile});
    for (int client = first; client < end; ++client) of_[static_cast<std::size_t>(client)] = static_cast<std::uint16_t>(classes_.size() - 1);
    first = end;
  }
}

double ClientClasses::online_share(const Class& c) const {
  switch (c.profile.online) {
    case Online::Always: return 1;
    case Online::Alternating: return alternating_share(c.profile);
    case Online::Schedule: break;
  }
  const int clients = static_cast<int>(of_.size());
  return scheduled_share(read_online_schedule(c.profile.online_file, clients), c.first, c.count, sim::from_seconds(horizon_));
}

double ClientClasses::alternating_share(const ClientProfile& p) {
  const double on = p.online_period.mean_seconds(), off = p.offline_period.mean_seconds();
  return on / (on + off);
}

}  // namespace core
