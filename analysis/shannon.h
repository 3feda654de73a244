// Shannon entropy terms in bits, shared by the per-mix and the label-vector analyses.
#pragma once
#include <cmath>

namespace analysis {

// -x·log2 x, with 0·log 0 = 0.
inline double surprisal_term(double x) { return x > 0 ? -x * std::log2(x) : 0.0; }

}  // namespace analysis
