// An error the user can fix (a bad flag, file or folder): reported as one line, exit code 2.
#pragma once
#include <stdexcept>

namespace cli {

class UserError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace cli
