"""loopix-sim from Python: validate and run a scenario, run a sweep, and read the results as
Python objects (the summary as a dict, the tables as pandas DataFrames, or numpy structured
arrays without pandas, the trace as a numpy array), with a progress bar (tqdm, when installed).

A scenario or a sweep is a dict (as its JSON file would hold) or the path of a file. Every run
is the loopix-sim command run in-process, so its results folder is the command's, file for
file; a bad scenario raises LoopixError, whose `problems` name the file, the JSON path and
what was expected.

    import loopix_sim
    run = loopix_sim.run({"name": "mine", "topology": {"clients": 50}}, seed=7)
    run.summary["entropy"]["mean_over_mixes_bits"]
    run.table("nodes")            # a DataFrame
    sweep = loopix_sim.sweep(sweep_dict, jobs=2)
    sweep.table("summary")
    sweep.plot("delays.mu", "entropy")   # the files written: images, data table, scripts
"""
import json
import os
import re
import sys
import tempfile
from typing import NamedTuple

from . import _loopix_sim

__all__ = ["LoopixError", "Problem", "Run", "Sweep", "validate", "run", "sweep"]


class Problem(NamedTuple):
    """One thing wrong with an input: its file ("<dict>" for a dict), JSON path and message."""
    file: str
    path: str
    message: str


class LoopixError(Exception):
    """The command refused its input or failed; `problems` lists what it named, one per line."""

    def __init__(self, text, problems):
        super().__init__(text)
        self.problems = problems


_PROBLEM = re.compile(r"^(?:loopix-sim: )?(.*?): (/[^:]*): (.*)$")


def _error(err, source, shown):
    lines = [line for line in err.splitlines() if line.strip()]
    problems = []
    for line in lines:
        match = _PROBLEM.match(line)
        if match:
            file = shown if source and match.group(1) == source else match.group(1)
            problems.append(Problem(file, match.group(2), match.group(3)))
    text = "\n".join(lines).replace(source, shown) if source else "\n".join(lines)
    return LoopixError(text or "loopix-sim failed", problems)


class _Progress:
    """How a run or sweep shows its progress. PROGRESS True: a tqdm bar (tqdm.auto: a widget in a
    notebook) when tqdm is installed, else nothing; False or None: nothing; a callable: it is
    called as progress(done, total, unit), unit "s" (simulated seconds) for a run, "runs" for a
    sweep, total 0 when unknown; an exception it raises stops the run or sweep and is raised.
    Whatever PROGRESS is, an interrupt stops a run at once, a sweep after its runs under way."""

    def __init__(self, progress, description):
        self._description = description
        self._bar = None
        self._tqdm = None
        self._callable = progress if callable(progress) else None
        if progress is True:
            try:
                from tqdm.auto import tqdm
            except ImportError:
                tqdm = None
            self._tqdm = tqdm

    @property
    def listener(self):
        return self._tell if self._callable or self._tqdm else None

    def _tell(self, done, total, unit, final):
        if self._callable:
            self._callable(done, total, unit)
            return
        if self._bar is None:
            self._bar = self._tqdm(total=total or None, unit=unit, desc=self._description)
        self._bar.update(done - self._bar.n)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.close()


def _call(args, source=None, shown=None, progress=None):
    code, out, err = _loopix_sim.run_cli([str(a) for a in args], progress)
    if code != 0:
        raise _error(err, source, shown)
    return out


class _Input:
    """A dict written to a temporary JSON file for the command, or a file's path as it is."""

    def __init__(self, value):
        self._folder = None
        if isinstance(value, dict):
            self._folder = tempfile.TemporaryDirectory(prefix="loopix-sim-input-")
            self.path = os.path.join(self._folder.name, "input.json")
            with open(self.path, "w") as f:
                json.dump(value, f)
            self.shown = "<dict>"
        else:
            self.path = os.fspath(value)
            self.shown = self.path

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self._folder:
            self._folder.cleanup()


def _read_table(path):
    try:
        import pandas
    except ImportError:
        import numpy
        return numpy.genfromtxt(path, delimiter=",", names=True, dtype=None, encoding="utf-8")
    return pandas.read_csv(path)


class _Folder:
    def __init__(self, folder):
        self.folder = os.fspath(folder)

    def _plot(self, extra, title, size, font_size, matplotlib):
        args = ["plot", self.folder, *extra]
        if title:
            args.append("--title")
        if size:
            args += ["--size", f"{size[0]},{size[1]}"]
        if font_size:
            args += ["--font-size", font_size]
        if matplotlib:
            args.append("--matplotlib=" + (sys.executable if matplotlib is True else os.fspath(matplotlib)))
        out = _call(args)
        return [line[len("wrote "):] for line in out.splitlines() if line.startswith("wrote ")]

    def table(self, name):
        """The table NAME.csv of this folder (a DataFrame, or a numpy structured array)."""
        return _read_table(os.path.join(self.folder, name if name.endswith(".csv") else name + ".csv"))

    @property
    def tables(self):
        """Every table of this folder, by name."""
        return {f[:-4]: self.table(f) for f in sorted(os.listdir(self.folder)) if f.endswith(".csv")}


