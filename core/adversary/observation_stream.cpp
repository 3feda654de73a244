#include "core/adversary/observation_stream.h"

#include <cstring>
#include <stdexcept>

#include "core/bytes.h"

namespace core {

void encode_observation(const Observation& o, std::uint8_t* out) {
  store_le<std::int64_t>(out, o.time);
  store_le<std::int64_t>(out + 8, o.entered);
  store_le<std::uint32_t>(out + 16, o.node);
  store_le<std::uint32_t>(out + 20, o.peer);
  store_le<std::uint32_t>(out + 24, o.from);
  store_le<std::uint32_t>(out + 28, o.count);
  out[32] = static_cast<std::uint8_t>(o.what);
  std::memset(out + 33, 0, 7);
}

Observation decode_observation(const std::uint8_t* in) {
  Observation o;
  o.time = load_le<std::int64_t>(in);
  o.entered = load_le<std::int64_t>(in + 8);
  o.node = load_le<std::uint32_t>(in + 16);
  o.peer = load_le<std::uint32_t>(in + 20);
  o.from = load_le<std::uint32_t>(in + 24);
  o.count = load_le<std::uint32_t>(in + 28);
  o.what = static_cast<ObservationKind>(in[32]);
  return o;
}

ObservationReader::ObservationReader(const std::string& path, ObservationBounds bounds)
    : file_(path, kObservationFormat), bounds_(bounds) {}

bool ObservationReader::next(Observation& o) {
  std::uint8_t buf[kObservationRecordSize];
  if (!file_.next(buf)) return false;
  o = decode_observation(buf);
  check(buf, o);
  previous_time_ = o.time;
  return true;
}

void ObservationReader::check(const std::uint8_t* bytes, const Observation& o) const {
  auto fail = [&](const std::string& expected) {
    throw std::runtime_error(file_.location() + ": expected " + expected);
  };
  if (bytes[32] >= kObservationKinds)
    fail("a kind code below " + std::to_string(kObservationKinds) + ", got " + std::to_string(bytes[32]));
  for (int i = 33; i < 40; ++i)
    if (bytes[i] != 0) fail("zero bytes at offsets 33 to 39 of the record");
  const std::string kind(name(o.what));
  const bool mix_io = o.what == ObservationKind::MixIo;
  for (const auto& [id, noun] : {std::pair{o.node, "node"}, std::pair{o.peer, "peer"}})
    if (id >= bounds_.nodes) fail("a " + std::string(noun) + " id below " + std::to_string(bounds_.nodes) + ", got " + std::to_string(id));
  if (mix_io ? o.from >= bounds_.nodes : o.from != kNoNode)
    fail(mix_io ? "a previous hop id below " + std::to_string(bounds_.nodes) + ", got " + std::to_string(o.from)
                : "no previous hop (" + std::to_string(kNoNode) + ") in a " + kind + " record, got " + std::to_string(o.from));
  const std::uint32_t most = o.what == ObservationKind::Pull ? bounds_.pull_messages : o.what == ObservationKind::Link ? 1 : 0;
  if (o.count > most)
    fail(o.what == ObservationKind::Pull ? "a count of at most /pull/messages (" + std::to_string(most) + "), got " + std::to_string(o.count)
                                         : "a count of at most " + std::to_string(most) + " in a " + kind + " record, got " + std::to_string(o.count));
  if (o.time < previous_time_)
    fail("records in time order: time " + std::to_string(o.time) + " ns comes after " + std::to_string(previous_time_) + " ns");
  if (o.time < 0 || o.time > bounds_.end)
    fail("a time in [0, " + std::to_string(bounds_.end) + "] ns, got " + std::to_string(o.time) + " ns");
  if (mix_io ? (o.entered < 0 || o.entered > o.time) : o.entered != 0)
    fail(mix_io ? "an entry time in [0, time " + std::to_string(o.time) + " ns], got " + std::to_string(o.entered) + " ns"
                : "an entry time of 0 in a " + kind + " record, got " + std::to_string(o.entered) + " ns");
}

}  // namespace core
