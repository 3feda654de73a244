// The threshold mix: once /mixes/threshold packets are pooled, the mix releases them all in
// random order. Sender-chosen delays are ignored; a pool that never fills holds its packets.
#include "core/config/scenario.h"
#include "core/model/mix/batch_pools.h"

namespace core {

namespace {

class ThresholdMix final : public MixStrategy {
 public:
  ThresholdMix(const Scenario& s, std::size_t mixes) : threshold_(static_cast<std::size_t>(s.mix_threshold)), pools_(mixes) {}

  void admit(MixPort& port, std::size_t mix, const PooledPacket& packet) override {
    pools_.of(mix).push_back(packet);
    if (pools_.of(mix).size() >= threshold_) pools_.flush(port, mix, 0);
  }
  void wake(MixPort&, std::size_t) override {}  // sets no timer

 private:
  std::size_t threshold_;
  BatchPools pools_;
};

}  // namespace

std::unique_ptr<MixStrategy> make_threshold_mix(const Scenario& s, std::size_t mixes) {
  return std::make_unique<ThresholdMix>(s, mixes);
}

}  // namespace core
