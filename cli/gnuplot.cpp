#include "cli/gnuplot.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "cli/plot_data.h"

namespace cli {

namespace fs = std::filesystem;

namespace {

// Files that are removed unless kept: gnuplot's outputs under their temporary names.
class TempFiles {
 public:
  explicit TempFiles(std::vector<fs::path> paths) : paths_(std::move(paths)) {}
  ~TempFiles() {
    std::error_code ec;
    for (const fs::path& p : paths_) fs::remove(p, ec);
  }
  TempFiles(const TempFiles&) = delete;
  TempFiles& operator=(const TempFiles&) = delete;

 private:
  std::vector<fs::path> paths_;
};

struct Finished {
  bool ok;
  std::string status;  // "exit status 1", "killed by signal 9"
  std::string output;  // stdout and stderr together
};

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  f.close();
  if (!f) throw UserError(path.string() + ": cannot write file");
}

std::string read_text(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

// The last non-empty line of gnuplot's messages: its error, after the echoed command.
std::string last_line(const std::string& text) {
  std::string last, line;
  std::stringstream lines(text);
  while (std::getline(lines, line))
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line.substr(line.find_first_not_of(" \t"));
  return last;
}

// Runs ARGS (the program first, looked up in PATH) with no input and its output collected in
// LOG. `needs` ends the error when the program cannot be run: what to install.
Finished run_program(std::vector<std::string> args, const fs::path& log, const std::string& needs) {
  const std::string& program = args.front();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0)
    throw UserError(program + ": cannot run it (" + std::strerror(spawned) + "); " + needs);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw UserError(program + ": lost track of the process: " + std::strerror(errno));
  Finished f{false, "", read_text(log)};
  if (WIFEXITED(status)) {
    if (WEXITSTATUS(status) == 127)
      throw UserError(program + ": cannot run it; " + needs);
    f.ok = WEXITSTATUS(status) == 0;
    f.status = "exit status " + std::to_string(WEXITSTATUS(status));
  } else {
    f.status = "killed by signal " + std::to_string(WTERMSIG(status));
  }
  return f;
}

constexpr const char* kNeedsGnuplot = "plot needs gnuplot (on Debian: apt-get install gnuplot-nox)";
constexpr const char* kNeedsMatplotlib = "--matplotlib needs python3 with matplotlib (on Debian: apt-get install python3-matplotlib)";

// `gnuplot -d SCRIPT` (-d: no initialisation file, default settings).
Finished run_gnuplot(const std::string& program, const fs::path& script, const fs::path& log) {
  return run_program({program, "-d", script.string()}, log, kNeedsGnuplot);
}

// A gnuplot string expression of TEXT, its lines joined by line breaks.
std::string title_expression(const std::string& text) {
  std::string expression, line;
  std::stringstream lines(text);
  while (std::getline(lines, line)) expression += (expression.empty() ? "" : ".\"\\n\".") + plot::quoted(line);
  return expression;
}

// Writes TEXT as plots/FILE, under a temporary name first.
void write_beside(const fs::path& plots, const std::string& file, const std::string& text) {
  const fs::path final_path = plots / file, temp = final_path.string() + ".tmp";
  const TempFiles cleanup({temp});
  write_text(temp, text);
  std::error_code ec;
  fs::rename(temp, final_path, ec);
  if (ec) throw UserError(final_path.string() + ": cannot rename " + temp.string() + ": " + ec.message());
}

}  // namespace

Gnuplot probe(const std::string& program, const TempDir& tmp, const plot::FigureOptions& options) {
  const fs::path script = tmp.path() / "terminals.gp", log = tmp.path() / "terminals.log";
  write_text(script, "print GPVAL_TERMINALS\n");
  const Finished f = run_gnuplot(program, script, log);
  if (!f.ok) {
    const std::string why = last_line(f.output);
    throw UserError(program + " failed (" + f.status + ")" + (why.empty() ? "" : ": " + why));
  }
  std::set<std::string, std::less<>> available;
  std::stringstream words(f.output);
  for (std::string w; words >> w;) available.insert(w);
  Gnuplot g{program, plot::terminals(available, options), options};
  if (!options.matplotlib.empty()) {
    const Finished m = run_program({options.matplotlib, "-c", "import matplotlib"}, log, kNeedsMatplotlib);
    if (!m.ok) throw UserError(options.matplotlib + ": has no matplotlib; " + kNeedsMatplotlib);
  }
  for (const char* needed : {"png", "svg"})
    if (std::none_of(g.terminals.begin(), g.terminals.end(), [&](auto& t) { return t.extension == needed; }))
      throw UserError(program + ": has no " + needed + " terminal (gnuplot -e \"set terminal\" lists them)");
  return g;
}

