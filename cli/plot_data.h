// A figure's data beside its image: plots/NAME.csv, one row per point of each element the
// figure draws, and plots/NAME.py, a matplotlib script that draws the figure from that table.
#pragma once
#include <string>

#include "cli/plot_scripts.h"

namespace cli::plot {

// "element,style,x,x_high,y,y_low,y_high": the elements in drawing order, each field empty
// where the style has none; style as style_name() gives it.
std::string figure_table(const Script& script);

// `python3 NAME.py`, from any folder, reads NAME.csv beside it and writes NAME.matplotlib.png,
// .svg and .pdf there (each under a temporary name first), with the labels, scales, size and
// font of the gnuplot figure, and its title when `options.title`.
std::string matplotlib_script(const std::string& name, const Script& script, const FigureOptions& options);

}  // namespace cli::plot
