#include "core/config/workload_file.h"

#include <algorithm>

namespace core {

std::vector<WorkloadMessage> read_workload_file(const std::string& path, int clients, std::uint64_t max_size_bytes) {
  CsvFile csv(path, {"time_s", "sender", "recipient", "size_bytes"});
  std::vector<WorkloadMessage> rows;
  const std::string client = "a client index below /topology/clients (" + std::to_string(clients) + ")";
  const std::string size = "a size in bytes from 1 to " + std::to_string(max_size_bytes) + " (4095 payloads)";
  while (csv.next()) {
    const double time_s = csv.number(0, "a number of seconds >= 0");
    if (time_s < 0) csv.fail(0, "a number of seconds >= 0");
    const std::int64_t sender = csv.integer(1, client), recipient = csv.integer(2, client);
    if (sender < 0 || sender >= clients) csv.fail(1, client);
    if (recipient < 0 || recipient >= clients) csv.fail(2, client);
    if (recipient == sender) csv.fail(2, "a client other than the sender");
    const std::int64_t bytes = csv.integer(3, size);
    if (bytes < 1 || static_cast<std::uint64_t>(bytes) > max_size_bytes) csv.fail(3, size);
    rows.push_back({time_s, static_cast<int>(sender), static_cast<int>(recipient), static_cast<std::uint64_t>(bytes)});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const WorkloadMessage& a, const WorkloadMessage& b) { return a.time_s < b.time_s; });
  return rows;
}

}  // namespace core
