// A table of named factories (mix strategies, topology kinds): the names a scenario key
// accepts, and the factory for one of them.
#pragma once
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace core {

template <typename Make>
class Registry {
 public:
  struct Entry {
    std::string name;
    Make make;
  };
  // `what` names an entry in errors ("mix strategy").
  Registry(std::string what, std::vector<Entry> entries) : what_(std::move(what)), entries_(std::move(entries)) {
    for (const Entry& e : entries_) names_.push_back(e.name);
  }

  const std::vector<std::string>& names() const { return names_; }
  // The factory named `name`; std::invalid_argument if there is none (a validated scenario
  // never names one).
  Make find(const std::string& name) const {
    for (const Entry& e : entries_)
      if (e.name == name) return e.make;
    throw std::invalid_argument("no " + what_ + " named \"" + name + "\"");
  }

 private:
  std::string what_;
  std::vector<Entry> entries_;
  std::vector<std::string> names_;
};

}  // namespace core
