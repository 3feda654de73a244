// The Loopix mix (Sec. 3.3): every packet leaves after the delay its sender chose for this
// hop, an Exp(mu) draw, independently of the others (by memorylessness, any pooled packet is
// equally likely to leave next).
#include "core/model/mix/mix_strategy.h"

namespace core {

namespace {

class PoissonMix final : public MixStrategy {
 public:
  void admit(MixPort& port, std::size_t mix, const PooledPacket& packet) override {
    port.release_after(mix, packet.delay, packet);
  }
  void wake(MixPort&, std::size_t) override {}  // sets no timer
};

}  // namespace

std::unique_ptr<MixStrategy> make_poisson_mix(const Scenario&, std::size_t) { return std::make_unique<PoissonMix>(); }

}  // namespace core
