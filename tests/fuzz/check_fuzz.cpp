// libFuzzer target: any bytes as a one-file bundle through the compiler's front end: parse,
// check (when it parses), render the diagnostics as text and JSON. A file that parses
// cleanly must also format to text that parses to the same AST (the dump without
// locations) and formats to itself. Any other outcome aborts, which libFuzzer reports.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "check/check.h"
#include "check/program.h"
#include "diagnostics/render.h"
#include "format/format.h"
#include "syntax/bundle.h"
#include "syntax/dump.h"
#include "syntax/parse.h"

namespace {

using namespace gai;

[[noreturn]] void fail(const char* what, const std::string& text, const std::string& detail) {
  std::fprintf(stderr, "check_fuzz: %s\n--- input ---\n%s\n--- detail ---\n%s\n", what, text.c_str(),
               detail.c_str());
  std::abort();
}

// The AST dump of `text`, or empty with `errors` set when it does not parse cleanly.
std::string parseDump(const std::string& text, std::string& errors) {
  SourceManager sources;
  FileId id = sources.add("fuzz.gai", text);
  DiagnosticSink diags;
  std::unique_ptr<ast::File> file = syntax::parseFile(sources, id, diags);
  if (!file || diags.hasErrors()) {
    errors = renderText(sources, diags.diagnostics());
    return {};
  }
  return syntax::dumpAst(*file, false);
}

void checkRoundTrip(const std::string& text, const ast::File& file, const SourceManager& sources) {
  std::string before = syntax::dumpAst(file, false);
  std::string once = format::formatFile(file, sources);
  std::string errors;
  std::string after = parseDump(once, errors);
  if (after.empty()) fail("formatted text does not parse", text, once + "\n" + errors);
  if (after != before) fail("formatting changed the AST", text, once + "\n" + before + "\n" + after);
  DiagnosticSink diags;
  std::string twice;
  if (!format::formatSource("fuzz.gai", once, twice, diags) || twice != once)
    fail("formatting is not idempotent", text, once + "\n---\n" + twice);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  DiagnosticSink diags;
  std::unique_ptr<syntax::Bundle> bundle = syntax::parseBundle({{"fuzz.gai", text}}, "", diags);
  if (!bundle) fail("parseBundle returned null", text, "");
  bool parsed = !diags.hasErrors() && bundle->files.size() == 1 && bundle->files[0];
  if (parsed) checkRoundTrip(text, *bundle->files[0], bundle->sources);
  if (!diags.hasErrors()) (void)check::checkBundle(*bundle, diags);
  diags.sortByLocation();
  (void)renderText(bundle->sources, diags.diagnostics());
  (void)renderJson(bundle->sources, diags.diagnostics());
  return 0;
}
