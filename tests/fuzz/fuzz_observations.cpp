// libFuzzer target: any bytes as the records of an observation stream (after a valid header),
// read with the checks of `loopix-sim trace export` against the small scenario and fed to the
// unobservability tests, which then score every window. A result or a std::runtime_error
// naming the record; never a crash, an out-of-bounds access, undefined behaviour or a hang
// (seeded with a real run's observations, tests/fuzz/corpus/observations).
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "analysis/trace_replay.h"
#include "analysis/unobservability.h"
#include "core/bytes.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const core::Scenario scenario = fuzz::small_scenario();
  static const core::Topology topology(scenario);
  std::string header(core::kRecordFileHeaderSize, '\0');
  std::memcpy(header.data(), core::kObservationFormat.magic, 8);
  core::store_le<std::uint32_t>(reinterpret_cast<std::uint8_t*>(header.data()) + 8, core::kObservationFormat.version);
  core::store_le<std::uint32_t>(reinterpret_cast<std::uint8_t*>(header.data()) + 12, core::kObservationRecordSize);
  const std::string file = fuzz::write_input("observations.bin", data, size, header);
  try {
    core::ObservationReader reader(file, analysis::observation_bounds(scenario, topology));
    analysis::UnobservabilityTest receivers(analysis::Side::Receiver, scenario, topology);
    analysis::UnobservabilityTest senders(analysis::Side::Sender, scenario, topology);
    for (core::Observation o; reader.next(o);) receivers.on_observation(o), senders.on_observation(o);
    std::vector<bool> half(static_cast<std::size_t>(topology.clients()));
    for (std::size_t c = 0; c < half.size(); c += 2) half[c] = true;
    receivers.result(half, 0.5);
    senders.result(half, 0.5);
  } catch (const std::runtime_error&) {
  }
  return 0;
}
