// The `run` column of a sweep's per-run tables: a stream buffer that writes a table through to
// another one with a first column added, "run" in the header line and the run's id in every
// row, so that the tables of many runs can be stacked without losing which run each row is
// from. The table writers themselves do not know it is there.
#pragma once
#include <streambuf>
#include <string>

namespace cli {

class RunColumn final : public std::streambuf {
 public:
  RunColumn(std::streambuf& out, const std::string& run_id) : out_(out), row_(run_id + ",") {}

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    const char ch = traits_type::to_char_type(c);
    return xsputn(&ch, 1) == 1 ? c : traits_type::eof();
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    for (std::streamsize done = 0; done < n;) {
      if (line_start_) {
        const std::string& prefix = header_ ? header_prefix_ : row_;
        if (out_.sputn(prefix.data(), static_cast<std::streamsize>(prefix.size())) != static_cast<std::streamsize>(prefix.size()))
          return done;
        line_start_ = false;
      }
      const char* end = static_cast<const char*>(std::char_traits<char>::find(s + done, static_cast<std::size_t>(n - done), '\n'));
      const std::streamsize take = end ? end - (s + done) + 1 : n - done;
      if (out_.sputn(s + done, take) != take) return done;
      done += take;
      if (end) line_start_ = true, header_ = false;
    }
    return n;
  }
  int sync() override { return out_.pubsync(); }

 private:
  std::streambuf& out_;
  const std::string header_prefix_ = "run,";
  std::string row_;
  bool line_start_ = true, header_ = true;
};

}  // namespace cli
