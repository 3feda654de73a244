// Encoding and parsing of a hop's routing command (layout in command_slot.h).
#include "core/sphinx/command_slot.h"

#include "core/bytes.h"

namespace core::sphinx {

void encode_command(const RoutingCommand& command, std::uint8_t* out) {
  out[0] = static_cast<std::uint8_t>(command.flag);
  out[1] = out[2] = out[3] = 0;
  store_le<std::uint32_t>(out + 4, command.next);
  store_le<std::int64_t>(out + 8, command.delay);
}

std::optional<RoutingCommand> parse_command(const std::uint8_t* slot) {
  if (slot[0] > static_cast<std::uint8_t>(HopFlag::Drop) || (slot[1] | slot[2] | slot[3]) != 0) return std::nullopt;
  RoutingCommand command{static_cast<HopFlag>(slot[0]), load_le<std::uint32_t>(slot + 4), load_le<std::int64_t>(slot + 8)};
  if (command.delay < 0) return std::nullopt;
  return command;
}

}  // namespace core::sphinx
