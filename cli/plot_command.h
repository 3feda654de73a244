// `loopix-sim plot DIR`: draws a results folder's entropy.csv, latency.csv, pool.csv,
// anonymity.csv (figure "anonymity") and challenge.csv (figure "epsilon") with gnuplot into
// DIR/plots/, as PNG, SVG and (when gnuplot has pdfcairo) PDF.
#pragma once
#include <ostream>
#include <string>

#include "cli/plot_scripts.h"

namespace cli {

// Prints the files written (and a note for each CSV absent) on `out`, gnuplot's warnings on
// `err`. Throws UserError when no CSV is there, one is malformed, or gnuplot fails.
int plot_command(const std::string& results_dir, std::ostream& out, std::ostream& err,
                 const plot::FigureOptions& style = {});
// The same with another gnuplot: a command looked up in PATH, or a path (tests use it).
int plot_command(const std::string& results_dir, std::ostream& out, std::ostream& err, const std::string& gnuplot,
                 const plot::FigureOptions& style = {});

}  // namespace cli
