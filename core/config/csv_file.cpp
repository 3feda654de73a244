#include "core/config/csv_file.h"

#include <charconv>
#include <cmath>
#include <filesystem>

namespace core {
namespace {

constexpr std::size_t kLongestLine = 1000;  // far beyond a few numbers; bounds what a line costs
constexpr std::size_t kLongestShown = 40;

std::string shown(const std::string& text) {
  return "\"" + (text.size() > kLongestShown ? text.substr(0, kLongestShown) + "..." : text) + "\"";
}

std::string joined(const std::vector<std::string>& columns) {
  std::string text;
  for (const std::string& c : columns) text += (text.empty() ? "" : ",") + c;
  return text;
}

template <typename Number>
bool parse(const std::string& text, Number& out) {
  const char* end = text.data() + text.size();
  const auto [at, error] = std::from_chars(text.data(), end, out);
  return error == std::errc() && at == end;
}

}  // namespace

CsvFile::CsvFile(std::string path, std::vector<std::string> columns) : path_(std::move(path)), columns_(std::move(columns)) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path_, error)) throw CsvError(path_ + ": expected a regular file (a CSV file)");
  in_.open(path_);
  if (!in_) throw CsvError(path_ + ": cannot read file");
  std::string header;
  if (!read_line(header)) throw CsvError(path_ + ": expected the header " + shown(joined(columns_)) + ", got an empty file");
  if (header != joined(columns_)) fail_line("the header " + shown(joined(columns_)) + ", got " + shown(header));
}

bool CsvFile::read_line(std::string& text) {
  char buffer[kLongestLine + 2];
  while (in_.getline(buffer, sizeof buffer) || in_.gcount() > 0) {
    ++line_;
    if (in_.fail() && !in_.eof()) fail_line("a line of at most " + std::to_string(kLongestLine) + " bytes");
    text = buffer;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (!text.empty() && text[0] != '#') return true;
  }
  return false;
}

bool CsvFile::next() {
  std::string text;
  if (!read_line(text)) return false;
  cells_.clear();
  for (std::size_t start = 0;;) {
    const std::size_t comma = text.find(',', start);
    cells_.push_back(text.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (cells_.size() != columns_.size())
    fail_line(std::to_string(columns_.size()) + " columns (" + joined(columns_) + "), got " + std::to_string(cells_.size()));
  return true;
}

double CsvFile::number(std::size_t column, const std::string& expected) const {
  double value = 0;
  if (!parse(cells_[column], value) || !std::isfinite(value)) fail(column, expected);
  return value;
}

std::int64_t CsvFile::integer(std::size_t column, const std::string& expected) const {
  std::int64_t value = 0;
  if (!parse(cells_[column], value)) fail(column, expected);
  return value;
}

void CsvFile::fail(std::size_t column, const std::string& expected) const {
  throw CsvError(path_ + ": line " + std::to_string(line_) + ", column " + std::to_string(column + 1) + " (" +
                 columns_[column] + "): expected " + expected + ", got " + shown(cells_[column]));
}

void CsvFile::fail_line(const std::string& expected) const {
  throw CsvError(path_ + ": line " + std::to_string(line_) + ": expected " + expected);
}

}  // namespace core
