"""The loopix_sim Python module: a run from Python is the command's run, file for file; a bad
scenario is a LoopixError naming its file, JSON path and problem; a sweep comes back as tables;
runs and sweeps show their progress; the example notebook reproduces Fig. 4 in a few lines."""
import json
import os
import signal
import subprocess
import sys
import threading
import time

import loopix_sim
import pandas
import pytest

COMMAND = os.environ["LOOPIX_COMMAND"]
SOURCE = os.environ["LOOPIX_SOURCE_DIR"]
SCENARIO = {"name": "from-python", "crypto": "none", "run": {"horizon": 20, "warmup": 2},
            "topology": {"clients": 12, "providers": 2, "layers": 2, "mixes_per_layer": 2},
            "challenge": {"senders": [0, 1], "recipient": 2, "duration": 10}}


def without_what_differs(summary):
    """A summary without what no two runs share: wall times and who ran it."""
    return {k: v for k, v in summary.items() if k not in ("timing", "provenance")}


def test_a_run_from_python_equals_the_command_line_run(tmp_path):
    scenario = tmp_path / "scenario.json"
    scenario.write_text(json.dumps(SCENARIO))
    subprocess.run([COMMAND, "run", str(scenario), "-o", str(tmp_path / "cli"), "--seed", "11", "--trace", "--quiet"],
                   check=True)
    run = loopix_sim.run(SCENARIO, str(tmp_path / "python"), seed=11, trace=True)

    files = sorted(os.listdir(tmp_path / "cli"))
    assert files == sorted(os.listdir(run.folder))
    for name in files:
        ours, theirs = (tmp_path / "cli" / name).read_bytes(), open(os.path.join(run.folder, name), "rb").read()
        if name == "summary.json":
            assert without_what_differs(json.loads(ours)) == without_what_differs(json.loads(theirs))
        else:
            assert ours == theirs, name
    assert run.summary["seed"] == 11
    assert len(run.table("nodes")) == 2 + 4 + 12
    assert run.trace().shape[0] > 1000
    assert run.scenario["topology"]["clients"] == 12
    figures = {os.path.basename(f) for f in run.plot()}
    assert {"entropy.png", "entropy.csv", "entropy.py", "pool.svg", "epsilon.gp"} <= figures


def test_a_bad_scenario_is_an_exception_naming_the_file_path_and_problem(tmp_path):
    with pytest.raises(loopix_sim.LoopixError) as bad:
        loopix_sim.validate({"name": "bad", "topology": {"clients": -3}, "delays": {"mu": "fast"}})
    assert [(p.file, p.path) for p in bad.value.problems] == [("<dict>", "/topology/clients"), ("<dict>", "/delays/mu")]
    assert "expected an integer >= 1, got -3" in bad.value.problems[0].message
    written = tmp_path / "bad.json"
    written.write_text('{"name": "bad", "run": {"horizon": -1}}')
    with pytest.raises(loopix_sim.LoopixError) as from_file:
        loopix_sim.run(str(written), str(tmp_path / "out"))
    assert from_file.value.problems[0].file == str(written)
    assert from_file.value.problems[0].path == "/run/horizon"
    loopix_sim.validate(SCENARIO)  # a good one passes


def test_a_sweep_from_a_dict_comes_back_as_tables(tmp_path):
    spec = {"name": "py-sweep", "base": SCENARIO, "grid": {"delays.mu": [2, 4]}, "replications": 2}
    swept = loopix_sim.sweep(spec, str(tmp_path / "sweep"), jobs=2)
    summary = swept.table("summary")
    assert set(summary["delays.mu"]) == {2, 4}
    assert (summary.runs == 2).all()
    assert len(swept.runs()) == 4
    assert len(swept.table("runs")) == 4
    assert {r.summary["scenario"] for r in swept.runs()} == {"from-python"}  # the base scenario's name
    assert len({r.summary["seed"] for r in swept.runs()}) == 4

    # Its figure, with the data beside it: the two means of the summary table.
    written = swept.plot("mu", "entropy", size=(3.5, 2.4))
    names = {os.path.basename(f) for f in written}
    stem = "entropy-mean_over_mixes_bits_vs_delays-mu"
    assert {stem + ".png", stem + ".svg", stem + ".gp", stem + ".csv", stem + ".py"} <= names
    data = pandas.read_csv(os.path.join(swept.folder, "plots", stem + ".csv"))
    entropy = summary[summary.metric == "entropy.mean_over_mixes_bits"].sort_values("delays.mu")
    assert list(data.x) == [2, 4]
    assert list(data.y) == pytest.approx(list(entropy.value_mean), rel=1e-8)
    assert (data["style"] == "error_bars").all()
    with pytest.raises(loopix_sim.LoopixError, match="no metric"):
        swept.plot("mu", "no_such_metric")


