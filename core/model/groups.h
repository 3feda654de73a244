// Client groups (/clients/groups): each group's members, drawn at the start from the seed
// among the clients of its classes, and the groups of each client. A group message from a
// member goes as one unicast copy to every other member (Rollercoaster's unicast baseline),
// each copy a payload message whose id says which group message it is a copy of
// (core/model/split_message.h).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "core/config/client_classes.h"

namespace core {

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
