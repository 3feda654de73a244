#include "core/record_file.h"

#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "core/bytes.h"

namespace core {
namespace {
constexpr std::size_t kBufferBytes = std::size_t{3} << 19;  // 1.5 MiB
}  // namespace

std::string record_location(const std::string& path, std::uint64_t index, std::size_t record_size) {
  return path + ": record " + std::to_string(index) + " (byte offset " +
         std::to_string(kRecordFileHeaderSize + index * record_size) + ")";
}

RecordFileWriter::RecordFileWriter(const std::string& path, const RecordFormat& format)
    : file_(path), record_size_(format.record_size), buffer_(kBufferBytes / format.record_size * format.record_size) {
  std::uint8_t header[kRecordFileHeaderSize];
  std::memcpy(header, format.magic, 8);
  store_le<std::uint32_t>(header + 8, format.version);
  store_le<std::uint32_t>(header + 12, static_cast<std::uint32_t>(format.record_size));
  file_.stream().write(reinterpret_cast<const char*>(header), sizeof header);
}

std::uint8_t* RecordFileWriter::next() {
  if (used_ == buffer_.size()) flush();
  std::uint8_t* out = buffer_.data() + used_;
  used_ += record_size_;
  ++records_;
  return out;
}

void RecordFileWriter::flush() {
  file_.stream().write(reinterpret_cast<const char*>(buffer_.data()), static_cast<std::streamsize>(used_));
  file_.check();
  used_ = 0;
}

void RecordFileWriter::commit() {
  flush();
  file_.commit();
}

RecordFileReader::RecordFileReader(const std::string& path, const RecordFormat& format)
    : path_(path), record_size_(format.record_size), in_(path, std::ios::binary) {
  if (!in_) throw std::runtime_error(path + ": cannot read file");
  const std::string noun = format.noun;
  std::uint8_t header[kRecordFileHeaderSize];
  in_.read(reinterpret_cast<char*>(header), sizeof header);
  if (in_.gcount() != static_cast<std::streamsize>(sizeof header) || std::memcmp(header, format.magic, 8) != 0)
    throw std::runtime_error(path + ": not a loopix-sim " + noun + " (expected the header \"" +
                             std::string(format.magic, 8) + "\")");
  if (load_le<std::uint32_t>(header + 8) != format.version)
    throw std::runtime_error(path + ": " + noun + " version " + std::to_string(load_le<std::uint32_t>(header + 8)) +
                             ", expected " + std::to_string(format.version));
  if (load_le<std::uint32_t>(header + 12) != format.record_size)
    throw std::runtime_error(path + ": " + noun + " record size " + std::to_string(load_le<std::uint32_t>(header + 12)) +
                             ", expected " + std::to_string(format.record_size));
  auto size = std::filesystem::file_size(path);
  if ((size - kRecordFileHeaderSize) % format.record_size != 0)
    throw std::runtime_error(path + ": truncated " + noun + " (" + std::to_string(size - kRecordFileHeaderSize) +
                             " bytes of records, not a multiple of " + std::to_string(format.record_size) + ")");
  records_ = (size - kRecordFileHeaderSize) / format.record_size;
}

bool RecordFileReader::next(std::uint8_t* bytes) {
  in_.read(reinterpret_cast<char*>(bytes), static_cast<std::streamsize>(record_size_));
  if (in_.gcount() != static_cast<std::streamsize>(record_size_)) return false;
  ++read_;
  return true;
}

std::string RecordFileReader::location() const { return record_location(path_, read_ - 1, record_size_); }

}  // namespace core
