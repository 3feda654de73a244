// libFuzzer target: any bytes as the records of a trace (after a valid header), read with the
// checks of `loopix-sim analyze` against the small scenario and fed to every metric. A result
// or a std::runtime_error naming the record; never a crash, an out-of-bounds access, undefined
// behaviour or a hang (seeded with a real run's records, tests/fuzz/corpus/trace).
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "analysis/metrics.h"
#include "core/bytes.h"
#include "core/trace.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const core::Scenario scenario = fuzz::small_scenario();
  static const core::Topology topology(scenario);
  std::string header(core::kTraceHeaderSize, '\0');
  std::memcpy(header.data(), core::kTraceMagic, 8);
  core::store_le<std::uint32_t>(reinterpret_cast<std::uint8_t*>(header.data()) + 8, core::kTraceVersion);
  core::store_le<std::uint32_t>(reinterpret_cast<std::uint8_t*>(header.data()) + 12, core::kTraceRecordSize);
  const std::string file = fuzz::write_input("trace.bin", data, size, header);
  try {
    const auto metrics = analysis::metrics_from_trace(file, scenario, topology);
  } catch (const std::runtime_error&) {
  }
  return 0;
}
