#include "difftest.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "gai/gai.hpp"

namespace gai::difftest {
namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// One evaluation setting of an input.
struct Setting {
  std::string now;
  Lang lang;
  bool failOpen;
  std::string describe() const {
    return "now=" + now + " lang=" + (lang == Lang::En ? "en" : "zh") + (failOpen ? " fail-open" : " fail-closed");
  }
};

std::string evalText(Session& session, const Policy& policy, const std::string& entry, const std::string& json,
                     const Setting& s) {
  std::string err;
  std::optional<EntryType> e = policy.entry(entry, &err);
  if (!e) return "no entry: " + err;
  EvalOptions o;
  o.nowMicros = *parseTimestamp(s.now);
  o.lang = s.lang;
  o.failOpen = s.failOpen;
  EvalResult r = session.evaluateJson(*e, json, o);
  return r.ok() ? r.decision.json : "input error: " + r.error;
}

// The verdict (Session::bind + Session::verdict: on the JIT, the native decision states) in
// a form also computed from a full decision: both must agree.
std::string verdictText(Session& session, const Policy& policy, const std::string& entry, const std::string& json,
                        const Setting& s) {
  std::optional<EntryType> e = policy.entry(entry);
  if (!e) return "no entry";
  EvalOptions o;
  o.nowMicros = *parseTimestamp(s.now);
  o.lang = s.lang;
  o.failOpen = s.failOpen;
  BoundInput in = session.bind(*e, json);
  if (!in.ok()) return "input error: " + in.error();
  Verdict v;
  if (!session.verdict(in, o, v)) return "no verdict: " + v.error;
  std::vector<std::string> names = policy.ruleNames();
  std::string out = v.effect == Effect::Deny ? "deny [" : "allow [";
  for (uint32_t i : v.fired) out += (i < names.size() ? names[i] : "?") + " ";
  return out + "] excepted " + std::to_string(v.excepted) + " errors " + std::to_string(v.errors);
}

// The same summary from a decision's JSON text (or its input error).
std::string verdictOfDecision(Session& session, const Policy& policy, const std::string& entry,
                              const std::string& json, const Setting& s) {
  std::optional<EntryType> e = policy.entry(entry);
  if (!e) return "no entry";
  EvalOptions o;
  o.nowMicros = *parseTimestamp(s.now);
  o.lang = s.lang;
  o.failOpen = s.failOpen;
  EvalResult r = session.evaluateJson(*e, json, o);
  if (!r.ok()) return "input error: " + r.error;
  std::string out = r.decision.effect == Effect::Deny ? "deny [" : "allow [";
  for (const Finding& f : r.decision.findings) out += f.rule + " ";
  size_t ruleErrors = 0;
  for (const RuleError& err : r.decision.errors) ruleErrors += !err.rule.empty();
  return out + "] excepted " + std::to_string(r.decision.excepted.size()) + " errors " + std::to_string(ruleErrors);
}

CompileResult compileWith(const std::string& source, Engine engine) {
  CompileOptions o;
  o.engine = engine;
  o.cacheDir = "";  // every program is new: the JIT's object cache would only fill up
  return compileSources({{"difftest.gai", source}}, o);
}

// Still a mismatch for this program text? (false when it no longer compiles)
bool stillDiffers(const std::string& source, const progen::Input& in, const Setting& s) {
  CompileResult a = compileWith(source, Engine::Interp), b = compileWith(source, Engine::Jit);
  if (!a.ok() || !b.ok()) return false;
  Session sa(a.policy), sb(b.policy);
  return evalText(sa, *a.policy, in.entry, in.json, s) != evalText(sb, *b.policy, in.entry, in.json, s);
}

// Deletes rules and exceptions (last first) while the mismatch persists.
std::vector<progen::Decl> shrink(std::vector<progen::Decl> decls, const progen::Input& in, const Setting& s) {
  auto join = [](const std::vector<progen::Decl>& ds) {
    std::string out;
    for (const auto& d : ds) out += d.text + "\n\n";
    return out;
  };
  for (size_t i = decls.size(); i-- > 0;) {
    if (decls[i].kind != "rule" && decls[i].kind != "exception" && decls[i].kind != "fn" && decls[i].kind != "const")
      continue;
    std::vector<progen::Decl> fewer = decls;
    fewer.erase(fewer.begin() + i);
    if (stillDiffers(join(fewer), in, s)) decls = fewer;
  }
  return decls;
}

void writeFile(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

void keepMismatch(const Config& c, uint64_t seed, const progen::Program& p, const progen::Input& in,
                  const Setting& s, const std::string& want, const std::string& got) {
  std::cerr << "MISMATCH program seed " << seed << " (replay: gai_difftest --replay " << seed << " --inputs "
            << c.inputs << " --nows " << c.nows << " --rules " << c.gen.minRules << "-" << c.gen.maxRules
            << " --depth " << c.gen.maxDepth << " --exceptions " << c.gen.maxExceptions << ")\n  entry " << in.entry << " " << s.describe() << "\n  input  " << in.json
            << "\n  interp " << want << "\n  jit    " << got << "\n";
  if (c.keepDir.empty()) return;
  std::filesystem::path dir = std::filesystem::path(c.keepDir) / ("mismatch-" + std::to_string(seed));
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  writeFile(dir / "program.gai", p.source());
  writeFile(dir / "input.jsonl", in.json + "\n");
  writeFile(dir / "setting.txt", "entry " + in.entry + " " + s.describe() + "\n");
  writeFile(dir / "interp.txt", want + "\n");
  writeFile(dir / "jit.txt", got + "\n");
  if (c.shrink) {
    std::vector<progen::Decl> small = shrink(p.decls, in, s);
    std::string text;
    for (const auto& d : small) text += d.text + "\n\n";
    writeFile(dir / "program.min.gai", text);
  }
  std::cerr << "  kept in " << dir.string() << "\n";
}

void keepRejected(const Config& c, uint64_t seed, const progen::Program& p, const std::string& diags, bool jit) {
  std::cerr << (jit ? "JIT REJECTED" : "REJECTED") << " program seed " << seed << " (a generator or checker bug)\n"
            << diags.substr(0, 2000) << "\n";
  if (c.keepDir.empty()) return;
  std::filesystem::path dir = std::filesystem::path(c.keepDir) / ("rejected-" + std::to_string(seed));
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  writeFile(dir / "program.gai", p.source());
  writeFile(dir / "diagnostics.txt", diags);
}

// Generates, compiles and compares one program. Returns false on a mismatch or rejection.
bool runProgram(const Config& c, uint64_t seed, Stats& st) {
  auto t0 = Clock::now();
  progen::SplitMixSource rng(seed);
  progen::Program p = progen::generateProgram(rng, c.gen);
  std::vector<progen::Input> inputs = progen::generateInputs(rng, p, c.inputs, c.gen);
  std::vector<Setting> settings;
  for (int i = 0; i < c.nows && i < static_cast<int>(p.nows.size()); ++i) {
    const std::string& now = p.nows[rng.next() % p.nows.size()];
    for (Lang lang : {Lang::En, Lang::Zh})
      for (bool open : {false, true}) settings.push_back({now, lang, open});
  }
  for (size_t i = 0; i < st.counts.size(); ++i) st.counts[i] += p.counts[i];
  std::string source = p.source();
  auto t1 = Clock::now();
  st.genSeconds += std::chrono::duration<double>(t1 - t0).count();
  CompileResult interp = compileWith(source, Engine::Interp);
  auto t2 = Clock::now();
  st.interpCompileSeconds += std::chrono::duration<double>(t2 - t1).count();
  ++st.programs;
  if (!interp.ok()) {
    ++st.rejected;
    keepRejected(c, seed, p, interp.diagnosticsText, false);
    return false;
  }
  st.rules += static_cast<int64_t>(interp.policy->ruleNames().size());
  CompileResult jit = compileWith(source, Engine::Jit);
  auto t3 = Clock::now();
  st.jitCompileSeconds += std::chrono::duration<double>(t3 - t2).count();
  if (!jit.ok()) {
    ++st.jitRejected;
    keepRejected(c, seed, p, jit.diagnosticsText, true);
    return false;
  }
  if (c.coverage) nativeCoverage(source, st.native);
  Session si(interp.policy), sj(jit.policy);
  bool ok = true;
  for (const progen::Input& in : inputs) {
    for (const Setting& s : settings) {
      std::string want = evalText(si, *interp.policy, in.entry, in.json, s);
      std::string got = evalText(sj, *jit.policy, in.entry, in.json, s);
      ++st.evaluations;
      if (want.rfind("input error", 0) == 0) ++st.inputErrors;
      st.withFindings += want.find("\"findings\":[]") == std::string::npos;
      st.withErrors += want.find("\"errors\":[]") == std::string::npos;
      st.withExcepted += want.find("\"excepted\":[]") == std::string::npos;
      if (want == got && c.verdicts) {
        want = "verdict " + verdictOfDecision(si, *interp.policy, in.entry, in.json, s);
        got = "verdict " + verdictText(sj, *jit.policy, in.entry, in.json, s);
        std::string ref = "verdict " + verdictText(si, *interp.policy, in.entry, in.json, s);
        if (want == got && ref != want) got = ref + " (the interpreter's own verdict)";
      }
      if (want == got) continue;
      ++st.mismatches;
      keepMismatch(c, seed, p, in, s, want, got);
      ok = false;
      break;
    }
    if (!ok) break;
  }
  st.evalSeconds += since(t3);
  if (c.verbose) std::cerr << "program " << seed << ": " << (ok ? "ok" : "MISMATCH") << "\n";
  return ok;
}

}  // namespace

namespace {

std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

// "entry R now=T lang=en fail-closed"
bool parseSetting(const std::string& text, std::string& entry, Setting& s) {
  std::istringstream in(text);
  std::string word, now, lang, mode;
  if (!(in >> word >> entry >> now >> lang >> mode) || word != "entry") return false;
  if (now.rfind("now=", 0) != 0 || lang.rfind("lang=", 0) != 0) return false;
  s.now = now.substr(4);
  s.lang = lang == "lang=zh" ? Lang::Zh : Lang::En;
  s.failOpen = mode == "fail-open";
  return parseTimestamp(s.now).has_value();
}

}  // namespace

int runRepro(const std::string& dirName) {
  std::filesystem::path dir(dirName);
  std::string source = readFile(dir / "program.gai"), want = readFile(dir / "expected.txt");
  progen::Input in{"", readFile(dir / "input.jsonl")};
  Setting s;
  if (!parseSetting(readFile(dir / "setting.txt"), in.entry, s)) {
    std::cerr << dirName << ": bad setting.txt\n";
    return 1;
  }
  int rc = 0;
  for (Engine engine : {Engine::Interp, Engine::Jit}) {
    CompileResult r = compileWith(source, engine);
    if (!r.ok()) {
      std::cerr << dirName << ": " << engineName(engine) << " does not compile it:\n" << r.diagnosticsText;
      rc = 1;
      continue;
    }
    Session session(r.policy);
    std::string got = evalText(session, *r.policy, in.entry, in.json, s);
    if (got == want) continue;
    std::cerr << dirName << ": " << engineName(engine) << " gives\n  " << got << "\nexpected\n  " << want << "\n";
    rc = 1;
  }
  if (rc == 0) std::cout << dirName << ": both engines give the expected decision\n";
  return rc;
}

int run(const Config& c, Stats& st) {
  auto start = Clock::now();
  bool ok = true;
  if (c.replay) {
    ok = runProgram(c, c.replay, st);
  } else {
    for (int64_t i = 0; c.programs == 0 || i < c.programs; ++i) {
      if (c.seconds > 0 && since(start) >= c.seconds) break;
      ok = runProgram(c, progen::programSeed(c.seed, static_cast<uint64_t>(i)), st) && ok;
    }
  }
  st.totalSeconds = since(start);
  return ok ? 0 : 1;
}

}  // namespace gai::difftest
