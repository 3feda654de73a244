// The kinds of kernel events the Loopix model schedules (sim::Event::kind).
#pragma once
#include <cstdint>

namespace core::EventKind {

inline constexpr std::uint32_t PayloadTick = 0;  // client: lambda_P stream fires
inline constexpr std::uint32_t LoopTick = 1;     // client: lambda_L stream fires
inline constexpr std::uint32_t DropTick = 2;     // client: lambda_D stream fires
inline constexpr std::uint32_t Workload = 3;     // client: a real message enters its buffer
inline constexpr std::uint32_t PullTick = 4;     // client: time to pull its inbox
inline constexpr std::uint32_t Fetch = 5;        // client: a message of a pull answer arrives (arg: slot)
inline constexpr std::uint32_t Arrive = 6;       // provider or mix: a packet arrives (arg: slot | from << 32)
inline constexpr std::uint32_t Forward = 7;      // provider or mix: a delay ends (arg: slot | next << 32)
inline constexpr std::uint32_t MixLoopTick = 8;  // mix: lambda_M stream fires
inline constexpr std::uint32_t PullRequest = 9;  // provider: a client's pull arrives (arg: client)
inline constexpr std::uint32_t Challenge = 10;   // challenger: a real message to the challenge recipient enters its buffer

}  // namespace core::EventKind
