// The small CSV files a scenario may name (a workload, an online schedule): one header line,
// then rows of numbers. Empty lines and lines starting with # are skipped, CRLF is accepted,
// a line holds at most 1000 bytes, and only a regular file is read (a device or a FIFO could
// make a run wait forever). Every problem is a CsvError naming the file, line and column.
#pragma once
#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace core {

class CsvError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class CsvFile {
 public:
  // Opens PATH and checks its header: exactly COLUMNS joined by commas.
  CsvFile(std::string path, std::vector<std::string> columns);
  // The next row (false at the end); it must have one cell per column.
  bool next();
  std::size_t line() const { return line_; }

  // The cell of COLUMN as a finite number or an integer, or a CsvError "expected EXPECTED, got
  // ..." (the caller checks its range and calls fail() likewise).
  double number(std::size_t column, const std::string& expected) const;
  std::int64_t integer(std::size_t column, const std::string& expected) const;
  [[noreturn]] void fail(std::size_t column, const std::string& expected) const;
  [[noreturn]] void fail_line(const std::string& expected) const;  // for the whole row

 private:
  bool read_line(std::string& text);  // the next line that is not empty or a comment

  std::string path_;
  std::vector<std::string> columns_;
  std::ifstream in_;
  std::size_t line_ = 0;
  std::vector<std::string> cells_;
};

}  // namespace core
