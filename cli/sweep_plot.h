// `loopix-sim plot SWEEP_DIR --x PARAMETER --y METRIC [--series PARAMETER | --beside METRIC] [--logx] [--logy]`:
// a metric's mean over replications against a parameter, with 95% confidence intervals as
// error bars, from the sweep's summary.csv, into SWEEP_DIR/plots/.
#pragma once
#include <optional>
#include <ostream>
#include <string>

#include "cli/plot_scripts.h"

namespace cli {

struct SweepPlotOptions {
  // A parameter: its full key ("delays.mu") or its last part ("mu") if unique; or else a metric
  // (named as for y): each point then sits at that metric's mean.
  std::string x;
  // A metric of summary.csv: its full name, a unique ending ("epsilon_bits.mean"), or a short
  // name: epsilon, epsilon_nats, entropy, anonymity, throughput, pool, latency (README).
  std::string y;
  std::optional<std::string> series;  // a parameter drawn as one line per value
  bool log_x = false, log_y = false;
  // Another metric drawn as a line of its own beside --y (e.g. a closed form); not with series.
  std::optional<std::string> beside;
  plot::FigureOptions figures = {};  // title, size, font
};

struct SweepPlot {
  std::string name;  // the figure's file name without extension: "METRIC_vs_X[_by_SERIES]", dots as '-'
  plot::SweepFigure figure;
};
// Reads SWEEP_DIR/summary.csv into the figure OPTIONS name. Throws UserError as below.
SweepPlot sweep_plot(const std::string& sweep_dir, const SweepPlotOptions& options);

// Draws it. Prints the files written on `out`. A UserError when the folder has no summary.csv, a name
// matches nothing or several things, or two points of one line share an x value (another
// parameter varies: it must be the series).
int sweep_plot_command(const std::string& sweep_dir, const SweepPlotOptions& options, std::ostream& out,
                       std::ostream& err, const std::string& gnuplot = "gnuplot");

}  // namespace cli
