// What a Policy holds: the compiled program from bundle to IR, and its engine.
#pragma once

#include <memory>
#include <vector>

#include "api/engine.h"
#include "check/check.h"
#include "check/program.h"
#include "gai/gai.hpp"
#include "ir/ir.h"
#include "syntax/bundle.h"

namespace gai {

struct Policy::Impl {
  Engine engine = Engine::Interp;
  std::unique_ptr<syntax::Bundle> bundle;
  std::unique_ptr<check::Program> program;
  std::unique_ptr<ir::Module> module;
  std::unique_ptr<api::EngineProgram> engineProgram;
  std::vector<EntryType> entries;
  // Per entry type its rules, ascending (FiredSet::rule); per rule its position there.
  std::vector<std::vector<uint32_t>> entryRules;
  std::vector<uint32_t> ruleBit;
};

struct PolicyFactory {
  static std::shared_ptr<const Policy> make(std::unique_ptr<Policy::Impl> impl);
  static EntryType entryType(const rt::Type& type, uint32_t index);
};

}  // namespace gai
