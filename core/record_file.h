// Files of fixed-size binary records behind a 16-byte header (8-byte magic, version u32,
// record size u32): the writer streams records through a fixed buffer into an AtomicFile,
// the reader checks the header and hands out each record's bytes. The trace (core/trace.h)
// and the adversary's observation stream (core/adversary/observation_stream.h) are two.
#pragma once
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "core/atomic_file.h"

namespace core {

inline constexpr std::size_t kRecordFileHeaderSize = 16;

// What a file of records is: its magic, version and record size, and a noun for messages.
struct RecordFormat {
  const char* magic;  // 8 characters
  std::uint32_t version;
  std::size_t record_size;
  const char* noun;  // "trace", "observation stream"
};

// "PATH: record N (byte offset B)": where record INDEX of such a file lies, for messages.
std::string record_location(const std::string& path, std::uint64_t index, std::size_t record_size);

class RecordFileWriter {
 public:
  RecordFileWriter(const std::string& path, const RecordFormat& format);
  // Room for the next record's bytes (record_size of them), to be filled at once.
  std::uint8_t* next();
  std::uint64_t records() const { return records_; }
  void commit();  // flushes and renames the finished file into place

 private:
  void flush();
  AtomicFile file_;
  std::size_t record_size_;
  std::vector<std::uint8_t> buffer_;
  std::size_t used_ = 0;
  std::uint64_t records_ = 0;
};

// Errors (std::runtime_error) name the file and what was expected of it.
class RecordFileReader {
 public:
  RecordFileReader(const std::string& path, const RecordFormat& format);
  bool next(std::uint8_t* bytes);  // record_size bytes; false at the end
  std::uint64_t records() const { return records_; }
  std::uint64_t read() const { return read_; }  // records returned so far
  const std::string& path() const { return path_; }
  // "PATH: record N (byte offset B)" of the record last returned.
  std::string location() const;

 private:
  std::string path_;
  std::size_t record_size_;
  std::ifstream in_;
  std::uint64_t records_ = 0;
  std::uint64_t read_ = 0;
};

}  // namespace core
