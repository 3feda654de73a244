// The timed pool mix (a Diaz-Serjantov generalised mix): every /mixes/period seconds (at
// k * period) the mix releases all its pooled packets but /mixes/keep of them, chosen at random
// and sent in random order; the kept ones wait for a later flush. Sender-chosen delays are
// ignored. A mix sets its timer only while it holds packets.
#include <vector>

#include "core/config/scenario.h"
#include "core/model/mix/batch_pools.h"

namespace core {

namespace {

class TimedPoolMix final : public MixStrategy {
 public:
  TimedPoolMix(const Scenario& s, std::size_t mixes)
      : period_(sim::from_seconds(s.mix_period)), keep_(static_cast<std::size_t>(s.mix_keep)), pools_(mixes),
        timer_set_(mixes, false) {}

  void admit(MixPort& port, std::size_t mix, const PooledPacket& packet) override {
    pools_.of(mix).push_back(packet);
    if (timer_set_[mix]) return;
    timer_set_[mix] = true;
    port.wake_after(mix, next_boundary(port.now(), 0, period_) - port.now());
  }

  void wake(MixPort& port, std::size_t mix) override {
    pools_.flush(port, mix, keep_);
    timer_set_[mix] = !pools_.of(mix).empty();
    if (timer_set_[mix]) port.wake_after(mix, period_);
  }

 private:
  sim::Time period_;
  std::size_t keep_;
  BatchPools pools_;
  std::vector<bool> timer_set_;
};

}  // namespace

std::unique_ptr<MixStrategy> make_timed_pool_mix(const Scenario& s, std::size_t mixes) {
  return std::make_unique<TimedPoolMix>(s, mixes);
}

}  // namespace core
