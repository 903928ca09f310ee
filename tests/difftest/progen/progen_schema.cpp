// The schema of a generated program (enums, records) and JSON inputs for its entry types.
#include <string>

#include "progen_impl.h"

namespace gai::progen {
namespace {

const std::vector<std::string> kMemberWords = {"alpha", "beta", "gamma", "delta", "text", "image", "high",
                                               "low",   "title", "red",  "green", "blue", "other", "cac",
                                               "en",    "zh",    "info", "audio", "video", "item"};
const std::vector<std::string> kFieldWords = {"title", "size", "en", "zh", "lines", "items", "severity", "by",
                                              "error", "para"};

void note(ConstructCounts& c, Construct k) { ++c[static_cast<size_t>(k)]; }

Type scalarType(Rand& r, const Schema& s) {
  uint64_t k = r.below(s.enums.empty() ? 7 : 9);
  if (k >= 7) return Type::of(Kind::Enum, static_cast<int>(r.below(s.enums.size())));
  return Type::of(static_cast<Kind>(k));
}

Type setElemType(Rand& r, const Schema& s) {
  switch (r.below(6)) {
    case 0: return Type::of(Kind::String);
    case 1: return Type::of(Kind::Float);
    case 2: return Type::of(Kind::Date);
    case 3:
    case 4:
      if (!s.enums.empty()) return Type::of(Kind::Enum, static_cast<int>(r.below(s.enums.size())));
      return Type::of(Kind::String);
    default: return Type::of(Kind::Int);
  }
}

std::string defaultFor(Rand& r, const Schema& s, const Type& t) {
  switch (t.kind) {
    case Kind::Bool: return r.chance(50) ? "true" : "false";
    case Kind::Int: return r.pick(kIntLits);
    case Kind::Float: return r.pick(kFloatLits);
    case Kind::String: return quoteGai(r.pick(kStringLits), r.chance(20));
    case Kind::Date: return r.pick(kDateLits);
    case Kind::Duration: return r.pick(kDurationLits);
    case Kind::Enum: return s.enums[t.id].name + "." + r.pick(s.enums[t.id].members);
    case Kind::List: return "[]";
    case Kind::Set: return "{}";
    case Kind::Opt: return "none";
    default: return "";
  }
}

}  // namespace

Type randomFieldType(Rand& r, const Schema& s, int maxRecord, int depth) {
  uint64_t k = r.below(20);
  if (k < 9 || depth > 1) return scalarType(r, s);
  if (k < 11 && maxRecord > 0) return Type::of(Kind::Record, static_cast<int>(r.below(maxRecord)));
  if (k < 14) {
    Type e = r.chance(30) && maxRecord > 0 ? Type::of(Kind::Record, static_cast<int>(r.below(maxRecord)))
                                           : scalarType(r, s);
    return Type::wrap(Kind::List, e);
  }
  if (k < 16) return Type::wrap(Kind::Set, setElemType(r, s));
  Type inner = randomFieldType(r, s, maxRecord, depth + 1);
  return inner.kind == Kind::Opt ? inner : Type::wrap(Kind::Opt, inner);
}

void generateSchema(Rand& r, Schema& s, const Options& o, ConstructCounts& counts) {
  int nEnums = 1 + static_cast<int>(r.below(3));
  for (int i = 0; i < nEnums; ++i) {
    EnumDecl e{"E" + std::to_string(i), {}};
    if (r.chance(6)) {
      for (int m = 0; m < 70; ++m) e.members.push_back("k" + std::to_string(m));
      note(counts, Construct::BigEnum);
    } else {
      size_t n = 2 + r.below(5), start = r.below(kMemberWords.size());
      for (size_t m = 0; m < n; ++m) e.members.push_back(kMemberWords[(start + m) % kMemberWords.size()]);
    }
    s.enums.push_back(e);
  }
  int nRecords = 2 + static_cast<int>(r.below(o.maxRecords));
  for (int i = 0; i < nRecords; ++i) {
    RecordDecl rec{"R" + std::to_string(i), {}};
    bool entry = i >= nRecords - 2;  // entry types read many kinds of values
    int nFields = entry ? 9 + static_cast<int>(r.below(6)) : 1 + static_cast<int>(r.below(i == 0 ? 4 : 7));
    for (int f = 0; f < nFields; ++f) {
      Field field;
      field.name = r.chance(8) ? kFieldWords[r.below(kFieldWords.size())] + std::to_string(f)
                               : "f" + std::to_string(f);
      field.type = entry && r.chance(60) ? Type::of(static_cast<Kind>(r.below(7))) : randomFieldType(r, s, i, 0);
      if (entry && field.type.isScalar() && r.chance(30)) field.type = Type::wrap(Kind::Opt, field.type);
      if (field.type.kind != Kind::Record && r.chance(25)) field.defaultExpr = defaultFor(r, s, field.type);
      if (!field.defaultExpr.empty() && (field.type.kind == Kind::List || field.type.kind == Kind::Set))
        note(counts, Construct::EmptyCollection);
      rec.fields.push_back(field);
    }
    s.records.push_back(rec);
  }
}

// ---------------------------------------------------------------- JSON inputs
namespace {

const std::vector<std::string> kJsonInts = {"0", "1", "-1", "2", "7", "-7", "3", "100", "9223372036854775807",
                                            "-9223372036854775808", "4611686018427387904", "3037000500",
                                            "-4611686018427387904", "9223372036854775806"};
const std::vector<std::string> kJsonFloats = {"0", "-0.0", "1.5", "0.1", "1e308", "-1e308", "2.5e-7", "3",
                                              "1e21", "-2.25", "100000000000000000000000", "0.5"};
const std::vector<std::string> kJsonStrings = {"\"\"",         "\"a\"",       "\"AbC\"",       "\"生成式AI\"",
                                               "\"éÉ\"",       "\"İstanbul\"", "\"x\\\"y\"",    "\"😀\"",
                                               "\"abc\"",      "\"ABC\"",     "\"水印去除\"", "\"Straße\"",
                                               "\"\\u00e9\"",  "\"ab\"",      "\"ΣΑΣ\"",      "\"ﬁ\"",
                                               "\"\\u212Aelvin\"", "\"\u212AELVIN\"", "\"KELVIN\"", "\"ISTANBUL\""};
const std::vector<std::string> kJsonDates = {"2024-01-01", "2023-12-31", "2024-02-29", "0001-01-01",
                                             "9999-12-31", "2025-03-15", "1970-01-01", "2024-03-01"};
const std::vector<std::string> kJsonTimestamps = {
    "2024-01-01T00:00:00Z", "2023-12-31T16:00:00Z",      "2023-12-31T23:59:59+08:00", "1970-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z",      "2024-02-29T12:30:00.25Z",   "2025-03-15T08:00:00-05:00",
    "2025-03-14T16:00:00Z", "2024-02-28T15:59:59.999999Z"};
const std::vector<std::string> kJsonDurations = {"0s", "1s", "1d", "-2h", "1d12h", "90m", "36h", "-1d", "15d",
                                                 "100000d", "-100000d", "59s"};

struct JsonGen {
  Rand& r;
  const Schema& s;
  ConstructCounts& counts;

