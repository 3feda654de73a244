// Client groups (/clients/groups): each group's members, drawn at the start from the seed
// among the clients of its classes, and the groups of each client. A group message from a
// member goes as one unicast copy to every other member (Rollercoaster's unicast baseline),
// each copy a payload message whose id says which group message it is a copy of (GroupCopy).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/config/client_classes.h"

namespace core {

// A copy's message id: bit 63 set (ordinary message ids count up from 0 and never reach it),
// then the group message's number (39 bits), how many copies it has (12 bits) and the copy's
// index among them (12 bits).
struct GroupCopy {
  std::uint64_t group_message;  // numbered from 0 in the run
  std::uint32_t copies, index;

  static constexpr std::uint64_t kFlag = std::uint64_t{1} << 63;
  static bool is(std::uint64_t message) { return (message & kFlag) != 0; }
  std::uint64_t message() const { return kFlag | group_message << 24 | std::uint64_t{copies} << 12 | index; }
  static GroupCopy of(std::uint64_t message) {
    return {(message & ~kFlag) >> 24, static_cast<std::uint32_t>(message >> 12 & 0xFFF),
            static_cast<std::uint32_t>(message & 0xFFF)};
  }
};

class Groups {
 public:
  Groups(const Scenario& scenario, const ClientClasses& classes);
  std::size_t size() const { return offset_.size() - 1; }
  std::span<const int> members(std::size_t group) const {  // client indices, in increasing order
    return {members_.data() + offset_[group], members_.data() + offset_[group + 1]};
  }
  std::span<const std::uint32_t> of(int client) const {  // the groups a client is in
    return {groups_of_.data() + client_offset_[static_cast<std::size_t>(client)],
            groups_of_.data() + client_offset_[static_cast<std::size_t>(client) + 1]};
  }

 private:
  std::vector<std::size_t> offset_{0};
  std::vector<int> members_;
  std::vector<std::size_t> client_offset_;
  std::vector<std::uint32_t> groups_of_;
};

}  // namespace core
