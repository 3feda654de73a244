#include "core/model/online_model.h"

#include "core/config/client_classes.h"

namespace core {

OnlineModel::OnlineModel(const ClientProfile& p)
    : always_(p.online == Online::Always),
      start_online_(ClientClasses::online_share(p)),
      on_(p.online_period), off_(p.offline_period) {}

OnlineState OnlineModel::start(sim::RandomStream stream) const {
  OnlineState s{stream};
  if (always_) return s;
  s.online = s.stream.uniform01() < start_online_;
  s.session = s.online ? 1 : 0;
  s.until = (s.online ? on_ : off_).draw_residual(s.stream);
  return s;
}

void OnlineModel::next(OnlineState& s) const {
  s.online = !s.online;
  if (s.online) ++s.session;
  const sim::Time length = (s.online ? on_ : off_).draw(s.stream);
  s.until = length > sim::kLatest - s.until ? sim::kLatest : s.until + length;
}

bool OnlineModel::online_at(OnlineState& s, sim::Time t) const {
  while (s.until <= t && s.until < sim::kLatest) next(s);
  return s.online;
}

}  // namespace core
