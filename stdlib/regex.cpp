// gai_regex: an RE2 pattern compiled once, matched unanchored over UTF-8.
#include <new>
#include <string>

#include <re2/re2.h>

#include "stdlib/std.h"

struct gai_regex {
  explicit gai_regex(re2::StringPiece pattern) : re(pattern, options()) {
    if (!re.ok()) error = re.error();
  }
  static RE2::Options options() {
    RE2::Options opts;
    opts.set_log_errors(false);
    opts.set_encoding(RE2::Options::EncodingUTF8);
    return opts;
  }
  RE2 re;
  std::string error;
};

extern "C" {

gai_regex* gai_regex_new(const char* pattern, int64_t len) {
  try {
    return new gai_regex(re2::StringPiece(pattern, size_t(len)));
  } catch (...) {
    return nullptr;
  }
}

bool gai_regex_ok(const gai_regex* re) { return re && re->re.ok(); }

const char* gai_regex_error(const gai_regex* re) {
  if (!re) return "out of memory";
  return re->error.c_str();
}

void gai_regex_free(gai_regex* re) { delete re; }

bool gai_std_text_matches(const char* s, int64_t len, const gai_regex* re) {
  if (!gai_regex_ok(re)) return false;
  return RE2::PartialMatch(re2::StringPiece(s, size_t(len)), re->re);
}

}  // extern "C"
