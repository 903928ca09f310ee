// Constant calls of std functions: the same C functions the engines call (stdlib/std.h),
// over compile-time values.
#include <cstdlib>
#include <memory>

#include "check/eval.h"
#include "std.h"

namespace gai::check {

namespace {

enum class StdId : uint32_t {
#define STD_FN(Id, Module, Name, Result, ...) Id,
#include "stdlib.def"
#undef STD_FN
};

using VK = Value::Kind;

void* mallocAlloc(void*, int64_t size) { return std::malloc(static_cast<size_t>(size)); }

struct RegexDeleter {
  void operator()(gai_regex* re) const { gai_regex_free(re); }
};

std::vector<gai_str> termsOf(const Value& set) {
  std::vector<gai_str> terms;
  terms.reserve(set.elems.size());
  for (const Value& term : set.elems) terms.push_back(gai_str{term.s.data(), static_cast<int64_t>(term.s.size())});
  return terms;
}

}  // namespace

Value ConstEvaluator::evalStd(uint32_t index, const std::vector<Value>& args, Loc loc) {
  auto str = [&](size_t i) { return args[i].s.data(); };
  auto len = [&](size_t i) { return static_cast<int64_t>(args[i].s.size()); };
  auto failed = [&](gai_std_status status) { error(loc, gai_std_error_message(status)); };
  switch (static_cast<StdId>(index)) {
    case StdId::TextLength: return Value::ofInt(gai_std_text_length(str(0), len(0)));
    case StdId::TextLower:
    case StdId::TextUpper: {
      gai_str out{nullptr, 0};
      bool lower = static_cast<StdId>(index) == StdId::TextLower;
      gai_std_status status = lower ? gai_std_text_lower(str(0), len(0), mallocAlloc, nullptr, &out)
                                    : gai_std_text_upper(str(0), len(0), mallocAlloc, nullptr, &out);
      if (status != 0) failed(status);
      std::string text(out.data ? out.data : "", static_cast<size_t>(out.len));
      if (out.data && out.data != str(0)) std::free(const_cast<char*>(out.data));
      return Value::ofString(std::move(text));
    }
    case StdId::TextContains: return Value::ofBool(gai_std_text_contains(str(0), len(0), str(1), len(1)));
    case StdId::TextStartsWith: return Value::ofBool(gai_std_text_starts_with(str(0), len(0), str(1), len(1)));
    case StdId::TextEndsWith: return Value::ofBool(gai_std_text_ends_with(str(0), len(0), str(1), len(1)));
    case StdId::TextMatches: {
      std::unique_ptr<gai_regex, RegexDeleter> re(gai_regex_new(str(1), len(1)));
      if (!re || !gai_regex_ok(re.get())) notConstant(loc, "an invalid pattern");  // reported as E0405
      return Value::ofBool(gai_std_text_matches(str(0), len(0), re.get()));
    }
    case StdId::TextContainsAny: {
      std::vector<gai_str> terms = termsOf(args[1]);
      return Value::ofBool(gai_std_text_contains_any_list(str(0), len(0), terms.data(), static_cast<int64_t>(terms.size())));
    }
    case StdId::TextCountTerms: {
      std::vector<gai_str> terms = termsOf(args[1]);
      return Value::ofInt(gai_std_text_count_terms_list(str(0), len(0), terms.data(), static_cast<int64_t>(terms.size())));
    }
    case StdId::TimeDays: return Value::ofInt(gai_std_time_days(args[0].i));
    case StdId::TimeHours: return Value::ofInt(gai_std_time_hours(args[0].i));
    case StdId::TimeMinutes: return Value::ofInt(gai_std_time_minutes(args[0].i));
    case StdId::TimeDateOf: return Value::ofScalar(VK::Date, gai_std_time_date_of(args[0].i));
    case StdId::TimeDateOfOffset: {
      int32_t days = 0;
      if (gai_std_status status = gai_std_time_date_of_offset(args[0].i, args[1].i, &days)) failed(status);
      return Value::ofScalar(VK::Date, days);
    }
    case StdId::MathAbsInt: {
      int64_t out = 0;
      if (gai_std_status status = gai_std_math_abs_int(args[0].i, &out)) failed(status);
      return Value::ofInt(out);
    }
    case StdId::MathAbsFloat: return Value::ofFloat(gai_std_math_abs_float(args[0].f));
    case StdId::MathMinInt: return Value::ofInt(gai_std_math_min_int(args[0].i, args[1].i));
    case StdId::MathMinFloat: return Value::ofFloat(gai_std_math_min_float(args[0].f, args[1].f));
    case StdId::MathMaxInt: return Value::ofInt(gai_std_math_max_int(args[0].i, args[1].i));
    case StdId::MathMaxFloat: return Value::ofFloat(gai_std_math_max_float(args[0].f, args[1].f));
  }
  notConstant(loc, "this std function call");
}

}  // namespace gai::check