class Run(_Folder):
    """A run's results folder: its summary, tables, trace and observations."""

    @property
    def summary(self):
        with open(os.path.join(self.folder, "summary.json")) as f:
            return json.load(f)

    @property
    def scenario(self):
        with open(os.path.join(self.folder, "scenario.json")) as f:
            return json.load(f)

    def plot(self, *, title=False, size=None, font_size=None, matplotlib=False):
        """Draws the run's figures into its plots/ folder as `loopix-sim plot` does (gnuplot;
        `matplotlib=True` draws them with this Python's matplotlib too) and returns the files
        written: the images, each figure's data (NAME.csv) and scripts (NAME.gp, NAME.py).
        `size` is (width, height) in inches."""
        return self._plot([], title, size, font_size, matplotlib)

    def _records(self, stem):
        import numpy
        source = os.path.join(self.folder, stem + ".bin")
        npy = os.path.join(self.folder, stem + ".npy")
        if not os.path.exists(npy) or os.path.getmtime(npy) < os.path.getmtime(source):
            _call(["trace", "export", source, "--npy"])
        return numpy.load(npy, mmap_mode="r")

    def trace(self):
        """The trace (run with trace=True) as a numpy structured array, memory-mapped; the codes
        of its event, kind and reason fields are in trace.json beside it."""
        return self._records("trace")

    def observations(self):
        """What the scenario's adversary observed (run with observations=True), as trace()."""
        return self._records("observations")

    def __repr__(self):
        return f"loopix_sim.Run({self.folder!r})"


class Sweep(_Folder):
    """A sweep folder: sweep.csv, runs.csv and summary.csv as tables, and every run."""

    def plot(self, x, y, *, series=None, beside=None, logx=False, logy=False, title=False, size=None, font_size=None,
             matplotlib=False):
        """Draws metric Y's mean against parameter X, one line per value of SERIES, as
        `loopix-sim plot DIR --x X --y Y` does, and returns the files written (as Run.plot)."""
        extra = ["--x", x, "--y", y]
        if series:
            extra += ["--series", series]
        if beside:
            extra += ["--beside", beside]
        if logx:
            extra.append("--logx")
        if logy:
            extra.append("--logy")
        return self._plot(extra, title, size, font_size, matplotlib)

    def runs(self):
        root = os.path.join(self.folder, "runs")
        return [Run(os.path.join(root, r)) for r in sorted(os.listdir(root))]

    def __repr__(self):
        return f"loopix_sim.Sweep({self.folder!r})"


def validate(scenario):
    """Checks a scenario (a dict or a file); raises LoopixError listing every problem."""
    with _Input(scenario) as given:
        _call(["validate", given.path], given.path, given.shown)


def run(scenario, output=None, *, seed=None, overrides=(), trace=False, observations=False, threads=None,
        progress=True):
    """Runs a scenario into OUTPUT (default: a new temporary folder, kept) and returns the Run.
    `overrides` takes "KEY=VALUE" strings as `--set` does; an existing OUTPUT is overwritten.
    `progress`: a tqdm bar of simulated seconds (True, when tqdm is installed), none (False), or
    a callable progress(done, total, unit)."""
    output = output or tempfile.mkdtemp(prefix="loopix-sim-run-")
    with _Input(scenario) as given, _Progress(progress, "run") as shown:
        args = ["run", given.path, "-o", output, "--force", "--quiet"]
        if seed is not None:
            args += ["--seed", seed]
        for override in overrides:
            args += ["--set", override]
        if trace:
            args.append("--trace")
        if observations:
            args.append("--observations")
        if threads:
            args += ["--threads", threads]
        _call(args, given.path, given.shown, shown.listener)
    return Run(output)


def sweep(sweep_spec, output=None, *, jobs=None, progress=True):
    """Runs a sweep (a dict or a file) into OUTPUT (default: a new temporary folder, kept) with
    JOBS runs at once (default: every core), resuming a folder that has some runs, and returns
    the Sweep. `progress`: a tqdm bar of runs done, as for run()."""
    output = output or tempfile.mkdtemp(prefix="loopix-sim-sweep-")
    with _Input(sweep_spec) as given, _Progress(progress, "sweep") as shown:
        args = ["sweep", given.path, "-o", output, "--quiet"]
        if jobs:
            args += ["-j", jobs]
        _call(args, given.path, given.shown, shown.listener)
    return Sweep(output)
