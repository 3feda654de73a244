// The tidy histogram files of a results folder: latency.csv (per traffic kind, with the
// Gamma(k, mu) expectation of the delays alone) and pool.csv (per mix, against Lemma 1's
// Poisson(lambda/mu)).
#pragma once
#include <ostream>

#include "analysis/metrics.h"

namespace cli {

// kind,bin_low_s,bin_high_s,packets,gamma_packets: 50 equal bins from 0 to the kind's 99.9th
// percentile (the longest 0.1% fall outside); gamma_packets is empty for kinds without delays.
void write_latency_csv(std::ostream& out, const analysis::Metrics& metrics);
// node,layer,position,pool_packets,time_fraction,poisson_fraction: lambda is the mix's departure rate
// after the warm-up, so lambda/mu is its expected pool size by Lemma 1.
void write_pool_csv(std::ostream& out, const analysis::Metrics& metrics);
// The mix's departures per second after the warm-up.
double mix_lambda(const analysis::Metrics& metrics, core::NodeId mix);

}  // namespace cli
