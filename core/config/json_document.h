// The JSON side of reading scenario and sweep files: JSON pointers, a file parsed with the
// line and column of its first error, unknown-key messages, and setting a value by path.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/scenario_fields.h"

namespace core {

// RFC 6901: "~" -> "~0", "/" -> "~1".
std::string escape_key(std::string_view key);
// POINTER extended by one KEY (an object key or an array index).
std::string child_of(const std::string& pointer, std::string_view key);
// The pointer as shown in a message: "/" for the whole document.
std::string shown(const std::string& pointer);
// True if one pointer is the other or lies inside it.
bool related(const std::string& a, const std::string& b);

// Parses FILE into DOCUMENT; returns the problem if it cannot: "FILE: cannot read file" or
// "FILE:LINE:COLUMN: invalid JSON: REASON".
std::optional<std::string> read_json_file(const std::string& file, fields::Json& document);

// "unknown key; did you mean ...?" (a close spelling among SIBLINGS) or "unknown key;
// expected one of: ...".
std::string unknown_key_message(const std::string& key, const std::vector<std::string>& siblings);

// Sets VALUE at the object path KEYS in DOCUMENT, creating missing objects on the way.
// Returns a problem if an object on the way is something else.
std::optional<fields::Problem> set_at(const std::vector<std::string>& keys, const fields::Json& value,
                                      fields::Json& document);

}  // namespace core
