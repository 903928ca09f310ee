#include "probe.h"

#include "api/policy_impl.h"
#include "core/json_bind.h"

namespace gai::bench {

struct Probe::Impl {
  std::shared_ptr<const Policy> policy;
  const ir::Module* module = nullptr;
  const rt::Type* type = nullptr;
  uint32_t entry = 0;
  std::unique_ptr<api::Evaluator> evaluator;
  rt::JsonBinder binder;
  rt::Arena storage, scratch, bindArena;
  rt::Outcome outcome;

  bool run(const void* value, int64_t nowMicros) {
    outcome.reset(module->table);
    scratch.reset();
    std::string error;
    return evaluator->evaluate(entry, value, nowMicros, rt::Lang::En, scratch, outcome, error);
  }
};

Probe::Probe(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Probe::~Probe() = default;

std::unique_ptr<Probe> Probe::create(std::shared_ptr<const Policy> policy, std::string_view entry,
                                     std::string& error) {
  std::optional<EntryType> found = policy->entry(entry, &error);
  if (!found) return nullptr;
  auto impl = std::make_unique<Impl>();
  const Policy::Impl& p = policy->impl();
  impl->module = p.module.get();
  impl->entry = found->index();
  impl->type = impl->module->entries[found->index()];
  impl->evaluator = p.engineProgram->newEvaluator();
  impl->policy = std::move(policy);
  return std::unique_ptr<Probe>(new Probe(std::move(impl)));
}

const void* Probe::bind(std::string_view json, std::string& error) {
  rt::BindError bindError;
  const void* value = impl_->binder.bind(json, *impl_->type, impl_->storage, bindError);
  if (!value) error = bindError.toString();
  return value;
}

const void* Probe::bindScratch(std::string_view json, std::string& error) {
  impl_->bindArena.reset();
  rt::BindError bindError;
  const void* value = impl_->binder.bind(json, *impl_->type, impl_->bindArena, bindError);
  if (!value) error = bindError.toString();
  return value;
}

uint64_t Probe::fired(const void* value, int64_t nowMicros) {
  if (!impl_->run(value, nowMicros)) return ~uint64_t(0);
  uint64_t bits = 0;
  const std::vector<rt::RuleOutcome>& rules = impl_->outcome.rules;
  for (size_t i = 0; i < rules.size() && i < 64; ++i)
    if (rules[i].state == rt::RuleState::Fired) bits |= uint64_t(1) << i;
  return bits;
}

uint32_t Probe::firedCount(const void* value, int64_t nowMicros) {
  if (!impl_->run(value, nowMicros)) return ~uint32_t(0);
  uint32_t n = 0;
  for (const rt::RuleOutcome& r : impl_->outcome.rules) n += r.state == rt::RuleState::Fired;
  return n;
}

std::vector<std::string> Probe::ruleNames() const {
  std::vector<std::string> names;
  for (const rt::RuleInfo& r : impl_->module->table.rules) names.push_back(r.name);
  return names;
}

}  // namespace gai::bench
