#include "analysis/trace_replay.h"

#include <stdexcept>

#include "core/trace.h"

namespace analysis {

void feed_trace(const std::string& path, core::Observer& observer) {
  core::TraceReader reader(path);
  core::HopRecord r;
  for (std::uint64_t index = 0; reader.next(r); ++index) {
    try {
      observer.on_hop(r);
    } catch (const std::runtime_error& e) {
      throw std::runtime_error(path + ": record " + std::to_string(index) + ": " + e.what());
    }
  }
}

}  // namespace analysis
