// Policy: the immutable compiled program; entry-type lookup; small free functions.
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>

#include "api/policy_impl.h"
#include "core/civil_time.h"

namespace gai {

const char* engineName(Engine engine) { return engine == Engine::Jit ? "jit" : "interp"; }

Engine defaultEngine() {
  const char* name = std::getenv("GAI_ENGINE");
  return name && std::strcmp(name, "interp") == 0 ? Engine::Interp : Engine::Jit;
}

const char* severityName(RuleSeverity severity) {
  return rt::severityName(static_cast<rt::Severity>(severity));
}

int64_t EvalOptions::currentTimeMicros() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

std::optional<int64_t> parseTimestamp(std::string_view text) {
  try {
    return rt::parseTimestamp(text);
  } catch (...) {
    return std::nullopt;
  }
}

std::shared_ptr<const Policy> PolicyFactory::make(std::unique_ptr<Policy::Impl> impl) {
  if (impl->module) {
    const ir::Module& m = *impl->module;
    impl->entryRules.assign(m.entries.size(), {});
    impl->ruleBit.assign(m.rules.size(), 0);
    for (uint32_t i = 0; i < m.rules.size(); ++i) {
      if (m.rules[i].entry >= m.entries.size()) continue;
      std::vector<uint32_t>& rules = impl->entryRules[m.rules[i].entry];
      impl->ruleBit[i] = static_cast<uint32_t>(rules.size());
      rules.push_back(i);
    }
  }
  return std::shared_ptr<const Policy>(new Policy(std::move(impl)));
}

EntryType PolicyFactory::entryType(const rt::Type& type, uint32_t index) {
  EntryType entry;
  entry.name_ = type.name;
  entry.qualifiedName_ = type.qualifiedName.empty() ? type.name : type.qualifiedName;
  entry.index_ = index;
  return entry;
}

Policy::Policy(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Policy::~Policy() = default;

Engine Policy::engine() const { return impl_->engine; }

bool Policy::waitOptimized() const {
  try {
    return !impl_->engineProgram || impl_->engineProgram->waitOptimized();
  } catch (...) {  // std::system_error from a mutex: nothing waited for
    return false;
  }
}

const std::vector<EntryType>& Policy::entryTypes() const { return impl_->entries; }

namespace {

std::string joinNames(const std::vector<const EntryType*>& entries) {
  std::string out;
  for (const EntryType* e : entries) {
    if (!out.empty()) out += ", ";
    out += e->qualifiedName();
  }
  return out;
}

}  // namespace

std::optional<EntryType> Policy::entry(std::string_view name, std::string* error) const {
  try {
    return findEntry(name, error);
  } catch (...) {
    if (error) error->clear();
    return std::nullopt;
  }
}

std::optional<EntryType> Policy::findEntry(std::string_view name, std::string* error) const {
  std::vector<const EntryType*> plain, all;
  for (const EntryType& e : impl_->entries) {
    if (e.qualifiedName() == name) return e;
    if (e.name() == name) plain.push_back(&e);
    all.push_back(&e);
  }
  if (plain.size() == 1) return *plain.front();
  if (!error) return std::nullopt;
  std::string quoted = "'" + std::string(name) + "'";
  if (plain.size() > 1) {
    *error = "entry type " + quoted + " is ambiguous; qualify it: " + joinNames(plain);
  } else if (const rt::Type* type = impl_->module->findType(std::string(name));
             type && type->kind == rt::Kind::Record) {
    *error = "record " + quoted + " is not the entry type of any rule; entry types: " + joinNames(all);
  } else {
    *error = "no entry type " + quoted + "; entry types: " + joinNames(all);
  }
  if (all.empty()) *error += "(none)";
  return std::nullopt;
}

std::vector<std::string> Policy::ruleNames() const {
  std::vector<std::string> names;
  try {
    for (const rt::RuleInfo& rule : impl_->module->table.rules) names.push_back(rule.name);
  } catch (...) {
    names.clear();
  }
  return names;
}

}  // namespace gai
