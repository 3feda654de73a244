// The synchronous variant of Loopix (Sec. 3.3): a mix gathers packets for a round of
// /mixes/round seconds and flushes its whole pool, in random order, at the round's end. Rounds
// are aligned across mixes (boundaries at k * round) or, with /mixes/random_phase, each mix's
// boundaries are shifted by a phase drawn uniformly in [0, round). A packet arriving exactly
// at a boundary waits for the next round, so a packet crosses one mix per round. Sender-chosen
// delays are ignored. A mix sets its timer only while it holds packets.
#include <vector>

#include "core/config/scenario.h"
#include "core/model/mix/batch_pools.h"

namespace core {

namespace {

class RoundMix final : public MixStrategy {
 public:
  RoundMix(const Scenario& s, std::size_t mixes)
      : round_(sim::from_seconds(s.mix_round)), random_phase_(s.mix_random_phase), pools_(mixes), mixes_(mixes) {}

  void admit(MixPort& port, std::size_t mix, const PooledPacket& packet) override {
    pools_.of(mix).push_back(packet);
    Mix& m = mixes_[mix];
    if (!m.phase_drawn) {  // the mix stream's first draw
      m.phase = random_phase_ ? static_cast<sim::Time>(port.random(mix).below(static_cast<std::uint64_t>(round_))) : 0;
      m.phase_drawn = true;
    }
    if (m.timer_set) return;
    m.timer_set = true;
    port.wake_after(mix, next_boundary(port.now(), m.phase, round_) - port.now());
  }

  void wake(MixPort& port, std::size_t mix) override {
    mixes_[mix].timer_set = false;
    pools_.flush(port, mix, 0);
  }

 private:
  struct Mix {
    sim::Time phase = 0;
    bool phase_drawn = false, timer_set = false;
  };
  sim::Time round_;
  bool random_phase_;
  BatchPools pools_;
  std::vector<Mix> mixes_;
};

}  // namespace

std::unique_ptr<MixStrategy> make_round_mix(const Scenario& s, std::size_t mixes) {
  return std::make_unique<RoundMix>(s, mixes);
}

}  // namespace core
