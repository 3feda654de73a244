#include "core/adversary/observation.h"

namespace core {

std::string_view name(ObservationKind kind) {
  switch (kind) {
    case ObservationKind::Link: return "link";
    case ObservationKind::Send: return "send";
    case ObservationKind::Deposit: return "deposit";
    case ObservationKind::Pull: return "pull";
    case ObservationKind::CoverDrop: return "cover_drop";
    case ObservationKind::MixIo: return "mix_io";
    case ObservationKind::Target: return "target";
  }
  return "?";
}

}  // namespace core
