// The binary trace: a 16-byte header, then one 48-byte little-endian record per hop event,
// written as a stream (a fixed buffer, memory does not grow with the trace). The numpy
// dtype that reads it is in the README.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/observer.h"
#include "core/record_file.h"

namespace core {

inline constexpr char kTraceMagic[8] = {'L', 'O', 'O', 'P', 'I', 'X', 'T', 'R'};
inline constexpr std::uint32_t kTraceVersion = 2;
inline constexpr std::size_t kTraceHeaderSize = kRecordFileHeaderSize;  // magic, version (u32), record size (u32)
inline constexpr std::size_t kTraceRecordSize = 48;
inline constexpr RecordFormat kTraceFormat = {kTraceMagic, kTraceVersion, kTraceRecordSize, "trace"};

// Record layout (offsets): time_ns i64 @0, sent_ns i64 @8, packet u64 @16, message u64 @24,
// node u32 @32, peer u32 @36, event u8 @40, kind u8 @41, reason u8 @42, 5 zero bytes @43.
void encode_record(const HopRecord& r, std::uint8_t* out);
HopRecord decode_record(const std::uint8_t* in);

class TraceWriter final : public Observer {
 public:
  explicit TraceWriter(const std::string& path) : file_(path, kTraceFormat) {}
  void on_hop(const HopRecord& record) override { encode_record(record, file_.next()); }
  std::uint64_t records() const { return file_.records(); }
  void commit() { file_.commit(); }  // flushes and renames the finished trace into place

 private:
  RecordFileWriter file_;
};

// What the records of one run's trace can hold: node ids within its topology, times within
// [0, horizon + drain]. The defaults accept any id and any time a record can encode.
struct TraceBounds {
  std::uint32_t nodes = kNoNode;    // node ids < nodes (peer: also kNoNode)
  sim::Time end = sim::kNever;      // times <= end
};

// "PATH: record N (byte offset B)": where record INDEX of a trace file lies, for messages.
std::string record_location(const std::string& path, std::uint64_t index);

// Reads a trace written by TraceWriter, checking every record before it is returned, so
// nothing downstream sees an id past the topology, an enum value past its range or a time out
// of order. Errors (std::runtime_error) name the file, the record and its byte offset, and
// what was expected: "PATH: record N (byte offset B): expected ...".
class TraceReader {
 public:
  explicit TraceReader(const std::string& path, TraceBounds bounds = {});
  bool next(HopRecord& record);  // false at the end
  std::uint64_t records() const { return file_.records(); }

 private:
  void check(const std::uint8_t* bytes, const HopRecord& r) const;

  RecordFileReader file_;
  TraceBounds bounds_;
  sim::Time previous_time_ = 0;  // of the last record returned
};

}  // namespace core
