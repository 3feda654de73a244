"""Fig. 4 of the Loopix paper from Python: the entropy of one Poisson mix against its clients,
one line per delay rate mu. Runs the sweep of scenarios/paper/fig4.json through the loopix_sim
module, reads its summary table with pandas and draws it with matplotlib when it is installed
(else prints the table). LOOPIX_EXAMPLE_QUICK=1 runs a small version of it.

    PYTHONPATH=build/python python3 examples/fig4_from_python.py [OUTPUT_FOLDER]
"""
import json
import os
import sys

import loopix_sim

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "scenarios", "paper", "fig4.json")) as f:
    spec = json.load(f)
if os.environ.get("LOOPIX_EXAMPLE_QUICK"):
    spec["ranges"]["topology.clients"] = {"from": 100, "to": 300, "count": 3}
    spec["replications"] = 1
    spec["zip"] = {key: values[1:3] for key, values in spec["zip"].items()}

output = sys.argv[1] if len(sys.argv) > 1 else None
table = loopix_sim.sweep(spec, output, jobs=2).table("summary")
entropy = table[table.metric == "entropy.mean_over_mixes_bits"]

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    print(entropy[["delays.mu", "topology.clients", "value_mean", "value_ci95_low", "value_ci95_high"]].to_string(index=False))
else:
    fig, ax = plt.subplots(figsize=(3.5, 2.4))
    for mu, line in entropy.groupby("delays.mu"):
        ax.errorbar(line["topology.clients"], line.value_mean,
                    yerr=[line.value_mean - line.value_ci95_low, line.value_ci95_high - line.value_mean], label=f"μ = {mu}")
    ax.set_xlabel("clients")
    ax.set_ylabel("entropy of the mix (bits)")
    ax.legend(fontsize="small")
    fig.savefig("fig4_from_python.png", dpi=200, bbox_inches="tight")
    print("wrote fig4_from_python.png")
