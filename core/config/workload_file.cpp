#include "core/config/workload_file.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>

namespace core {
namespace {

constexpr const char* kHeader = "time_s,sender,recipient,size_bytes";
constexpr const char* kColumns[] = {"time_s", "sender", "recipient", "size_bytes"};
constexpr std::size_t kLongestShown = 40;
constexpr std::size_t kLongestLine = 1000;  // far beyond four numbers; bounds what a line costs

std::string shown(const std::string& text) {
  return "\"" + (text.size() > kLongestShown ? text.substr(0, kLongestShown) + "..." : text) + "\"";
}

template <typename Number>
bool parse(const std::string& text, Number& out) {
  const char* end = text.data() + text.size();
  const auto [at, error] = std::from_chars(text.data(), end, out);
  return error == std::errc() && at == end;
}

}  // namespace

std::vector<WorkloadMessage> read_workload_file(const std::string& path, int clients, std::uint64_t max_size_bytes) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) throw WorkloadFileError(path + ": expected a regular file (a CSV file)");
  std::ifstream in(path);
  if (!in) throw WorkloadFileError(path + ": cannot read file");
  std::vector<WorkloadMessage> rows;
  std::string line;
  std::size_t number = 0;
  bool header = false;
  char buffer[kLongestLine + 2];
  while (in.getline(buffer, sizeof buffer) || in.gcount() > 0) {
    ++number;
    if (in.fail() && !in.eof())
      throw WorkloadFileError(path + ": line " + std::to_string(number) + ": expected a line of at most " +
                              std::to_string(kLongestLine) + " bytes");
    line = buffer;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const std::string where = path + ": line " + std::to_string(number);
    if (!header) {
      if (line != kHeader) throw WorkloadFileError(where + ": expected the header " + shown(kHeader) + ", got " + shown(line));
      header = true;
      continue;
    }
    std::vector<std::string> cells;
    for (std::size_t start = 0;;) {
      const std::size_t comma = line.find(',', start);
      cells.push_back(line.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (cells.size() != 4)
      throw WorkloadFileError(where + ": expected 4 columns (" + kHeader + "), got " + std::to_string(cells.size()));
    auto fail = [&](std::size_t column, const std::string& expected) {
      throw WorkloadFileError(where + ", column " + std::to_string(column + 1) + " (" + kColumns[column] + "): expected " +
                              expected + ", got " + shown(cells[column]));
    };
    WorkloadMessage m{};
    if (!parse(cells[0], m.time_s) || !std::isfinite(m.time_s) || m.time_s < 0) fail(0, "a number of seconds >= 0");
    if (!parse(cells[1], m.sender) || m.sender < 0 || m.sender >= clients)
      fail(1, "a client index below /topology/clients (" + std::to_string(clients) + ")");
    if (!parse(cells[2], m.recipient) || m.recipient < 0 || m.recipient >= clients)
      fail(2, "a client index below /topology/clients (" + std::to_string(clients) + ")");
    if (m.recipient == m.sender) fail(2, "a client other than the sender");
    if (!parse(cells[3], m.size_bytes) || m.size_bytes < 1 || m.size_bytes > max_size_bytes)
      fail(3, "a size in bytes from 1 to " + std::to_string(max_size_bytes) + " (4095 payloads)");
    rows.push_back(m);
  }
  if (!header) throw WorkloadFileError(path + ": expected the header " + shown(kHeader) + ", got an empty file");
  std::stable_sort(rows.begin(), rows.end(), [](const WorkloadMessage& a, const WorkloadMessage& b) { return a.time_s < b.time_s; });
  return rows;
}

}  // namespace core
