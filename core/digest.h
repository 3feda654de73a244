// SHA-256 of a byte string, for identities that must not depend on the order things were
// listed in (sweep runs) and for provenance (the digest of a resolved scenario).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace core {

std::array<std::uint8_t, 32> sha256(std::string_view bytes);
// Lowercase hexadecimal of the first BYTES bytes of the digest (all 32 by default).
std::string sha256_hex(std::string_view bytes, std::size_t digest_bytes = 32);

}  // namespace core
