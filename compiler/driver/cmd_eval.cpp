// gaic eval PATH... --entry T [--input F|-] [--now TS] [--lang en|zh] [--fail-open] [--strict-input]
//           [--engine jit|interp] [--cache-dir DIR | --no-cache] [-j N] [--max-line-bytes N]
//           [--max-json-depth N] [--max-string-bytes N] [--max-array-elements N] [--max-source-bytes N] ...
//
// JSON lines in, exactly one line out per input line, in order: the decision JSON, or
// {"line":N,"error":"..."} for an input error. Memory stays constant whatever the input
// size: input is read in fixed blocks, a line is kept only up to the binder's document
// limit (a longer one is skipped to its end and reported), and the session's arena is
// rewound for every line. Output is flushed whenever more input must be read, so a host
// feeding lines through a pipe gets each answer at once. `-j N` evaluates on N threads
// (eval_parallel.h) with the same output.
#include <CLI/CLI.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "cache_options.h"
#include "commands.h"
#include "eval_parallel.h"
#include "limit_options.h"
#include "line_reader.h"
#include "core/decision.h"
#include "core/json_bind.h"
#include "gai/gai.hpp"

namespace gai::driver {

namespace {

struct EvalArgs {
  std::vector<std::string> paths;
  std::string entry;
  std::string input = "-";
  std::string now;
  std::string lang = "en";
  bool failOpen = false;
  bool strictInput = false;
  std::string engine = "jit";
  std::string cacheDir;
  bool noCache = false;
  unsigned jobs = 1;
  EvalOptions limits;  // only the input limits are read
  syntax::ParseLimits sourceLimits;
};

class Progress {
 public:
  Progress() : enabled_(::isatty(2) == 1), last_(std::chrono::steady_clock::now()) {}
  void tick(uint64_t lines) {
    if (!enabled_ || (lines & 1023) != 0) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(500)) return;
    last_ = now;
    std::fprintf(stderr, "\rgaic eval: %llu lines", static_cast<unsigned long long>(lines));
    shown_ = true;
  }
  void done() {
    if (shown_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_;
};

int usage(const std::string& message) {
  std::fprintf(stderr, "gaic eval: %s\n", message.c_str());
  return 2;
}

bool makeOptions(const EvalArgs& args, EvalOptions& options, std::string& error) {
  if (!args.now.empty()) {
    std::optional<int64_t> now = parseTimestamp(args.now);
    if (!now) {
      error = "--now: malformed timestamp '" + args.now + "'; expected RFC 3339, e.g. 2024-03-01T08:00:00Z";
      return false;
    }
    options.nowMicros = *now;
  }
  options.lang = args.lang == "zh" ? Lang::Zh : Lang::En;
  options.failOpen = args.failOpen;
  options.strictInput = args.strictInput;
  copyInputLimits(args.limits, options);
  return true;
}

// Evaluates every line of `fd`; returns the exit code.
int evalLines(LineReader& reader, Session& session, const EntryType& entry, const EvalOptions& options) {
  Progress progress;
  std::string line, out, error;
  bool anyInputError = false, writeFailed = false;
  uint64_t lineNo = 0;
  auto flush = [&] {
    if (!out.empty() && !writeAll(out)) writeFailed = true;
    out.clear();
  };
  bool tooLong = false;
  while (!writeFailed && reader.next(line, tooLong, flush)) {
    ++lineNo;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    bool ok = false;
    if (tooLong) {
      error = rt::inputTooLongMessage(options.maxInputBytes);
    } else {
      ok = session.evaluateJsonTo(entry, line, options, out, error);
    }
    if (ok) {
      out += '\n';
    } else {
      anyInputError = true;
      out += rt::inputErrorJson(lineNo, error);
      out += '\n';
    }
    if (out.size() >= kFlushBytes) flush();
    progress.tick(lineNo);
  }
  flush();
  progress.done();
  if (!reader.readError().empty()) {
    std::fprintf(stderr, "gaic eval: reading input: %s\n", reader.readError().c_str());
    return 1;
  }
  if (writeFailed) {
    std::fprintf(stderr, "gaic eval: writing output: %s\n", std::strerror(errno));
    return 1;
  }
  return anyInputError ? 1 : 0;
}

int runEval(const EvalArgs& args) {
  EvalOptions options;
  std::string error;
  if (!makeOptions(args, options, error)) return usage(error);
  int fd = 0;
  if (args.input != "-") {
    fd = ::open(args.input.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return usage("cannot open input '" + args.input + "': " + std::strerror(errno));
  }
  CompileOptions compileOptions;
  compileOptions.engine = args.engine == "jit" ? Engine::Jit : Engine::Interp;
  compileOptions.maxSourceBytes = args.sourceLimits.maxSourceBytes;
  compileOptions.maxBundleBytes = args.sourceLimits.maxBundleBytes;
  compileOptions.maxNesting = args.sourceLimits.maxNesting;
  compileOptions.maxDeclarations = args.sourceLimits.maxDecls;
  if (args.noCache) compileOptions.cacheDir.clear();
  else if (!args.cacheDir.empty()) compileOptions.cacheDir = args.cacheDir;
  CompileResult compiled = compile(args.paths, compileOptions);
  std::fwrite(compiled.diagnosticsText.data(), 1, compiled.diagnosticsText.size(), stderr);
  if (!compiled.ok()) return 1;
  std::optional<EntryType> entry = compiled.policy->entry(args.entry, &error);
  if (!entry) return usage("--entry: " + error);
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);  // fails harmlessly on a pipe
  int code = 0;
  if (args.jobs > 1) {
    code = evalLinesParallel(fd, compiled.policy, *entry, options, args.jobs);
  } else {
    LineReader reader(fd, options.maxInputBytes);
    Session session(compiled.policy);
    code = evalLines(reader, session, *entry, options);
  }
  if (fd != 0) ::close(fd);
  // A JIT compile that missed the cache went on optimising in the background (the lines
  // were evaluated on unoptimised code until then): let it end, so that it is cached for
  // the next run rather than cancelled at exit. The output is written already.
  if (!compileOptions.cacheDir.empty()) compiled.policy->waitOptimized();
  return code;
}

}  // namespace

bool writeAll(const std::string& out) {
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::write(1, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += size_t(n);
  }
  return true;
}

void addEvalCommand(CLI::App& app, Runner& run) {
  auto args = std::make_shared<EvalArgs>();
  CLI::App* cmd = app.add_subcommand("eval", "Evaluate JSON lines of an entry type into decisions");
  cmd->add_option("paths", args->paths, "Files and directories forming one program")->required();
  cmd->add_option("--entry", args->entry, "Entry record type (package-qualified when ambiguous)")->required();
  cmd->add_option("--input", args->input, "JSON-lines file, or - for standard input")->capture_default_str();
  cmd->add_option("--now", args->now, "Evaluation instant, RFC 3339 (default: the current time)");
  cmd->add_option("--lang", args->lang, "Message language")
      ->check(CLI::IsMember({"en", "zh"}))
      ->capture_default_str();
  cmd->add_flag("--fail-open", args->failOpen, "An errored deny rule does not deny");
  cmd->add_flag("--strict-input", args->strictInput, "Unknown input fields are errors");
  cmd->add_option("--engine", args->engine, "Evaluation engine: jit (LLVM; rules it cannot lower run in the interpreter) or interp")
      ->check(CLI::IsMember({"jit", "interp"}))
      ->capture_default_str();
  addInputLimitOptions(*cmd, args->limits);
  addSourceLimitOptions(*cmd, args->sourceLimits);
  addCacheOptions(*cmd, args->cacheDir, args->noCache);
  cmd->add_option("-j,--jobs", args->jobs, "Worker threads (output stays in input order)")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  cmd->callback([args, &run] { run = [args] { return runEval(*args); }; });
}

}  // namespace gai::driver
