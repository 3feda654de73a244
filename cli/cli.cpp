#include "cli/cli.h"

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/plot_command.h"
#include "cli/provenance.h"
#include "cli/sweep_plot.h"
#include "cli/user_error.h"
#include "core/output_error.h"
#include "core/config/scenario.h"
#include "version.h"

namespace cli {

namespace {

// Only the digits of a number in [0, 2^64 - 1]: the conversion itself would take "-1" as
// 2^64 - 1 and a too-large number as its remainder.
CLI::Validator seed_check() {
  return CLI::Validator(
      [](const std::string& text) -> std::string {
        const bool digits = !text.empty() && text.size() <= 20 && text.find_first_not_of("0123456789") == std::string::npos;
        if (digits && (text.size() < 20 || text <= "18446744073709551615")) return "";
        return "expected an integer in [0, 18446744073709551615], got " + text;
      },
      "SEED");
}

void add_run(CLI::App& app, RunOptions& o) {
  CLI::App* run = app.add_subcommand("run", "Simulate a scenario and write its results folder");
  run->add_option("scenario", o.scenario, "Scenario file (JSON)")->required();
  run->add_option("-o,--output", o.output, "Results folder (default: results/<scenario name>)");
  run->add_option("--seed", o.seed, "Master seed (overrides the scenario's \"seed\"), 0 to 2^64-1")->check(seed_check());
  run->add_option("--set", o.overrides, "Override a scenario key, e.g. --set topology.layers=4")
      ->type_name("KEY=VALUE")->allow_extra_args(false);
  run->add_flag("--trace", o.trace, "Also write trace.bin, one record per hop event");
  run->add_flag("--observations", o.observations,
                "Also write observations.bin, what the scenario's adversary (/adversary) observes");
  run->add_option("--threads", o.threads, "Threads for Sphinx work (default: every core); results do not depend on it")
      ->check(CLI::Range(1, 1024));
  run->add_flag("--force", o.force, "Overwrite a non-empty results folder");
  run->add_flag("--progress", o.progress, "Show progress on stderr even when it is not a terminal");
  run->add_flag("--quiet", o.quiet, "No progress and no summary on stdout (wins over --progress)");
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
            const sim::ProgressListener& progress) {
  CLI::App app{"loopix-sim: a discrete-event simulator of the Loopix anonymity system", "loopix-sim"};
  app.set_version_flag("--version", "loopix-sim " LOOPIX_SIM_VERSION);
  app.require_subcommand(1);

  RunOptions run;
  add_run(app, run);

  AnalyzeOptions to_analyze;
  CLI::App* analyze = app.add_subcommand("analyze", "Compute a run's metrics offline from its trace (run with --trace)");
  analyze->add_option("results", to_analyze.results, "Results folder of a run made with --trace")->required();
  analyze->add_option("-o,--output", to_analyze.output, "Folder for analysis.json and the CSV files (default: RESULTS/offline)");
  analyze->add_option("--warmup", to_analyze.warmup, "Seconds of warm-up instead of the scenario's: the metrics count from there")
      ->check(CLI::NonNegativeNumber);

  std::string to_plot;
  SweepPlotOptions sweep_plot;
  CLI::App* plot = app.add_subcommand("plot", "Draw a run's entropy, latency, pool, anonymity and epsilon figures, or a sweep's metric against a parameter (--x, --y), with gnuplot into DIR/plots");
  plot->add_option("results", to_plot, "Results folder of a run, or a sweep folder")->required();
  CLI::Option* plot_x = plot->add_option("--x", sweep_plot.x, "Sweep: the parameter on the x axis (delays.mu, or mu), or a metric (each point at its mean)");
  CLI::Option* plot_y = plot->add_option("--y", sweep_plot.y, "Sweep: the metric on the y axis (a summary.csv metric, or its unique ending)");
  plot_x->needs(plot_y);
  plot_y->needs(plot_x);
  CLI::Option* plot_series = plot->add_option("--series", sweep_plot.series, "Sweep: a parameter drawn as one line per value")->needs(plot_x);
  plot->add_option("--beside", sweep_plot.beside, "Sweep: another metric drawn as its own line, such as a closed form")
      ->needs(plot_x)->excludes(plot_series);
  plot->add_flag("--logx", sweep_plot.log_x, "Sweep: log scale on x")->needs(plot_x);
  plot->add_flag("--logy", sweep_plot.log_y, "Sweep: log scale on y")->needs(plot_x);
  plot::FigureOptions& figures = sweep_plot.figures;
  plot->add_flag("--title", figures.title, "Draw a title on each figure (none by default: a paper's caption says it)");
  std::vector<double> figure_size;
  plot->add_option("--size", figure_size, "Figure size in inches, WIDTH,HEIGHT (e.g. 3.5,2.4 for one column; "
                                          "default 8,5: 800x500 px)")
      ->delimiter(',')->expected(2)->check(CLI::Range(0.5, 40.0));
  plot->add_option("--font-size", figures.font_pt, "Font size in points (default 11; 10 in PDF)")->check(CLI::Range(4.0, 72.0));
  plot->add_flag("--matplotlib{python3}", figures.matplotlib, "Also draw each figure with matplotlib (NAME.matplotlib.png, .svg, .pdf) "
                 "from its data, plots/NAME.csv, by its script plots/NAME.py; =PYTHON names the Python (default python3)")
      ->type_name("[=PYTHON]");

  std::vector<std::string> to_validate;
  CLI::App* validate = app.add_subcommand("validate", "Check scenario files and report every problem");
  validate->add_option("scenarios", to_validate, "Scenario files (JSON)")->required();

  SweepOptions sweep;
  CLI::App* sweeper = app.add_subcommand("sweep", "Run a sweep file (a base scenario, axes, replications) into a sweep folder and aggregate it");
  sweeper->add_option("sweep", sweep.sweep, "Sweep file (JSON)");
  CLI::Option* sweep_out = sweeper->add_option("-o,--output", sweep.output, "Sweep folder (default: results/<sweep name>); a rerun resumes it");
  CLI::Option* sweep_list = sweeper->add_flag("--list", sweep.list, "Print the runs (id, replication, seed, parameters), one per line, and stop");
  CLI::Option* sweep_jobs = sweeper->add_option("-j,--jobs", sweep.jobs, "Runs at once (default: the available cores; under MPI, per rank, default 1)")
                                ->check(CLI::Range(1, 1024));
  CLI::Option* sweep_shard = sweeper->add_option("--shard", sweep.shard, "Take every N-th run from the I-th (0-based), e.g. 2/8; default: "
                                                 "from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT when set")->type_name("I/N");
  sweeper->add_option("--merge", sweep.merge, "Only aggregate the sweep folder DIR (sweep.csv, summary.csv)")
      ->type_name("DIR")->excludes(sweep_out)->excludes(sweep_list)->excludes(sweep_jobs)->excludes(sweep_shard);
  sweeper->add_flag("--quiet", sweep.quiet, "No line per run on stderr");

  TraceExportOptions trace_export;
  CLI::App* trace = app.add_subcommand("trace", "Work with trace files");
  trace->require_subcommand(1);
  CLI::App* exporter = trace->add_subcommand("export", "Convert a binary trace to another format");
  exporter->add_option("trace", trace_export.trace, "Trace file (trace.bin) or observation stream (observations.bin)")->required();
  CLI::Option* as_csv = exporter->add_flag("--csv", trace_export.csv, "Write CSV (one row per record)");
  exporter->add_flag("--npy", trace_export.npy, "Write a NumPy .npy file (numpy.load reads it) and a JSON file beside it "
                                                "that says what each field and code means")->excludes(as_csv);
  exporter->add_option("-o,--output", trace_export.output, "Output file (default: standard output for CSV, "
                                                           "the input's name with .npy for NumPy)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    err << "loopix-sim: " << e.what() << "\nRun with --help for usage.\n";
    return 2;
  }

  run.provenance = sweep.provenance = provenance({argv, argv + argc});
  run.listener = sweep.listener = progress;
  try {
    if (app.got_subcommand("run")) return run_command(run, out, err);
    if (app.got_subcommand("validate")) return validate_command(to_validate, out, err);
    if (app.got_subcommand("analyze")) return analyze_command(to_analyze, out, err);
    if (sweeper->parsed()) return sweep_command(sweep, out, err);
    if (app.got_subcommand("plot")) {
      if (figure_size.size() == 2) figures.width_in = figure_size[0], figures.height_in = figure_size[1];
      return plot_x->count() > 0 ? sweep_plot_command(to_plot, sweep_plot, out, err) : plot_command(to_plot, out, err, figures);
    }
    if (exporter->parsed()) return trace_export_command(trace_export, out, err);
  } catch (const core::ScenarioError& e) {
    for (const std::string& p : e.problems()) err << p << '\n';
    return 2;
  } catch (const sim::Interrupted& e) {
    err << "loopix-sim: " << e.what() << '\n';
    return 130;
  } catch (const UserError& e) {
    err << "loopix-sim: " << e.what() << '\n';
    return 2;
  } catch (const core::OutputError& e) {
    err << "loopix-sim: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    err << "loopix-sim: internal error: " << e.what() << '\n';
    return 1;
  }
  return 2;
}

}  // namespace cli
