// The observation stream, observations.bin: a 16-byte header (core/record_file.h, magic
// "LOOPIXOB"), then one 40-byte little-endian record per Observation, in time order. Written
// by `run --observations`; the numpy dtype that reads it is in the README.
#pragma once
#include <cstdint>
#include <string>

#include "core/adversary/observation.h"
#include "core/record_file.h"

namespace core {

inline constexpr char kObservationMagic[8] = {'L', 'O', 'O', 'P', 'I', 'X', 'O', 'B'};
inline constexpr std::size_t kObservationRecordSize = 40;
inline constexpr RecordFormat kObservationFormat = {kObservationMagic, 1, kObservationRecordSize, "observation stream"};

// Record layout (offsets): time_ns i64 @0, entered_ns i64 @8, node u32 @16, peer u32 @20,
// from u32 @24, count u32 @28, what u8 @32, 7 zero bytes @33.
void encode_observation(const Observation& o, std::uint8_t* out);
Observation decode_observation(const std::uint8_t* in);

class ObservationWriter final : public ObservationSink {
 public:
  explicit ObservationWriter(const std::string& path) : file_(path, kObservationFormat) {}
  void on_observation(const Observation& o) override { encode_observation(o, file_.next()); }
  std::uint64_t records() const { return file_.records(); }
  void commit() { file_.commit(); }

 private:
  RecordFileWriter file_;
};

// What one run's observations can hold.
struct ObservationBounds {
  std::uint32_t nodes = kNoNode;           // node ids < nodes
  sim::Time end = sim::kNever;             // times <= end
  std::uint32_t pull_messages = UINT32_MAX;  // a Pull's count <= K
};

// Reads observations.bin, checking every record before it is returned (the codes, the zero
// bytes, ids within the topology and present exactly where the kind has them, times in order
// within the run). Errors name the file, the record and its byte offset: "PATH: record N
// (byte offset B): expected ...".
class ObservationReader {
 public:
  explicit ObservationReader(const std::string& path, ObservationBounds bounds = {});
  bool next(Observation& o);  // false at the end
  std::uint64_t records() const { return file_.records(); }

 private:
  void check(const std::uint8_t* bytes, const Observation& o) const;

  RecordFileReader file_;
  ObservationBounds bounds_;
  sim::Time previous_time_ = 0;
};

}  // namespace core