std::vector<fs::path> render(const Gnuplot& g, const TempDir& tmp, const fs::path& plots, const fs::path& shown,
                             const std::string& name, const plot::Script& script, std::ostream& err) {
  std::vector<fs::path> finals, temps;
  const std::string setup =
      script.setup + (g.options.title && !script.title.empty() ? "set title " + title_expression(script.title) + '\n' : "");
  std::string text = setup;
  for (std::size_t i = 0; i < g.terminals.size(); ++i) {
    finals.push_back(plots / (name + "." + g.terminals[i].extension));
    temps.push_back(finals.back().string() + ".tmp");
    text += g.terminals[i].command + "\nset output " + plot::quoted(temps.back().string()) + '\n' +
            (i == 0 ? script.plot : "replot\n");
  }
  text += "unset output\n";
  const TempFiles cleanup(temps);
  const fs::path script_file = tmp.path() / (name + ".gp"), log = tmp.path() / (name + ".log");
  write_text(script_file, text);
  const Finished f = run_gnuplot(g.program, script_file, log);
  const std::string what = (shown / name).string() + ".*";
  if (!f.ok) {
    const std::string why = last_line(f.output);
    throw UserError(g.program + " failed to draw " + what + " (" + f.status + ")" + (why.empty() ? "" : ": " + why));
  }
  std::stringstream warnings(f.output);
  for (std::string line; std::getline(warnings, line);)
    if (!line.empty()) err << g.program << " (" << name << "): " << line << '\n';
  std::vector<fs::path> written;
  for (std::size_t i = 0; i < finals.size(); ++i) {
    std::error_code ec;
    if (fs::file_size(temps[i], ec) == 0 || ec)
      throw UserError(g.program + " wrote no " + (shown / finals[i].filename()).string());
  }
  for (std::size_t i = 0; i < finals.size(); ++i) {
    std::error_code ec;
    fs::rename(temps[i], finals[i], ec);
    if (ec) throw UserError(finals[i].string() + ": cannot rename " + temps[i].string() + ": " + ec.message());
    written.push_back(shown / finals[i].filename());
  }
  // The script beside the figures, its data inside it, drawing them again from this folder.
  std::string kept = "# " + name + ": `gnuplot " + name + ".gp` in this folder draws " + name +
                     ".* again; edit it to restyle the figure (its data are the datablocks below)\n" + setup;
  for (std::size_t i = 0; i < g.terminals.size(); ++i)
    kept += g.terminals[i].command + "\nset output " + plot::quoted(finals[i].filename().string()) + '\n' +
            (i == 0 ? script.plot : "replot\n");
  kept += "unset output\n";
  write_beside(plots, name + ".gp", kept);
  write_beside(plots, name + ".csv", plot::figure_table(script));
  write_beside(plots, name + ".py", plot::matplotlib_script(name, script, g.options));
  for (const char* extension : {".gp", ".csv", ".py"}) written.push_back(shown / (name + extension));
  if (!g.options.matplotlib.empty()) {
    const Finished drawn = run_program({g.options.matplotlib, (plots / (name + ".py")).string()}, log, kNeedsMatplotlib);
    if (!drawn.ok) {
      const std::string why = last_line(drawn.output);
      throw UserError(g.options.matplotlib + " failed to draw " + (shown / name).string() + ".matplotlib.* (" +
                      drawn.status + ")" + (why.empty() ? "" : ": " + why));
    }
    for (const char* extension : {".png", ".svg", ".pdf"}) written.push_back(shown / (name + ".matplotlib" + extension));
  }
  return written;
}

fs::path plots_folder(const fs::path& shown) {
  std::error_code ec;
  const fs::path plots = fs::absolute(shown, ec);
  if (ec) throw UserError(shown.string() + ": " + ec.message());
  if (plots.string().find_first_of("\n\r") != std::string::npos)
    throw UserError(shown.string() + ": a folder whose path holds a line break cannot be given to gnuplot");
  fs::create_directories(plots, ec);
  if (ec) throw UserError(shown.string() + ": cannot create folder: " + ec.message());
  return plots;
}

}  // namespace cli
