// `loopix-sim validate`: check scenario files, reporting every problem of each.
#include "cli/commands.h"
#include "core/config/scenario.h"

namespace cli {

int validate_command(const std::vector<std::string>& files, std::ostream& out, std::ostream& err) {
  int status = 0;
  for (const std::string& file : files) {
    try {
      core::load_scenario(file);
      out << file << ": ok\n";
    } catch (const core::ScenarioError& e) {
      for (const std::string& p : e.problems()) err << p << '\n';
      status = 2;
    }
  }
  return status;
}

}  // namespace cli
