#!/usr/bin/env python3
"""Writes a small synthetic workload file for /workload/file (see README, "Replayed workloads").

Mail-like traffic among CLIENTS users for SECONDS: each user sends at its own Poisson rate
(log-normal across users, so a few write much more than the rest), mostly to a handful of
regular correspondents, with log-normally distributed sizes (most messages fit one payload, a
few take tens). The same arguments give the same file.

    scripts/make_workload.py OUT.csv [--clients 32] [--seconds 600] [--seed 1]
"""
import argparse
import math
import random


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=600.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows = []
    for sender in range(args.clients):
        rate = rng.lognormvariate(math.log(0.02), 1.0)  # messages per second: median one every 50 s
        others = [c for c in range(args.clients) if c != sender]
        correspondents = rng.sample(others, min(4, len(others)))
        t = rng.expovariate(rate)
        while t < args.seconds:
            recipient = rng.choice(correspondents) if rng.random() < 0.8 else rng.choice(others)
            size = max(1, int(rng.lognormvariate(math.log(2000), 1.2)))  # bytes: median 2 kB
            rows.append((t, sender, recipient, size))
            t += rng.expovariate(rate)
    rows.sort()
    with open(args.out, "w") as out:
        out.write(f"# scripts/make_workload.py {args.out} --clients {args.clients} --seconds {args.seconds:g} --seed {args.seed}\n")
        out.write("time_s,sender,recipient,size_bytes\n")
        for t, sender, recipient, size in rows:
            out.write(f"{t:.6f},{sender},{recipient},{size}\n")


if __name__ == "__main__":
    main()
