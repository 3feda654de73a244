#include "core/config/json_document.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace core {

using fields::Json;

namespace {

// Records where the JSON parser gave up; every other event is ignored.
struct ErrorLocator : nlohmann::json_sax<Json> {
  std::size_t position = 0;
  std::string reason;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t where, const std::string&, const Json::exception& error) override {
    position = where;
    reason = error.what();
    return false;
  }
};

// "[json.exception.parse_error.101] parse error at line 3, column 1: syntax error ..." ->
// "syntax error ...".
std::string short_reason(std::string reason) {
  if (auto tag_end = reason.find("] "); tag_end != std::string::npos) reason.erase(0, tag_end + 2);
  if (reason.starts_with("parse error"))
    if (auto colon = reason.find(": "); colon != std::string::npos) reason.erase(0, colon + 2);
  return reason;
}

// 1-based line and column (in characters) of the byte the parser stopped at; POSITION
// counts the bytes read, that byte included.
std::pair<std::size_t, std::size_t> line_and_column(const std::string& text, std::size_t position) {
  const std::size_t stop = std::min(position > 0 ? position - 1 : 0, text.size());
  std::size_t line = 1, column = 1;
  const std::size_t start = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a UTF-8 byte order mark
  for (std::size_t i = start; i < stop; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {  // not a continuation byte
      ++column;
    }
  }
  return {line, column};
}

// Finds the first key that appears twice in one object (the parser keeps the last silently,
// other JSON readers the first): its JSON pointer, or nothing. Tracks the path as it reads.
class DuplicateKeyFinder : public nlohmann::json_sax<Json> {
 public:
  std::optional<std::string> duplicate;

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override {
    value();
    frames_.push_back({true, {}, "", 0});
    return true;
  }
  bool key(string_t& key) override {
    Frame& frame = frames_.back();
    frame.key = key;
    if (!frame.keys.insert(key).second) {
      duplicate = pointer();
      return false;
    }
    return true;
  }
  bool end_object() override { return end(); }
  bool start_array(std::size_t) override {
    value();
    frames_.push_back({false, {}, "", 0});
    return true;
  }
  bool end_array() override { return end(); }
  bool parse_error(std::size_t, const std::string&, const Json::exception&) override { return false; }

 private:
  struct Frame {
    bool object;
    std::set<std::string> keys;
    std::string key;     // the current key, in an object
    std::size_t next;    // the index of the next element, in an array
  };
  // A value begins: in an array, it takes the next index.
  bool value() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().next;
    return true;
  }
  bool end() {
    frames_.pop_back();
    return true;
  }
  std::string pointer() const {
    std::string p;
    for (const Frame& f : frames_) p = child_of(p, f.object ? f.key : std::to_string(f.next - 1));
    return p;
  }
  std::vector<Frame> frames_;
};

}  // namespace

std::string escape_key(std::string_view key) {
  std::string escaped;
  for (char c : key) escaped += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return escaped;
}

std::string child_of(const std::string& pointer, std::string_view key) {
  std::string child = pointer;
  child += '/';
  child += escape_key(key);
  return child;
}

std::string shown(const std::string& pointer) { return pointer.empty() ? "/" : pointer; }

bool related(const std::string& a, const std::string& b) {
  auto inside = [](const std::string& inner, const std::string& outer) {
    return inner == outer || inner.starts_with(outer + "/");
  };
  return inside(a, b) || inside(b, a);
}

std::optional<std::string> read_json_file(const std::string& file, Json& document) {
  std::error_code error;
  std::ifstream in(file, std::ios::binary);
  if (std::filesystem::is_directory(file, error) || !in) return file + ": cannot read file";
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return file + ": cannot read file";
  const std::string text = contents.str();

  document = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!document.is_discarded()) {
    DuplicateKeyFinder finder;
    Json::sax_parse(text, &finder);
    if (finder.duplicate)
      return file + ": " + *finder.duplicate + ": duplicate key (each key may appear once in an object)";
    return std::nullopt;
  }
  ErrorLocator locator;
  Json::sax_parse(text, &locator);
  auto [line, column] = line_and_column(text, locator.position);
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) +
         ": invalid JSON: " + short_reason(locator.reason);
}

std::string unknown_key_message(const std::string& key, const std::vector<std::string>& siblings) {
  if (auto close = fields::closest(key, siblings))
    return "unknown key; did you mean " + Json(*close).dump() + "?";
  std::string list;
  for (const std::string& sibling : siblings) list += (list.empty() ? "" : ", ") + sibling;
  return "unknown key; expected one of: " + list;
}

std::optional<fields::Problem> set_at(const std::vector<std::string>& keys, const Json& value, Json& document) {
  Json* node = &document;
  std::string pointer;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (!node->is_object())
      return fields::Problem{pointer, "expected an object to set " + Json(keys[i]).dump() + " in, got " +
                                          fields::describe(*node)};
    if (i + 1 == keys.size()) {
      (*node)[keys[i]] = value;
    } else {
      if (!node->contains(keys[i])) (*node)[keys[i]] = Json::object();
      node = &(*node)[keys[i]];
      pointer = child_of(pointer, keys[i]);
    }
  }
  return std::nullopt;
}

}  // namespace core
