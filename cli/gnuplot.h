// Drawing figures with gnuplot: each figure's script run with no initialisation file, in every
// output format this gnuplot has (PNG, SVG, PDF), written under temporary names and renamed into
// place only once gnuplot has succeeded; with its data and a matplotlib script beside it. Shared
// by `loopix-sim plot` for runs and for sweeps.
#pragma once
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "cli/plot_scripts.h"
#include "cli/user_error.h"

namespace cli {

// A private folder for the scripts and gnuplot's messages, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string name = (std::filesystem::temp_directory_path() / "loopix-plot-XXXXXX").string();
    if (::mkdtemp(name.data()) == nullptr)
      throw UserError(name + ": cannot create a temporary folder: " + std::strerror(errno));
    path_ = name;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct Gnuplot {
  std::string program;
  std::vector<plot::Terminal> terminals;
  plot::FigureOptions options;  // a title or none, size, font, and matplotlib too or not
};

// Checks that gnuplot runs, and picks the terminals it has, drawing as `options` say.
Gnuplot probe(const std::string& program, const TempDir& tmp, const plot::FigureOptions& options);

// Draws one figure in every format into plots/NAME.EXT: gnuplot writes NAME.EXT.tmp, renamed
// once it has succeeded; then keeps its script, data included, as plots/NAME.gp, which draws the
// figures again when gnuplot runs it in that folder; its data as plots/NAME.csv and a matplotlib
// script drawing them, plots/NAME.py (cli/plot_data.h), run when the options name a Python.
// Returns the files written, as `shown` names them.
std::vector<std::filesystem::path> render(const Gnuplot& g, const TempDir& tmp, const std::filesystem::path& plots, const std::filesystem::path& shown,
                             const std::string& name, const plot::Script& script, std::ostream& err);

// The folder SHOWN (DIR/plots), created, as the absolute path gnuplot is given (it would read
// "set output '|cmd'" as a pipe). A UserError if it cannot be.
std::filesystem::path plots_folder(const std::filesystem::path& shown);

}  // namespace cli
