#include "decide_compare.h"

#include <cstdio>
#include <cstdlib>

#include "gai/gai.hpp"

namespace gai::fuzz {

void fail(const Case& c, const std::string& what) {
  std::fprintf(stderr, "decide_fuzz: %s\n--- program ---\n%s\n--- input ---\n", what.c_str(), c.source.c_str());
  for (const std::string& line : c.lines) std::fprintf(stderr, "%s\n", line.c_str());
  std::abort();
}

namespace {

std::string describe(const EvalResult& r) { return r.ok() ? "decision " + r.decision.json : "error " + r.error; }

// Options vary with the line: language, fail open or closed, strict input.
EvalOptions optionsFor(const Case& c, size_t line) {
  EvalOptions options;
  options.nowMicros = c.nowMicros;
  options.lang = line % 2 ? Lang::Zh : Lang::En;
  options.failOpen = (line / 2) % 2;
  options.strictInput = (line / 4) % 2;
  return options;
}

}  // namespace

bool decideBoth(const Case& c) {
  CompileOptions interpOptions;
  interpOptions.engine = Engine::Interp;
  CompileResult interp = compileSources({{"fuzz.gai", c.source}}, interpOptions);
  if (!interp.ok()) return false;
  CompileOptions jitOptions;
  jitOptions.engine = Engine::Jit;
  jitOptions.cacheDir = "";  // every fuzzed program is new: the object cache would only fill up
  CompileResult jit = compileSources({{"fuzz.gai", c.source}}, jitOptions);
  if (!jit.ok()) fail(c, "the interpreter compiles this program, the JIT does not:\n" + jit.diagnosticsText);
  const std::vector<EntryType>& entries = interp.policy->entryTypes();
  if (entries.size() != jit.policy->entryTypes().size()) fail(c, "different entry types");
  Session interpSession(interp.policy);
  Session jitSession(jit.policy);
  std::vector<std::string> lines = c.lines.empty() ? std::vector<std::string>{"{}"} : c.lines;
  for (size_t i = 0; i < lines.size(); ++i) {
    EvalOptions options = optionsFor(c, i);
    const std::string* only = i < c.entries.size() && !c.entries[i].empty() ? &c.entries[i] : nullptr;
    for (size_t k = 0; k < entries.size(); ++k) {
      const EntryType& entry = entries[k];
      if (only && entry.name() != *only) continue;
      EvalResult a = interpSession.evaluateJson(entry, lines[i], options);
      EvalResult b = jitSession.evaluateJson(jit.policy->entryTypes()[k], lines[i], options);
      if (a.error != b.error || a.decision.json != b.decision.json)
        fail(c, "line " + std::to_string(i + 1) + ", entry " + entry.name() + ":\ninterp: " + describe(a) +
                    "\njit:    " + describe(b));
    }
  }
  return true;
}

}  // namespace gai::fuzz
