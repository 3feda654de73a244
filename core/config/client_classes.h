// The scenario's client classes resolved to client indices: which class each client is in,
// and the profile it follows. A scenario without /clients/classes has one class, "all",
// with the profile of the scenario's own keys.
#pragma once
#include <string>
#include <vector>

#include "core/config/scenario.h"

namespace core {

class ClientClasses {
 public:
  struct Class {
    std::string name;
    int first = 0, count = 0;  // clients [first, first + count)
    ClientProfile profile;
  };

  // Shares become counts by rounding the cumulative shares: class i takes clients
  // [round(U s_<i), round(U s_<=i)), so that every client is in exactly one class.
  explicit ClientClasses(const Scenario& scenario);

  const std::vector<Class>& all() const { return classes_; }
  std::size_t class_of(int client) const { return of_[static_cast<std::size_t>(client)]; }
  const ClientProfile& profile(int client) const { return classes_[class_of(client)].profile; }
  // The clients' total of one or more rates (&ClientProfile::payload_rate, ...), each client's
  // sum of them weighted by the share of time its class is online.
  template <typename... Rates>
  double total_rate(Rates... rates) const {
    double total = 0;
    for (const Class& c : classes_) total += c.count * (... + (c.profile.*rates)) * online_share(c);
    return total;
  }
  // The share of time the class's clients are online: in the long run for alternating periods,
  // over the run (to the horizon) for a schedule (whose file this reads).
  double online_share(const Class& c) const;
  // The long-run share of time a client alternating online and offline periods is online.
  static double alternating_share(const ClientProfile& profile);

 private:
  std::vector<Class> classes_;
  std::vector<std::uint16_t> of_;  // per client (at most 1000 classes)
  double horizon_;                 // s
};

}  // namespace core
