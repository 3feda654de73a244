#include "core/model/online_model.h"

#include "core/config/client_classes.h"

namespace core {

OnlineModel::OnlineModel(const ClientProfile& p, int clients)
    : always_(p.online == Online::Always),
      start_online_(p.online == Online::Alternating ? ClientClasses::alternating_share(p) : 1),
      on_(p.online_period), off_(p.offline_period) {
  if (p.online == Online::Schedule) schedule_ = std::make_shared<const OnlineSchedule>(read_online_schedule(p.online_file, clients));
}

OnlineState OnlineModel::start(int client, sim::RandomStream stream) const {
  OnlineState s{stream};
  if (always_) return s;
  if (schedule_) {  // offline until the first period (if any), which next() then begins
    s.scheduled = &(*schedule_)[static_cast<std::size_t>(client)];
    s.online = false;
    s.until = s.scheduled->empty() ? sim::kLatest : s.scheduled->front().from;
    if (s.until == 0) next(s);
    return s;
  }
  s.online = s.stream.uniform01() < start_online_;
  s.session = s.online ? 1 : 0;
  s.until = (s.online ? on_ : off_).draw_residual(s.stream);
  return s;
}

void OnlineModel::next(OnlineState& s) const {
  s.online = !s.online;
  if (s.online) ++s.session;
  if (s.scheduled) {
    const std::vector<OnlinePeriod>& periods = *s.scheduled;
    if (s.online) s.until = periods[s.next_period++].until;
    else s.until = s.next_period < periods.size() ? periods[s.next_period].from : sim::kLatest;
    return;
  }
  const sim::Time length = (s.online ? on_ : off_).draw(s.stream);
  s.until = length > sim::kLatest - s.until ? sim::kLatest : s.until + length;
}

bool OnlineModel::online_at(OnlineState& s, sim::Time t) const {
  while (s.until <= t && s.until < sim::kLatest) next(s);
  return s.online;
}

}  // namespace core
