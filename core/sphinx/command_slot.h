// One hop's routing slot inside beta: the hop's routing command, then the next hop's gamma.
//
//   offset  size  field
//        0     1  flag (core::HopFlag: Relay 0, Dest 1, Drop 2)
//        1     3  reserved, zero
//        4     4  next address (u32 LE; for Dest the destination address)
//        8     8  delay in nanoseconds (i64 LE, >= 0)
//       16    16  gamma of the next hop (random bytes at the last hop)
#pragma once
#include <cstdint>
#include <optional>

#include "core/model/route.h"
#include "core/sphinx/geometry.h"

namespace core::sphinx {

inline constexpr std::size_t kCommandSize = 16;  // the slot's first 16 bytes
static_assert(kCommandSize + kMacSize == kSlotSize);

// Writes the kCommandSize bytes of `command`. The flag byte is written as given, so a route
// may carry an unknown flag (which the node rejects as Malformed).
void encode_command(const RoutingCommand& command, std::uint8_t* out);

// The command in the first kCommandSize bytes of `slot`, or nothing if its flag is unknown,
// a reserved byte is set, or its delay is negative.
std::optional<RoutingCommand> parse_command(const std::uint8_t* slot);

}  // namespace core::sphinx