  std::string value(const Type& t, int depth);
  std::string object(int rec, int depth, int breakField, int how);
};

std::string JsonGen::value(const Type& t, int depth) {
  switch (t.kind) {
    case Kind::Bool: return r.chance(50) ? "true" : "false";
    case Kind::Int: return r.chance(20) ? std::to_string(static_cast<int64_t>(r.next() % 2001) - 1000) : r.pick(kJsonInts);
    case Kind::Float: return r.pick(kJsonFloats);
    case Kind::String: return r.pick(kJsonStrings);
    case Kind::Date: return "\"" + r.pick(kJsonDates) + "\"";
    case Kind::Timestamp: return "\"" + r.pick(kJsonTimestamps) + "\"";
    case Kind::Duration: return "\"" + r.pick(kJsonDurations) + "\"";
    case Kind::Enum: return "\"" + r.pick(s.enums[t.id].members) + "\"";
    case Kind::Record: return object(t.id, depth + 1, -1, 0);
    case Kind::List:
    case Kind::Set: {
      std::string out = "[";
      size_t n = r.below(depth > 2 ? 2 : 4);
      for (size_t i = 0; i < n; ++i) out += (i ? "," : "") + value(t.inner(), depth + 1);
      if (t.kind == Kind::Set && n > 0 && r.chance(20)) {
        note(counts, Construct::InputDuplicateSet);
        out += "," + out.substr(1);
      }
      return out + "]";
    }
    case Kind::Opt: return value(t.inner(), depth);
  }
  return "null";
}

// `breakField` >= 0: that field gets violation `how`.
std::string JsonGen::object(int rec, int depth, int breakField, int how) {
  const RecordDecl& d = s.records[rec];
  std::string out = "{";
  bool first = true;
  for (size_t i = 0; i < d.fields.size(); ++i) {
    const Field& f = d.fields[i];
    bool optional = f.type.kind == Kind::Opt || !f.defaultExpr.empty();
    std::string v;
    if (static_cast<int>(i) == breakField) {
      if (how == 0) continue;  // missing (an error only if required)
      static const std::vector<std::string> bad = {"null", "\"2023-02-30\"", "1.5", "\"nosuchmember\"", "[1,",
                                                   "9223372036854775808", "{}", "\"1x\"", "true"};
      v = bad[how % bad.size()];
    } else if (optional && r.chance(30)) {
      continue;
    } else if (f.type.kind == Kind::Opt && r.chance(15)) {
      note(counts, Construct::InputOptionalNull);
      v = "null";
    } else {
      v = value(f.type, depth);
    }
    out += (first ? "\"" : ",\"") + f.name + "\":" + v;
    first = false;
    if (static_cast<int>(i) == breakField && how == 1) out += ",\"" + f.name + "\":" + v;  // duplicate key
  }
  if (r.chance(10)) out += first ? "\"unknown_field\":[1,{\"x\":null}]" : ",\"unknown_field\":1";
  return out + "}";
}

}  // namespace

std::string inputJson(Rand& r, const Schema& s, int record, int violationPct, ConstructCounts& counts) {
  JsonGen g{r, s, counts};
  if (!r.chance(violationPct)) return g.object(record, 0, -1, 0);
  note(counts, Construct::InputViolation);
  switch (r.below(6)) {
    case 0: return r.chance(50) ? "" : "[1,2]";
    case 1: return "{\"a\":";
    default: {
      int field = static_cast<int>(r.below(s.records[record].fields.size()));
      return g.object(record, 0, field, static_cast<int>(r.below(10)));
    }
  }
}

}  // namespace gai::progen
