// libFuzzer target: any bytes as a sweep file, expanded and validated as `loopix-sim sweep
// --list` does, then the folder's manifest written and read back. A sweep or a ScenarioError;
// nothing else (seeded with scenarios/examples and tests/fuzz/corpus/sweep).
#include <cstdint>

#include "core/config/sweep.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string file = fuzz::write_input("sweep.json", data, size);
  try {
    const core::Sweep sweep = core::load_sweep(file);
    (void)core::sweep_run_list(sweep);
  } catch (const core::ScenarioError&) {
  }
  return 0;
}
