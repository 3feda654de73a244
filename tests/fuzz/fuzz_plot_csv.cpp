// libFuzzer target: any bytes as one of the CSV files `loopix-sim plot` reads (the first byte
// picks which: a run's entropy, latency, pool, anonymity, message anonymity or challenge
// table, or a sweep's summary.csv), read into its figure. A figure or a UserError naming the
// file, line and column; never a crash (seeded with a real run's tables,
// tests/fuzz/corpus/plot_csv). No figure is drawn: the plotting program is one that fails; a
// sweep's figure is turned into its script, data table and matplotlib script.
#include <cstdint>
#include <sstream>

#include "cli/plot_command.h"
#include "cli/plot_data.h"
#include "cli/sweep_plot.h"
#include "cli/user_error.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const char* const kFiles[] = {"entropy.csv", "latency.csv", "pool.csv", "anonymity.csv",
                                       "anonymity_message.csv", "challenge.csv", "summary.csv"};
  if (size == 0) return 0;
  const std::size_t which = data[0] % 7;
  const std::filesystem::path dir = fuzz::scratch() / "results";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  fuzz::write_input("results/" + std::string(kFiles[which]), data + 1, size - 1);
  std::ostringstream out, err;
  try {
    if (which < 6) {
      cli::plot_command(dir.string(), out, err, "/nonexistent/gnuplot");
    } else {
      const cli::SweepPlot p =
          cli::sweep_plot(dir.string(), {"mu", "entropy", std::string("layers"), false, false, std::nullopt});
      const cli::plot::Script script = cli::plot::sweep_script(p.figure);
      (void)cli::plot::figure_table(script);
      (void)cli::plot::matplotlib_script(p.name, script, {});
    }
  } catch (const cli::UserError&) {
  }
  return 0;
}
