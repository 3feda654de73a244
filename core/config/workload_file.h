// A recorded workload (/workload/file), replayed instead of the Poisson workload of the
// clients it names as senders. CSV, one message a row, after the header line
// `time_s,sender,recipient,size_bytes`: when the message is created (seconds from the start),
// its sender and recipient (client indices, different), and its size (bytes, at least 1).
// Rows may come in any order (they are replayed in time order, ties in file order); the rest
// of the format is core/config/csv_file.h's.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/config/csv_file.h"

namespace core {

struct WorkloadMessage {
  double time_s;
  int sender, recipient;
  std::uint64_t size_bytes;
};

// Reads and checks the file against `clients` and the largest message (`max_size_bytes`),
// sorted by time. Throws CsvError at the first problem.
std::vector<WorkloadMessage> read_workload_file(const std::string& path, int clients, std::uint64_t max_size_bytes);

}  // namespace core
