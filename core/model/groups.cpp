#include "core/model/groups.h"

#include <algorithm>

#include "core/model/random_purpose.h"
#include "sim/random.h"

namespace core {

Groups::Groups(const Scenario& s, const ClientClasses& classes) {
  std::vector<std::vector<std::uint32_t>> of(static_cast<std::size_t>(s.clients));
  for (std::size_t g = 0; g < s.groups.size(); ++g) {
    const ClientGroup& group = s.groups[g];
    std::vector<int> eligible;
    for (const ClientClasses::Class& c : classes.all())
      if (group.classes.empty() || std::count(group.classes.begin(), group.classes.end(), c.name))
        for (int client = c.first; client < c.first + c.count; ++client) eligible.push_back(client);
    // The first `size` of a partial Fisher-Yates shuffle, from the group's own stream.
    sim::RandomStream stream = sim::RandomStream::derive(s.seed, g, Purpose::Groups);
    const std::size_t size = std::min(eligible.size(), static_cast<std::size_t>(group.size));
    for (std::size_t i = 0; i < size; ++i) std::swap(eligible[i], eligible[i + stream.below(eligible.size() - i)]);
    std::sort(eligible.begin(), eligible.begin() + static_cast<std::ptrdiff_t>(size));
    members_.insert(members_.end(), eligible.begin(), eligible.begin() + static_cast<std::ptrdiff_t>(size));
    offset_.push_back(members_.size());
    for (std::size_t i = 0; i < size; ++i) of[static_cast<std::size_t>(eligible[i])].push_back(static_cast<std::uint32_t>(g));
  }
  client_offset_.push_back(0);
  for (const auto& mine : of) {
    groups_of_.insert(groups_of_.end(), mine.begin(), mine.end());
    client_offset_.push_back(groups_of_.size());
  }
}

}  // namespace core
