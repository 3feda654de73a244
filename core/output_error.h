// An output that could not be written because of the environment (a full disk, a read-only
// folder, a closed pipe, no permission): the user's problem, reported with the file and the
// operating system's reason, exit code 2, never as an internal error.
#pragma once
#include <cstring>
#include <stdexcept>
#include <string>

namespace core {

class OutputError : public std::runtime_error {
 public:
  // "WHERE: cannot ACTION: REASON", REASON from errno value ERROR ("No space left on device").
  OutputError(const std::string& where, const std::string& action, int error)
      : std::runtime_error(where + ": cannot " + action + ": " + std::strerror(error)) {}
};

}  // namespace core
