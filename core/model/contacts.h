// Each client's contacts (/workload/contacts): k distinct recipients drawn at the start among
// its candidates (its class's /workload/recipients, or every other client), each candidate
// weighted by /workload/popularity: equally, or 1 / rank^s for the rank of a popularity
// ranking of all clients (a permutation drawn from the seed). A client's real messages then
// go to one of its contacts, uniformly.
//
// Drawing: candidates from the class's cumulative weights by binary search, a repeat (or the
// client itself) drawn again: O(k log n + k^2) per client while k is small beside the weight
// of the candidates left. After 64 k draws without k contacts (k near the candidates' number, or
// weights so skewed that the rest are almost never drawn) the client's contacts are drawn
// exactly instead, as the k largest u^(1/w) over every candidate (Efraimidis and Spirakis),
// O(n log n) for that client.
#pragma once
#include <span>
#include <vector>

#include "core/config/client_classes.h"
#include "core/model/topology/topology.h"

namespace core {

class Contacts {
 public:
  Contacts(const Scenario& scenario, const Topology& topology, const ClientClasses& classes);
  // The client's contacts (client indices); empty if its class has none (any candidate then).
  std::span<const int> of(int client) const {
    return {contacts_.data() + offset_[static_cast<std::size_t>(client)],
            contacts_.data() + offset_[static_cast<std::size_t>(client) + 1]};
  }

 private:
  std::vector<std::size_t> offset_;  // per client, into contacts_; one more at the end
  std::vector<int> contacts_;
};

}  // namespace core
