// The model's closed forms that results are set beside: how many exponential delays a route
// meets, and the large-pool limit of the message-level anonymity.
#pragma once
#include "core/config/scenario.h"
#include "core/vocabulary.h"

namespace analysis {

// The exponential delays a packet of this kind meets (0: none modelled).
int delaying_hops(const core::Scenario& scenario, core::TrafficKind kind);

// The differential entropy, in nats, of Erlang(k, mu), the sum of k Exp(mu) delays:
// (1 - k) psi(k) + ln(Gamma(k) / mu) + k.
double erlang_entropy_nats(int k, double mu);

// The message-level entropy, in bits, that large pools tend to (README, "Message-level
// anonymity"): log2(Lambda) + h(D) / ln 2, D ~ Erlang(delaying hops of a client message, mu)
// and Lambda the rate of the messages leaving the last layer (the clients' three streams and
// the mix loops of the earlier layers), one mix's share of it when there is one layer; in a
// cascade, one chain's share. NaN when nothing leaves, for mix strategies other than poisson,
// and for free routes of two hops or more (a pool mixes messages at different hops there).
double message_anonymity_limit_bits(const core::Scenario& scenario);

// Queues of the service model (/service), for Poisson arrivals at rate lambda and exponential
// service at rate mu per processor:
// the mean wait for a processor in an M/M/c queue (Erlang C), C(c, a) / (c mu - lambda) with
// a = lambda / mu; +infinity when lambda >= c mu.
double erlang_c_wait(int c, double lambda, double mu);
// the probability that an arrival finds an M/M/1 queue with `waiting` places full (the
// server busy and `waiting` packets queued): (1 - rho) rho^(K+1) / (1 - rho^(K+2)) with
// K = waiting and rho = lambda / mu (1 / (K + 2) when rho = 1).
double mm1k_blocking(int waiting, double lambda, double mu);

}  // namespace analysis
