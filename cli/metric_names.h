// A sweep metric's documented name and unit, for an axis or a key: what it shows, not the
// summary's key. "kinds.payload.latency_s.p95" is "latency of payload messages, 95th
// percentile (s)"; a key this does not know keeps its name, with the unit it carries.
#pragma once
#include <string>
#include <string_view>

namespace cli {

std::string metric_label(std::string_view metric);

}  // namespace cli
