#include "core/trace.h"

#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "core/bytes.h"

namespace core {

void encode_record(const HopRecord& r, std::uint8_t* out) {
  store_le<std::int64_t>(out, r.time);
  store_le<std::int64_t>(out + 8, r.sent);
  store_le<std::uint64_t>(out + 16, r.packet);
  store_le<std::uint64_t>(out + 24, r.message);
  store_le<std::uint32_t>(out + 32, r.node);
  store_le<std::uint32_t>(out + 36, r.peer);
  out[40] = static_cast<std::uint8_t>(r.event);
  out[41] = static_cast<std::uint8_t>(r.kind);
  out[42] = static_cast<std::uint8_t>(r.reason);
  std::memset(out + 43, 0, 5);
}

HopRecord decode_record(const std::uint8_t* in) {
  HopRecord r;
  r.time = load_le<std::int64_t>(in);
  r.sent = load_le<std::int64_t>(in + 8);
  r.packet = load_le<std::uint64_t>(in + 16);
  r.message = load_le<std::uint64_t>(in + 24);
  r.node = load_le<std::uint32_t>(in + 32);
  r.peer = load_le<std::uint32_t>(in + 36);
  r.event = static_cast<HopEvent>(in[40]);
  r.kind = static_cast<TrafficKind>(in[41]);
  r.reason = static_cast<DropReason>(in[42]);
  return r;
}

namespace {
constexpr std::size_t kBufferRecords = 1 << 15;  // 1.5 MiB

void write_header(std::ostream& out) {
  std::uint8_t header[kTraceHeaderSize];
  std::memcpy(header, kTraceMagic, 8);
  store_le<std::uint32_t>(header + 8, kTraceVersion);
  store_le<std::uint32_t>(header + 12, static_cast<std::uint32_t>(kTraceRecordSize));
  out.write(reinterpret_cast<const char*>(header), sizeof header);
}
}  // namespace

TraceWriter::TraceWriter(const std::string& path)
    : file_(path), buffer_(kBufferRecords * kTraceRecordSize) {
  write_header(file_.stream());
}

void TraceWriter::on_hop(const HopRecord& record) {
  if (used_ == buffer_.size()) flush();
  encode_record(record, buffer_.data() + used_);
  used_ += kTraceRecordSize;
  ++records_;
}

void TraceWriter::flush() {
  file_.stream().write(reinterpret_cast<const char*>(buffer_.data()), static_cast<std::streamsize>(used_));
  file_.check();
  used_ = 0;
}

void TraceWriter::commit() {
  flush();
  file_.commit();
}

std::string record_location(const std::string& path, std::uint64_t index) {
  return path + ": record " + std::to_string(index) + " (byte offset " +
         std::to_string(kTraceHeaderSize + index * kTraceRecordSize) + ")";
}

TraceReader::TraceReader(const std::string& path, TraceBounds bounds)
    : path_(path), bounds_(bounds), in_(path, std::ios::binary) {
  if (!in_) throw std::runtime_error(path + ": cannot read file");
  std::uint8_t header[kTraceHeaderSize];
  in_.read(reinterpret_cast<char*>(header), sizeof header);
  if (in_.gcount() != static_cast<std::streamsize>(sizeof header) || std::memcmp(header, kTraceMagic, 8) != 0)
    throw std::runtime_error(path + ": not a loopix-sim trace (expected the header \"LOOPIXTR\")");
  if (load_le<std::uint32_t>(header + 8) != kTraceVersion)
    throw std::runtime_error(path + ": trace version " + std::to_string(load_le<std::uint32_t>(header + 8)) +
                             ", expected " + std::to_string(kTraceVersion));
  if (load_le<std::uint32_t>(header + 12) != kTraceRecordSize)
    throw std::runtime_error(path + ": trace record size " + std::to_string(load_le<std::uint32_t>(header + 12)) +
                             ", expected " + std::to_string(kTraceRecordSize));
  auto size = std::filesystem::file_size(path);
  if ((size - kTraceHeaderSize) % kTraceRecordSize != 0)
    throw std::runtime_error(path + ": truncated trace (" + std::to_string(size - kTraceHeaderSize) +
                             " bytes of records, not a multiple of " + std::to_string(kTraceRecordSize) + ")");
  records_ = (size - kTraceHeaderSize) / kTraceRecordSize;
}

bool TraceReader::next(HopRecord& record) {
  std::uint8_t buf[kTraceRecordSize];
  in_.read(reinterpret_cast<char*>(buf), sizeof buf);
  if (in_.gcount() != static_cast<std::streamsize>(sizeof buf)) return false;
  record = decode_record(buf);
  check(buf, record);
  previous_time_ = record.time;
  ++read_;
  return true;
}

void TraceReader::check(const std::uint8_t* bytes, const HopRecord& r) const {
  auto fail = [&](const std::string& expected) {
    throw std::runtime_error(record_location(path_, read_) + ": expected " + expected);
  };
  struct Code {
    int offset, count;
    const char* noun;
  };
  for (const Code c : {Code{40, kHopEvents, "an event"}, Code{41, kTrafficKinds, "a kind"}, Code{42, kDropReasons, "a reason"}})
    if (bytes[c.offset] >= c.count)
      fail(std::string(c.noun) + " code below " + std::to_string(c.count) + ", got " + std::to_string(bytes[c.offset]));
  if ((r.event == HopEvent::Drop) != (r.reason != DropReason::None))
    fail("a reason for a drop and none for any other event, got event " + std::string(name(r.event)) + " with reason " +
         std::string(name(r.reason)));
  for (int i = 43; i < 48; ++i)
    if (bytes[i] != 0) fail("zero bytes at offsets 43 to 47 of the record");
  if (r.node >= bounds_.nodes) fail("a node id below " + std::to_string(bounds_.nodes) + ", got " + std::to_string(r.node));
  if (r.peer >= bounds_.nodes && r.peer != kNoNode)
    fail("a peer id below " + std::to_string(bounds_.nodes) + " (or none), got " + std::to_string(r.peer));
  if (r.time < 0) fail("a time >= 0, got " + std::to_string(r.time) + " ns");
  if (r.time < previous_time_)
    fail("records in time order: time " + std::to_string(r.time) + " ns comes after " + std::to_string(previous_time_) + " ns");
  if (r.time > bounds_.end)
    fail("a time within the run (at most " + std::to_string(bounds_.end) + " ns), got " + std::to_string(r.time) + " ns");
  if (r.sent < 0 || r.sent > r.time)
    fail("a send time in [0, time " + std::to_string(r.time) + " ns], got " + std::to_string(r.sent) + " ns");
}

}  // namespace core
