#include "core/trace.h"

#include <cstring>
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

std::string record_location(const std::string& path, std::uint64_t index) {
  return record_location(path, index, kTraceRecordSize);
}

TraceReader::TraceReader(const std::string& path, TraceBounds bounds) : file_(path, kTraceFormat), bounds_(bounds) {}

bool TraceReader::next(HopRecord& record) {
  std::uint8_t buf[kTraceRecordSize];
  if (!file_.next(buf)) return false;
  record = decode_record(buf);
  check(buf, record);
  previous_time_ = record.time;
  return true;
}

void TraceReader::check(const std::uint8_t* bytes, const HopRecord& r) const {
  auto fail = [&](const std::string& expected) {
    throw std::runtime_error(file_.location() + ": expected " + expected);
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
