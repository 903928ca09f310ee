// gaic test PATH... [--junit FILE] [--engine jit|interp] [--cache-dir DIR | --no-cache] [-k SUBSTRING] [--verbose]
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "cache_options.h"
#include "commands.h"
#include "compile_tests.h"
#include "testing/runner.h"
#ifdef GAI_HAVE_JIT
#include "codegen/codegen.h"
#endif

namespace gai::driver {

namespace {

struct TestArgs {
  std::vector<std::string> paths;
  std::string junit;
  std::string engine = "jit";
  std::string filter;
  bool verbose = false;
  std::string cacheDir;
  bool noCache = false;
};

bool writeText(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return false;
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  int savedErrno = errno;
  ok = std::fclose(f) == 0 && ok;
  if (!ok && errno == 0) errno = savedErrno;
  return ok;
}

#ifdef GAI_HAVE_JIT
// GAI_JIT_STATS=1: where the JIT's object code came from and where the time went. On a
// compile, optimize and codegen are summed over the partitions (and so over threads);
// "compile wall" is the elapsed time of compiling them.
void printJitStats(const codegen::JitStats& st) {
  static const char* const kFrom[] = {"compiled", "memory cache", "disk cache"};
  char partitions[64] = "";
  if (st.partitions != 0)
    std::snprintf(partitions, sizeof partitions, "; %u partitions, compile wall %.1f ms", st.partitions,
                  st.compileWallMs);
  std::fprintf(stderr,
               "gaic: JIT stats: object %s%s; total %.1f ms (setup %.1f, emit %.1f, key %.1f, load %.1f, "
               "optimize %.1f, codegen %.1f, store %.1f, link %.1f)%s%s%s\n",
               kFrom[static_cast<int>(st.hit)], st.stored ? ", stored" : "", st.totalMs, st.setupMs, st.emitMs,
               st.keyMs, st.loadMs, st.optimizeMs, st.codegenMs, st.storeMs, st.linkMs, partitions,
               st.note.empty() ? "" : "; ", st.note.c_str());
  std::fprintf(stderr, "gaic: JIT tier %u live after %.1f ms (process CPU %.1f ms)%s\n", unsigned(st.tier),
               st.tier0Ms, st.tier0CpuMs, st.tiered ? "; the optimised tier compiles in the background" : "");
}
#endif

int runTest(const TestArgs& args) {
  std::unique_ptr<interp::Compiled> compiled = compileTestsOrReport(args.paths);
  if (!compiled) return 1;
  testing::RunOptions options;
  options.filter = args.filter;
#ifdef GAI_HAVE_JIT
  std::unique_ptr<codegen::JitProgram> jit;
  if (args.engine == "jit") {
    std::string error;
    codegen::JitOptions jitOptions;
    jitOptions.tests = true;  // asserts and require arguments natively too
    // Tests start on unoptimised code; the optimised tier is compiled in the background
    // and dropped (not waited for) if the tests end first.
    jitOptions.tiering = codegen::JitOptions::Tiering::Tiered;
    if (!args.noCache) jitOptions.cacheDir = args.cacheDir.empty() ? codegen::cacheDefaultDir() : args.cacheDir;
    jit = codegen::JitProgram::create(*compiled->module, error, jitOptions);
    if (!jit) {
      std::fprintf(stderr, "gaic: cannot create the JIT: %s\n", error.c_str());
      return 1;
    }
    if (args.verbose) {
      const codegen::Coverage& cov = jit->coverage();
      std::fprintf(stderr,
                   "gaic: JIT: %u of %u rules, %u of %u exceptions, %u of %u slots and %u of %u test expressions "
                   "compiled natively\n",
                   cov.nativeRules, cov.totalRules, cov.nativeExceptions, cov.totalExceptions, cov.nativeSlots,
                   cov.totalSlots, cov.nativeExprs, cov.totalExprs);
    }
    if (const char* stats = std::getenv("GAI_JIT_STATS"); stats && *stats) printJitStats(jit->stats());
    options.evaluate = [&jit](uint32_t entry, const void* given, int64_t now, const interp::EvalOptions& eo,
                              rt::Arena& arena) { return jit->evaluate(entry, given, now, eo, arena); };
    options.evaluateExpr = [&jit](const ir::Node& node, uint32_t frameSize, uint32_t givenSlot, const void* given,
                                  int64_t now, const interp::EvalOptions& eo, rt::Arena& arena, void* out) {
      return jit->evaluateExpr(node, frameSize, givenSlot, given, now, eo, arena, out);
    };
  }
#else
  if (args.engine == "jit") std::fprintf(stderr, "gaic: this gaic was built without the JIT; using the interpreter\n");
#endif
  testing::RunResult result = testing::runTests(*compiled, options);
  std::string out;
  for (const testing::TestResult& t : result.tests) {
    if (!t.passed()) {
      out += testing::formatFailure(t);
    } else if (args.verbose) {
      out += "PASS " + t.file + ":" + std::to_string(t.pos.line) + ":" + std::to_string(t.pos.column) +
             ": test \"" + t.name + "\"\n";
    }
  }
  out += testing::formatSummary(result);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  if (!args.junit.empty()) {
    if (!writeText(args.junit, testing::junitXml(result))) {
      std::fprintf(stderr, "gaic: cannot write %s: %s\n", args.junit.c_str(), std::strerror(errno));
      return 1;
    }
  }
  return result.failed ? 1 : 0;
}

}  // namespace

void addTestCommand(CLI::App& app, Runner& run) {
  auto args = std::make_shared<TestArgs>();
  CLI::App* cmd = app.add_subcommand("test", "Run the tests of a bundle of .gai files");
  cmd->add_option("paths", args->paths, "Files and directories forming one program")->required();
  cmd->add_option("--junit", args->junit, "Also write a JUnit XML report to FILE");
  cmd->add_option("--engine", args->engine, "Evaluation engine: jit (LLVM; rules it cannot lower run in the interpreter) or interp")
      ->check(CLI::IsMember({"jit", "interp"}))
      ->capture_default_str();
  addCacheOptions(*cmd, args->cacheDir, args->noCache);
  cmd->add_option("-k,--filter", args->filter, "Run only tests whose name contains SUBSTRING");
  cmd->add_flag("-v,--verbose", args->verbose, "List every test, passing ones too");
  cmd->callback([args, &run] { run = [args] { return runTest(*args); }; });
}

}  // namespace gai::driver
