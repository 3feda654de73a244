#!/usr/bin/env bash
# Regenerates the paper's figures (scenarios/paper/README.md): runs each sweep into
# results/paper/FIG (a rerun resumes it), draws its figure, and copies the PNG beside the sweep
# file. Called by `make paper`, after the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
sim=./build/loopix-sim
out=${RESULTS:-results/paper}

# figure NAME PLOT-ARGUMENTS...: run the sweep, plot it, keep the PNG as scenarios/paper/NAME.png.
figure() {
  local name=$1; shift
  "$sim" sweep "scenarios/paper/$name.json" -o "$out/$name" --quiet
  local png
  png=$("$sim" plot "$out/$name" "$@" | sed -n 's/^wrote \(.*\.png\)$/\1/p')
  cp "$png" "scenarios/paper/$name.png"
  echo "$name: scenarios/paper/$name.png (from $png)"
}

start=$SECONDS
figure fig4 --x clients --y entropy --series mu
figure fig5 --x mu --y epsilon
figure fig6 --x layers --y epsilon
figure fig7 --x corrupt --y epsilon
"$sim" plot "$out/fig7" --x corrupt --y delta >/dev/null
cp "$out/fig7/plots/unlinkability-delta_vs_adversary-corrupt.png" scenarios/paper/fig7_delta.png
echo "fig7: scenarios/paper/fig7_delta.png"
figure fig8 --x payload_rate --y throughput
# Figs. 8 and 9 with a service time per packet (README.md, "Service capacity and bandwidth").
figure fig8_service --x payload_rate --y lambda_mean_over_mixes_per_s
figure fig9_service --x clients --y kinds.payload.latency_s.mean
# Fig. 10 is one run's histogram: the run's own latency figure.
"$sim" sweep scenarios/paper/fig10.json -o "$out/fig10" --quiet
fig10_run="$out/fig10/runs/$("$sim" sweep scenarios/paper/fig10.json --list | cut -d' ' -f1 | head -n 1)"
"$sim" plot "$fig10_run" >/dev/null
cp "$fig10_run/plots/latency_mix_loop.png" scenarios/paper/fig10.png
echo "fig10: scenarios/paper/fig10.png"
# Beyond the paper: mix strategies at equal latency, topologies at equal path length.
figure strategies --x latency --y anonymity --series strategy
figure topologies --x mu --y anonymity --series kind --logx
# Beyond the paper: message-level anonymity from 10^2 to 10^6 clients beside its closed form.
figure nym_scaling --x clients --y anonymity --beside anonymity_limit --logx
# Beyond the paper: what a corrupt egress provider learns of who receives (Sec. 4.1.2).
figure receiver_unobservability --x rate --y adversary.receiver_unobservability.advantage --series gpa
# Beyond the paper: how fast loops detect an (n-1) attack of strength s (Sec. 4.2).
figure n_minus_1_detection --x fraction --y detection.mixes.time_to_detection_s --series window
# Beyond the paper: how often that attacker links its target, beside the closed form (Sec. 4.2).
figure n_minus_1_success --x fraction --y adversary.n_minus_1.success --beside adversary.n_minus_1.closed_form
# Beyond the paper: the statistical disclosure attack against the cover rate, per mix strategy.
figure disclosure --x drop_rate --y adversary.disclosure.precision --series strategy
echo "all figures in $((SECONDS - start)) s"
