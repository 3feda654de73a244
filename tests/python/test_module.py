"""The loopix_sim Python module: a run from Python is the command's run, file for file; a bad
scenario is a LoopixError naming its file, JSON path and problem; a sweep comes back as tables;
the example reproduces Fig. 4 in a few lines."""
import json
import os
import subprocess
import sys

import loopix_sim
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


def test_the_example_reproduces_fig4_from_python(tmp_path):
    env = dict(os.environ, LOOPIX_EXAMPLE_QUICK="1")
    done = subprocess.run([sys.executable, os.path.join(SOURCE, "examples", "fig4_from_python.py"), str(tmp_path / "fig4")],
                          check=True, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert "wrote fig4_from_python.png" in done.stdout or "value_mean" in done.stdout
    summary = loopix_sim.Sweep(str(tmp_path / "fig4")).table("summary")
    entropy = summary[summary.metric == "entropy.mean_over_mixes_bits"].sort_values("topology.clients")
    # More clients, more entropy (Fig. 4), for each mu.
    for _, line in entropy.groupby("delays.mu"):
        assert line.value_mean.is_monotonic_increasing
