// The purposes of the model's random streams: a stream is (seed, entity, purpose), so every
// use below draws from its own sequence and adding one never shifts another.
#pragma once
#include <cstdint>

namespace core::Purpose {

inline constexpr std::uint64_t Assignment = 1;    // client -> provider (assignment "random")
inline constexpr std::uint64_t PayloadTimer = 2;  // client: lambda_P send times
inline constexpr std::uint64_t LoopTimer = 3;     // client: lambda_L send times
inline constexpr std::uint64_t DropTimer = 4;     // client: lambda_D send times
inline constexpr std::uint64_t Workload = 5;      // client: arrival times of real messages
inline constexpr std::uint64_t Recipient = 6;     // client: recipient of each real message
inline constexpr std::uint64_t Route = 7;         // client or mix: mixes, providers, delays of a route
inline constexpr std::uint64_t PullPhase = 8;     // client: offset of the first pull
inline constexpr std::uint64_t Link = 9;          // any node: latency of the links it sends on
inline constexpr std::uint64_t MixLoopTimer = 10; // mix: lambda_M send times
inline constexpr std::uint64_t PacketBytes = 11;  // packet creator: what the format draws (plain tags, Sphinx keys, padding)
inline constexpr std::uint64_t NodeKey = 12;      // provider or mix: its Sphinx private key
inline constexpr std::uint64_t Corrupt = 13;      // the network (entity 0): which mixes a corrupt fraction takes
inline constexpr std::uint64_t Challenge = 14;    // challenger: arrival times of its messages to the recipient
inline constexpr std::uint64_t MixStrategy = 15;  // mix: its strategy's choices (which pooled packets leave, in which order)
inline constexpr std::uint64_t Service = 16;      // provider or mix: its service times
inline constexpr std::uint64_t Online = 17;       // client: its online and offline periods
inline constexpr std::uint64_t Contacts = 18;     // client: its contacts
inline constexpr std::uint64_t Popularity = 19;   // the network (entity 0): the clients' popularity ranking
inline constexpr std::uint64_t Groups = 20;       // group g (entity g): its members
inline constexpr std::uint64_t Reply = 21;        // client: which of its real messages carry a reply block
inline constexpr std::uint64_t CorruptProviders = 22;  // the network (entity 0): which providers a corrupt fraction takes
inline constexpr std::uint64_t Block = 23;        // mix: which packets sent to it an active adversary blocks
inline constexpr std::uint64_t Flood = 24;        // mix: the active adversary's own packets sent into it (times, routes, bytes)

}  // namespace core::Purpose