def test_the_example_notebook_reproduces_fig4_from_python(tmp_path):
    """The notebook run headless: its code cells in order, as one script."""
    with open(os.path.join(SOURCE, "examples", "fig4_from_python.ipynb")) as f:
        cells = json.load(f)["cells"]
    script = tmp_path / "notebook.py"
    script.write_text("\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code"))
    env = dict(os.environ, LOOPIX_EXAMPLE_QUICK="1", LOOPIX_EXAMPLE_OUTPUT=str(tmp_path / "fig4"), MPLBACKEND="Agg")
    done = subprocess.run([sys.executable, str(script)], check=True, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert "entropy of a mix, mean over mixes:" in done.stdout  # the single run
    summary = loopix_sim.Sweep(str(tmp_path / "fig4")).table("summary")
    entropy = summary[summary.metric == "entropy.mean_over_mixes_bits"].sort_values("topology.clients")
    assert len(entropy) == 6  # 3 client counts, 2 values of mu
    # More clients, more entropy (Fig. 4), for each mu.
    for _, line in entropy.groupby("delays.mu"):
        assert line.value_mean.is_monotonic_increasing
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return
    assert (tmp_path / "fig4_from_python.png").stat().st_size > 0


def test_a_run_and_a_sweep_tell_a_callable_how_far_they_are(tmp_path):
    told = []
    run = loopix_sim.run(SCENARIO, str(tmp_path / "run"), progress=lambda *p: told.append(p))
    end = run.summary["horizon_s"] + run.summary["drain_s"]
    assert told[-1] == (end, end, "s")  # the last call: the whole run, in simulated seconds
    assert [done for done, _, _ in told] == sorted(done for done, _, _ in told)

    told.clear()
    spec = {"name": "py-sweep", "base": SCENARIO, "grid": {"delays.mu": [2, 4]}, "replications": 2}
    loopix_sim.sweep(spec, str(tmp_path / "sweep"), jobs=2, progress=lambda *p: told.append(p))
    assert told == [(1, 4, "runs"), (2, 4, "runs"), (3, 4, "runs"), (4, 4, "runs")]


class FakeBar:
    """Stands for tqdm's bar: records what the module asks of it."""
    made = []

    def __init__(self, total=None, unit="it", desc=None):
        self.total, self.unit, self.desc, self.n, self.closed = total, unit, desc, 0, False
        FakeBar.made.append(self)

    def update(self, n):
        self.n += n

    def close(self):
        self.closed = True


def test_the_progress_bar_is_tqdm_when_it_is_installed(tmp_path, monkeypatch):
    fake = type(sys)("tqdm")
    fake.auto = type(sys)("tqdm.auto")
    fake.auto.tqdm = FakeBar
    monkeypatch.setitem(sys.modules, "tqdm", fake)
    monkeypatch.setitem(sys.modules, "tqdm.auto", fake.auto)
    run = loopix_sim.run(SCENARIO, str(tmp_path / "run"))
    bar = FakeBar.made[-1]
    end = run.summary["horizon_s"] + run.summary["drain_s"]
    assert (bar.desc, bar.unit, bar.total, bar.n, bar.closed) == ("run", "s", end, end, True)
    loopix_sim.run(SCENARIO, str(tmp_path / "quiet"), progress=False)
    assert FakeBar.made[-1] is bar  # no bar when asked for none


def test_an_error_in_the_progress_callable_stops_the_run_and_is_raised(tmp_path):
    def broken(done, total, unit):
        raise ValueError("broken progress")
    with pytest.raises(ValueError, match="broken progress"):
        loopix_sim.run(SCENARIO, str(tmp_path / "run"), progress=broken)
    assert not (tmp_path / "run" / "summary.json").exists()  # nothing of the run is written

    spec = {"name": "py-sweep", "base": SCENARIO, "grid": {"delays.mu": [2, 4, 8]}}
    with pytest.raises(ValueError, match="broken progress"):
        loopix_sim.sweep(spec, str(tmp_path / "sweep"), jobs=1, progress=broken)
    runs = sorted((tmp_path / "sweep" / "runs").iterdir())
    assert [(r / "summary.json").exists() for r in runs] == [True]  # no run after the first
    assert not (tmp_path / "sweep" / "sweep.csv").exists()


def test_an_interrupt_stops_a_long_run_at_once(tmp_path):
    long_run = dict(SCENARIO, run={"horizon": 100000, "warmup": 2})
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        loopix_sim.run(long_run, str(tmp_path / "run"), progress=False)
    assert time.monotonic() - start < 5  # the whole run would take minutes
    assert not (tmp_path / "run" / "summary.json").exists()
