#include "core/model/plain_format.h"

#include <algorithm>

#include "core/bytes.h"

namespace core {

namespace {

// The first 8 bytes of the check: 0 without a body (so the check is all zeros), else a hash
// of the body: the sum of its 8-byte words (a short last one zero-padded), word i times the
// odd constant 2i + 1 times a fixed odd multiplier. Each product is invertible mod 2^64, so
// any change to one word changes the sum.
std::uint64_t body_check(std::span<const std::uint8_t> body) {
  if (body.empty()) return 0;
  constexpr std::uint64_t kMultiplier = 0x9e3779b97f4a7c15ULL;
  std::uint64_t h = body.size();
  std::size_t i = 0;
  for (; i + 8 <= body.size(); i += 8) h += load_le<std::uint64_t>(body.data() + i) * ((i / 4 + 1) * kMultiplier);
  std::uint64_t last = 0;
  for (std::size_t j = i; j < body.size(); ++j) last |= std::uint64_t{body[j]} << (8 * (j - i));
  return h + last * ((i / 4 + 1) * kMultiplier);
}

}  // namespace

void PlainFormat::build(const Route& route, std::uint32_t epoch, std::uint64_t number, std::span<std::uint8_t> out,
                        sim::RandomStream& rng, std::span<const std::uint8_t> body) const {
  write_header(route, epoch, number, out, rng);
  seal(out, body);
}

void PlainFormat::build_reply_block(const Route& route, std::uint32_t epoch, std::uint64_t number,
                                    std::span<std::uint8_t> block, sim::RandomStream& rng) const {
  write_header(route, epoch, number, block, rng);
}

bool PlainFormat::build_reply(std::span<const std::uint8_t> block, std::span<std::uint8_t> out, sim::RandomStream&,
                              std::span<const std::uint8_t> body) const {
  if (block.size() != header_size() || block[0] != 0) return false;
  std::copy(block.begin(), block.end(), out.begin());
  seal(out, body);
  return true;
}

void PlainFormat::seal(std::span<std::uint8_t> packet, std::span<const std::uint8_t> body) const {
  const std::span<std::uint8_t> own = packet.subspan(header_size(), body_size_), check = packet.last(kCheckSize);
  std::copy(body.begin(), body.end(), own.begin());
  std::fill(own.begin() + static_cast<std::ptrdiff_t>(body.size()), own.end(), std::uint8_t{0});
  std::fill(check.begin(), check.end(), std::uint8_t{0});
  store_le<std::uint64_t>(check.data(), body_check(own));
}

void PlainFormat::write_header(const Route& route, std::uint32_t epoch, std::uint64_t number, std::span<std::uint8_t> out,
                               sim::RandomStream& rng) const {
  constexpr std::uint64_t kNumberBits = 56;
  const std::uint64_t numbered = number & ((std::uint64_t{1} << kNumberBits) - 1);
  out[0] = 0;
  store_le<std::uint32_t>(out.data() + 1, epoch);
  const std::size_t used_end = kSlotsAt + route.length * kSlotSize, slots_end = kSlotsAt + max_hops_ * kSlotSize;
  for (std::size_t h = 0; h < route.length; ++h) {
    std::uint8_t* slot = out.data() + kSlotsAt + h * kSlotSize;
    const RoutingCommand& c = route.hops[h];
    slot[0] = static_cast<std::uint8_t>(c.flag);
    slot[1] = slot[2] = slot[3] = 0;
    store_le<std::uint32_t>(slot + 4, c.next);
    store_le<std::int64_t>(slot + 8, c.delay);
    store_le<std::uint64_t>(slot + 16, (static_cast<std::uint64_t>(h) << kNumberBits) | numbered);
  }
  rng.fill(out.subspan(used_end, slots_end - used_end));  // random filler for unused slots
}

Unwrapped PlainFormat::unwrap(NodeId, std::uint32_t epoch, std::span<std::uint8_t> packet) const {
  Unwrapped u;
  if (packet.size() != packet_size()) {
    u.early = DropReason::Length;
    return u;
  }
  if (packet[0] >= max_hops_) {  // no slot left: nothing to read, not even a tag
    u.early = DropReason::Malformed;
    return u;
  }
  if (load_le<std::uint32_t>(packet.data() + 1) != epoch) {  // another epoch's key: no "MAC" verifies
    u.early = DropReason::Mac;
    return u;
  }
  std::uint8_t* slot = packet.data() + kSlotsAt + packet[0] * kSlotSize;
  u.tag = load_le<std::uint64_t>(slot + 16);
  Processed& p = u.later;
  if (slot[0] > static_cast<std::uint8_t>(HopFlag::Drop) || slot[1] || slot[2] || slot[3]) {
    p.rejected = DropReason::Malformed;
    return u;
  }
  p.command.flag = static_cast<HopFlag>(slot[0]);
  p.command.next = load_le<std::uint32_t>(slot + 4);
  p.command.delay = load_le<std::int64_t>(slot + 8);
  if (p.command.delay < 0) p.rejected = DropReason::Malformed;
  // Every hop checks the zero half of the check (and, without a body, the other half too);
  // the destination also checks the body's hash.
  const std::span<std::uint8_t> payload = packet.subspan(header_size()), check = packet.last(kCheckSize);
  const std::uint64_t hash = load_le<std::uint64_t>(check.data());
  bool tampered = load_le<std::uint64_t>(check.data() + 8) != 0 || (body_size_ == 0 && hash != 0);
  if (!tampered && body_size_ > 0 && p.command.flag == HopFlag::Dest) tampered = hash != body_check(body(packet));
  if (tampered) {
    // Tampered with: garbage from here on, as LIONESS makes of it at every later hop, so that
    // a second flip of the same bit cannot undo the first.
    std::fill(payload.begin(), payload.end(), std::uint8_t{0xFF});
    if (p.command.flag == HopFlag::Dest) p.rejected = DropReason::Tagged;
  }
  packet[0] = static_cast<std::uint8_t>(packet[0] + 1);
  return u;
}

}  // namespace core
