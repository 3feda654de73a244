// The binary trace: a 16-byte header, then one 48-byte little-endian record per hop event,
// written as a stream (a fixed buffer, memory does not grow with the trace). The numpy
// dtype that reads it is in the README.
#pragma once
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "core/atomic_file.h"
#include "core/observer.h"

namespace core {

inline constexpr char kTraceMagic[8] = {'L', 'O', 'O', 'P', 'I', 'X', 'T', 'R'};
inline constexpr std::uint32_t kTraceVersion = 2;
inline constexpr std::size_t kTraceHeaderSize = 16;  // magic, version (u32), record size (u32)
inline constexpr std::size_t kTraceRecordSize = 48;

// Record layout (offsets): time_ns i64 @0, sent_ns i64 @8, packet u64 @16, message u64 @24,
// node u32 @32, peer u32 @36, event u8 @40, kind u8 @41, reason u8 @42, 5 zero bytes @43.
void encode_record(const HopRecord& r, std::uint8_t* out);
HopRecord decode_record(const std::uint8_t* in);

class TraceWriter final : public Observer {
 public:
  explicit TraceWriter(const std::string& path);
  void on_hop(const HopRecord& record) override;
  std::uint64_t records() const { return records_; }
  void commit();  // flushes and renames the finished trace into place

 private:
  void flush();
  AtomicFile file_;
  std::vector<std::uint8_t> buffer_;
  std::size_t used_ = 0;
  std::uint64_t records_ = 0;
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
  std::uint64_t records() const { return records_; }

 private:
  void check(const std::uint8_t* bytes, const HopRecord& r) const;

  std::string path_;
  TraceBounds bounds_;
  std::ifstream in_;
  std::uint64_t records_ = 0;
  std::uint64_t read_ = 0;        // records returned so far
  sim::Time previous_time_ = 0;  // of the last record returned
};

}  // namespace core
