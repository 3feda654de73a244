// Messages the model splits into several payload messages: a group message, sent as one copy
// to every other member of a group (core/model/groups.h), and a message of a workload file
// larger than one payload, sent as several parts (core/config/workload_file.h). Each payload
// message's id says what it is part of: bit 63 (group) or 62 (file) set (ordinary message ids
// count up from 0 and never reach them), then the split message's number (38 bits), its number
// of parts (12 bits) and the part's index (12 bits).
#pragma once
#include <cstdint>

namespace core {

enum class Split { Group, File };

struct SplitPart {
  Split kind;
  std::uint64_t message;  // numbered from 0 in the run, per kind
  std::uint32_t parts, index;

  static constexpr std::uint32_t kMaxParts = 4095;
  static constexpr std::uint64_t flag(Split kind) { return std::uint64_t{1} << (kind == Split::Group ? 63 : 62); }
  static bool is(Split kind, std::uint64_t id) { return (id & flag(kind)) != 0; }
  std::uint64_t id() const { return flag(kind) | message << 24 | std::uint64_t{parts} << 12 | index; }
  static SplitPart of(Split kind, std::uint64_t id) {
    return {kind, (id & ~(flag(Split::Group) | flag(Split::File))) >> 24, static_cast<std::uint32_t>(id >> 12 & 0xFFF),
            static_cast<std::uint32_t>(id & 0xFFF)};
  }
};

}  // namespace core
