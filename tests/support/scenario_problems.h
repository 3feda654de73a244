// The problems a scenario document gets from the reader, for tests of its error messages.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/config/scenario.h"

namespace test_support {

// Every problem of TEXT, read as "bad.json"; empty if it is a valid scenario.
inline std::vector<std::string> problems_in(const std::string& text) {
  try {
    core::parse_scenario(nlohmann::json::parse(text), "bad.json");
  } catch (const core::ScenarioError& error) {
    return error.problems();
  }
  return {};
}

}  // namespace test_support
