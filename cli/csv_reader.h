// Reading loopix-sim's own CSV files (a results folder's, a sweep's tables) for plots: a header,
// then rows of exactly its columns. Every problem is a UserError naming the file, the line and
// the column.
#pragma once
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "cli/user_error.h"

namespace cli {

class CsvReader {
 public:
  // A file whose first line must be HEADER, or "run," and HEADER (a sweep's run: its tables
  // start with the run's id, a column the accessors skip).
  CsvReader(std::filesystem::path path, const std::string& header) : path_(std::move(path)), header_(header) {
    open();
    columns_ = split(header);
    if (next_line() && line_ == "run," + header) skip_ = 1;
    else if (line_ != header) fail("expected the header " + header);
  }
  // A file whose first line names its columns (read them with columns()).
  explicit CsvReader(std::filesystem::path path) : path_(std::move(path)) {
    open();
    if (!next_line() || line_.empty()) fail("expected a header line");
    header_ = line_;
    columns_ = split(line_);
  }

  // Moves to the next row; false at the end of the file.
  bool next() {
    while (next_line())
      if (!line_.empty()) {
        fields_ = split(line_);
        if (fields_.size() != columns_.size() + skip_)
          fail("expected " + std::to_string(columns_.size() + skip_) + " fields (" + (skip_ ? "run," : "") + header_ +
               "), got " + std::to_string(fields_.size()));
        fields_.erase(fields_.begin(), fields_.begin() + static_cast<std::ptrdiff_t>(skip_));
        return true;
      }
    return false;
  }

  const std::string& text(std::size_t column) const { return fields_[column]; }

  double number(std::size_t column) const {
    const std::optional<double> x = optional_number(column);
    if (!x) fail(columns_[column] + ": expected a number, got nothing");
    return *x;
  }

  // An empty field is "not applicable".
  std::optional<double> optional_number(std::size_t column) const {
    const std::string& f = fields_[column];
    if (f.empty()) return std::nullopt;
    double x = 0;
    const auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), x);
    if (ec != std::errc() || end != f.data() + f.size() || !std::isfinite(x))
      fail(columns_[column] + ": expected a number, got \"" + f + "\"");
    return x;
  }

  int count(std::size_t column) const {
    const std::string& f = fields_[column];
    int n = -1;
    const auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), n);
    if (ec != std::errc() || end != f.data() + f.size() || n < 0)
      fail(columns_[column] + ": expected a whole number >= 0, got \"" + f + "\"");
    return n;
  }

  // An identifier (a message's, a node's): a whole number >= 0.
  std::uint64_t id(std::size_t column) const {
    const std::string& f = fields_[column];
    std::uint64_t n = 0;
    const auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), n);
    if (f.empty() || ec != std::errc() || end != f.data() + f.size())
      fail(columns_[column] + ": expected a whole number >= 0, got \"" + f + "\"");
    return n;
  }

  // 0 or 1, `what` saying what they mean ("0 or 1", "0 (S0) or 1 (S1)").
  int zero_or_one(std::size_t column, const std::string& what) const {
    const std::string& f = fields_[column];
    if (f != "0" && f != "1") fail(columns_[column] + ": expected " + what + ", got \"" + f + "\"");
    return f == "1" ? 1 : 0;
  }

  const std::string& column(std::size_t column) const { return columns_[column]; }
  const std::vector<std::string>& columns() const { return columns_; }
  std::size_t line() const { return line_number_; }

  [[noreturn]] void fail(const std::string& what) const {
    throw UserError(path_.string() + ":" + std::to_string(line_number_) + ": " + what);
  }

 private:
  void open() {
    in_.open(path_);
    if (!in_) throw UserError(path_.string() + ": cannot read file");
  }

  // The fields of a line: separated by commas; a field in double quotes may hold commas and
  // "" for a quote (as the sweep tables write parameter values).
  std::vector<std::string> split(const std::string& line) const {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"' && (quoted || fields.back().empty())) {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.emplace_back();
      } else {
        fields.back() += c;
      }
    }
    if (quoted) fail("a quoted field is not closed");
    return fields;
  }

  bool next_line() {
    if (!std::getline(in_, line_)) return false;
    ++line_number_;
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    return true;
  }

  std::filesystem::path path_;
  std::string header_;
  std::vector<std::string> columns_;
  std::size_t skip_ = 0;  // 1: a leading run column, dropped from each row
  std::ifstream in_;
  std::string line_;
  std::vector<std::string> fields_;
  std::size_t line_number_ = 0;
};

}  // namespace cli
