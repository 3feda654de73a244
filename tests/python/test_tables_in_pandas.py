"""The CSV tables read with pandas as a user would: no column shadows a DataFrame attribute
(so df.name works for every column), integer columns come back as integers, and a sweep's
tables keep their run and point ids (each run's own tables start with a run column)."""
import os
import subprocess

import pytest

pandas = pytest.importorskip("pandas")

COMMAND = os.environ["LOOPIX_COMMAND"]
SOURCE = os.environ["LOOPIX_SOURCE_DIR"]
QUICKSTART = os.path.join(SOURCE, "scenarios", "quickstart.json")
SHORT = ["--set", "crypto=none", "--set", "run.horizon=10", "--set", "run.warmup=1"]


def loopix(*args):
    subprocess.run([COMMAND, *args], check=True, capture_output=True, text=True)


def tables(folder):
    return sorted(f for f in os.listdir(folder) if f.endswith(".csv"))


def assert_pandas_safe(path):
    df = pandas.read_csv(path)
    shadowing = [c for c in df.columns if hasattr(pandas.DataFrame, c)]
    assert not shadowing, f"{path}: columns that shadow DataFrame attributes: {shadowing}"
    return df


def test_a_runs_tables_have_pandas_safe_names_and_integer_columns(tmp_path):
    run = tmp_path / "run"
    loopix("run", QUICKSTART, "-o", str(run), "--quiet", *SHORT)
    frames = {name: assert_pandas_safe(run / name) for name in tables(run)}
    assert {"nodes.csv", "latency.csv", "pool.csv", "entropy.csv"} <= frames.keys()
    integer = {
        "nodes.csv": ["node", "layer", "position", "provider", "sent_packets", "arrived_packets", "departed_packets",
                      "delivered_packets", "fetched_packets", "dropped_packets", "corrupt"],
        "latency.csv": ["packets"],
        "pool.csv": ["node", "layer", "position", "pool_packets"],
        "entropy.csv": ["node", "layer", "position"],
    }
    for name, columns in integer.items():
        for column in columns:
            assert pandas.api.types.is_integer_dtype(frames[name][column]), f"{name}: {column} is {frames[name][column].dtype}"
    nodes = frames["nodes.csv"]
    assert (nodes.loc[nodes.role != "mix", "layer"] == -1).all()
    assert (nodes.loc[nodes.role != "client", "provider"] == -1).all()


def test_a_sweeps_tables_have_pandas_safe_names(tmp_path):
    sweep = tmp_path / "sweep.json"
    sweep.write_text("""{"name": "tiny", "base": {"name": "tiny", "crypto": "none", "run": {"horizon": 5, "warmup": 1},
      "topology": {"clients": 6, "providers": 2, "layers": 2, "mixes_per_layer": 2}},
      "grid": {"delays.mu": [2, 4]}, "replications": 2}""")
    out = tmp_path / "out"
    loopix("sweep", str(sweep), "-o", str(out), "--quiet")
    for name in ("sweep.csv", "runs.csv", "summary.csv"):
        df = assert_pandas_safe(out / name)
        assert pandas.api.types.is_integer_dtype(df["point"]), name
    summary = pandas.read_csv(out / "summary.csv")
    assert pandas.api.types.is_integer_dtype(summary.runs)
    assert (summary.runs == 2).any()
    # Every run's tables start with its id, so they stack without losing where a row is from.
    runs = sorted(os.listdir(out / "runs"))
    assert len(runs) == 4
    for name in tables(out / "runs" / runs[0]):
        stacked = pandas.concat(assert_pandas_safe(out / "runs" / run / name) for run in runs)
        assert list(stacked.columns)[0] == "run", name
        assert set(stacked.run) <= set(runs), name
    nodes = pandas.concat(pandas.read_csv(out / "runs" / run / "nodes.csv") for run in runs)
    assert sorted(set(nodes.run)) == runs
