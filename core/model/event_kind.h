// The kinds of kernel events the Loopix model schedules (sim::Event::kind), one enum per role:
// the node an event targets says which enum its kind is read as, and a kind a role does not
// handle is a bug (unhandled_event throws), never silently ignored.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>

#include "sim/event.h"

namespace core {

enum class ClientEvent : std::uint32_t {
  PayloadTick = 0,  // the lambda_P stream fires
  LoopTick = 1,     // the lambda_L stream fires
  DropTick = 2,     // the lambda_D stream fires
  Workload = 3,     // a real message enters the buffer
  PullTick = 4,     // time to pull the inbox (arg: the client's online session, so that an
                    // offline period cancels the pulls of the session before it)
  Fetch = 5,        // a message of a pull answer arrives (arg: slot | provider << 32)
  Challenge = 6,    // challenger: a real message to the challenge recipient enters the buffer (arg: challenger)
  OnlineSwitch = 7, // the client's online or offline period ends
  Replay = 8,       // a message of the workload file is created (arg: its row, in time order)
};

// Providers and mixes share the codes of what a link or a delay brings them, so a link needs
// not know which it delivers to.
enum class ProviderEvent : std::uint32_t {
  Arrive = 0,       // a packet arrives (arg: slot | from << 32)
  Forward = 1,      // a packet's delay ends (arg: slot | next << 32)
  Served = 2,       // a processor finished a packet's service (arg: slot | from << 32)
  PullRequest = 3,  // a client's pull arrives (arg: client)
};

enum class MixEvent : std::uint32_t {
  Arrive = 0,       // a packet arrives (arg: slot | from << 32)
  Forward = 1,      // the strategy releases a packet it scheduled (arg: slot | next << 32)
  Served = 2,       // a processor finished a packet's service (arg: slot | from << 32)
  MixLoopTick = 3,  // the lambda_M stream fires
  Wake = 4,         // the mix strategy's own timer fires
  FloodTick = 5,    // an active adversary's next own packet into this mix (core/model/flood.h)
};

template <typename Kind>
constexpr std::uint32_t code(Kind kind) {
  return static_cast<std::uint32_t>(kind);
}

// What a link brings to a provider or a mix (a packet arrives), and what their processors
// report (a packet's service ended): one code for both roles.
inline constexpr std::uint32_t kArrive = code(ProviderEvent::Arrive);
inline constexpr std::uint32_t kServed = code(ProviderEvent::Served);
static_assert(kArrive == code(MixEvent::Arrive) && kServed == code(MixEvent::Served));

// For the end of a role's dispatch, past a switch that handles every kind of its enum.
[[noreturn]] inline void unhandled_event(const char* role, const sim::Event& e) {
  throw std::logic_error(std::string(role) + " " + std::to_string(e.target) + ": no event of kind " +
                         std::to_string(e.kind) + " is scheduled for this role");
}

}  // namespace core
