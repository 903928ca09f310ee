// Embedding gai in a C++ host: compile a policy once, evaluate events from JSON and from
// typed input, read the decisions.
//
//   embed_cpp                       the inline demo policy and three built-in events
//   embed_cpp DIR ENTRY < events    any bundle; one JSON event per stdin line
#include <gai/gai.hpp>

#include <iostream>
#include <string>

namespace {

const char* kPolicy = R"(package demo

enum Modality { text, image, video }

record Output {
  modality: Modality
  explicit_label: bool = false
}

record Event {
  user_age: int
  output: Output
}

action add_explicit_label

rule unlabeled_media(e: Event) {
  title    en "Synthetic media must carry an explicit label" zh "合成媒体须有显式标识"
  cites    "Labeling Measures Art. 4"
  severity high
  when     e.output.modality != text and not e.output.explicit_label
  then     deny, require add_explicit_label
  message  en "AI-generated {e.output.modality} lacks an explicit label"
           zh "生成的{e.output.modality}内容缺少显式标识"
}

rule minor_user(e: Event) {
  title "Minor user"
  when  e.user_age < 18
  then  flag
}
)";

void print(const gai::EvalResult& result) {
  if (!result.ok()) {
    std::cout << "input error: " << result.error << "\n";
    return;
  }
  const gai::Decision& d = result.decision;
  std::cout << (d.effect == gai::Effect::Deny ? "DENY " : "ALLOW") << " " << d.json << "\n";
  for (const gai::Finding& f : d.findings)
    std::cout << "  " << f.rule << " [" << gai::severityName(f.severity) << "] " << f.message << "\n";
}

int runStdin(const std::string& dir, const std::string& entryName) {
  gai::CompileResult compiled = gai::compile({dir});
  std::cerr << compiled.diagnosticsText;
  if (!compiled.ok()) return 1;
  std::string error;
  std::optional<gai::EntryType> entry = compiled.policy->entry(entryName, &error);
  if (!entry) {
    std::cerr << error << "\n";
    return 2;
  }
  gai::Session session(compiled.policy);
  gai::EvalOptions options;  // now = the current time
  for (std::string line; std::getline(std::cin, line);) print(session.evaluateJson(*entry, line, options));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3) return runStdin(argv[1], argv[2]);
  gai::CompileResult compiled = gai::compileSources({{"demo.gai", kPolicy}});
  if (!compiled.ok()) {
    std::cerr << compiled.diagnosticsText;
    return 1;
  }
  std::shared_ptr<const gai::Policy> policy = compiled.policy;  // immutable, shareable
  for (const gai::EntryType& e : policy->entryTypes()) std::cout << "entry type: " << e.qualifiedName() << "\n";
  gai::EntryType event = *policy->entry("Event");

  gai::Session session(policy);  // one per thread
  gai::EvalOptions options;
  options.nowMicros = *gai::parseTimestamp("2025-10-01T12:00:00+08:00");
  print(session.evaluateJson(event, R"({"user_age":30,"output":{"modality":"text"}})", options));
  print(session.evaluateJson(event, R"({"user_age":16,"output":{"modality":"image"}})", options));
  print(session.evaluateJson(event, R"({"user_age":16,"output":{"modality":"picture"}})", options));

  gai::Input input = session.input(event);  // typed input, no JSON
  input.setInt("user_age", 40);
  input.setEnum("output.modality", "video");
  options.lang = gai::Lang::Zh;
  print(session.evaluate(input, options));
  return 0;
}
