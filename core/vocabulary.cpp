#include "core/vocabulary.h"

namespace core {

std::string_view name(Role role) {
  switch (role) {
    case Role::Provider: return "provider";
    case Role::Mix: return "mix";
    case Role::Client: return "client";
  }
  return "?";
}

std::string_view name(TrafficKind kind) {
  switch (kind) {
    case TrafficKind::Payload: return "payload";
    case TrafficKind::Loop: return "loop";
    case TrafficKind::Drop: return "drop";
    case TrafficKind::MixLoop: return "mix_loop";
    case TrafficKind::Dummy: return "dummy";
    case TrafficKind::Reply: return "reply";
    case TrafficKind::Ack: return "ack";
    case TrafficKind::Flood: return "flood";
  }
  return "?";
}

std::string_view name(DropReason reason) {
  switch (reason) {
    case DropReason::None: return "none";
    case DropReason::Cover: return "cover";
    case DropReason::Replay: return "replay";
    case DropReason::Malformed: return "malformed";
    case DropReason::Length: return "length";
    case DropReason::GroupElement: return "group_element";
    case DropReason::Mac: return "mac";
    case DropReason::Tagged: return "tagged";
    case DropReason::Expired: return "expired";
    case DropReason::Overflow: return "overflow";
    case DropReason::InboxFull: return "inbox_full";
    case DropReason::Blocked: return "blocked";
    case DropReason::Outage: return "outage";
  }
  return "?";
}

std::string_view name(HopEvent event) {
  switch (event) {
    case HopEvent::Send: return "send";
    case HopEvent::Arrive: return "arrive";
    case HopEvent::Depart: return "depart";
    case HopEvent::Deliver: return "deliver";
    case HopEvent::Drop: return "drop";
    case HopEvent::Fetch: return "fetch";
    case HopEvent::Enter: return "enter";
    case HopEvent::Leave: return "leave";
    case HopEvent::Create: return "create";
  }
  return "?";
}

}  // namespace core
