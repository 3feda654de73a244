// Where a result came from: the program's version and git commit, the command line, the host
// and the start time (UTC), written into summary.json and sweep.json beside the SHA-256 of
// the resolved scenario, so that a figure can be traced back to what made it.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace cli {

// {"version", "commit", "command_line", "host", "started_utc"} for this invocation.
nlohmann::json provenance(const std::vector<std::string>& command_line);

}  // namespace cli
