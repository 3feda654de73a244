#include "cli/provenance.h"

#include <unistd.h>

#include <ctime>

#include "version.h"

namespace cli {

nlohmann::json provenance(const std::vector<std::string>& command_line) {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char started[32];
  std::strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return {{"version", LOOPIX_SIM_VERSION},
          {"commit", LOOPIX_SIM_COMMIT},
          {"command_line", command_line},
          {"host", host},
          {"started_utc", started}};
}

}  // namespace cli
