"""trace export --npy read by numpy alone: numpy.load (memory-mapped) gives every record of the
trace, field by field as the CSV export writes it, with the codes named in the JSON beside it."""
import csv
import json
import os
import subprocess

import numpy

COMMAND = os.environ["LOOPIX_COMMAND"]
QUICKSTART = os.path.join(os.environ["LOOPIX_SOURCE_DIR"], "scenarios", "quickstart.json")


def loopix(*args):
    return subprocess.run([COMMAND, *args], check=True, capture_output=True, text=True).stdout


def test_the_npy_trace_loads_with_numpy_alone_and_equals_the_csv(tmp_path):
    run = tmp_path / "run"
    loopix("run", QUICKSTART, "-o", str(run), "--trace", "--quiet",
           "--set", "crypto=none", "--set", "run.horizon=10", "--set", "run.warmup=1")
    loopix("trace", "export", str(run / "trace.bin"), "--npy")
    loopix("trace", "export", str(run / "trace.bin"), "--csv", "-o", str(tmp_path / "trace.csv"))

    trace = numpy.load(run / "trace.npy", mmap_mode="r")
    meta = json.loads((run / "trace.json").read_text())
    with open(tmp_path / "trace.csv", newline="") as f:
        rows = list(csv.DictReader(f))

    assert isinstance(trace, numpy.memmap)
    assert trace.shape == (meta["records"],) == (len(rows),)
    assert len(rows) > 1000
    assert list(trace.dtype.names)[:9] == ["time_ns", "sent_ns", "packet", "message", "node", "peer",
                                           "event", "kind", "reason"]
    for name in ("time_ns", "sent_ns", "packet", "message", "node"):
        assert trace[name].tolist() == [int(r[name]) for r in rows], name
    # The CSV leaves a missing peer empty; the array holds 0xffffffff there.
    assert trace["peer"].tolist() == [int(r["peer"]) if r["peer"] else 0xFFFFFFFF for r in rows]
    for field in ("event", "kind", "reason"):
        names = meta["codes"][field]
        assert [names[str(code)] for code in trace[field].tolist()] == [r[field] for r in rows], field
