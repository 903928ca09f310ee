// Graph checks: recursive records, the dependency graph, the rule table, unused names.
#include <algorithm>
#include <functional>

#include "check/checker.h"

namespace gai::check {

namespace {
// The records a type contains directly (through optionals, lists and sets).
const ast::RecordDecl* containedRecord(const Type* t) {
  while (t && (t->isOptional() || t->isCollection())) t = t->elem();
  return t && t->is(TypeKind::Record) ? t->recordDecl() : nullptr;
}
}  // namespace

void Checker::checkRecordCycles() {
  // state: 0 unvisited, 1 on stack, 2 done.
  std::unordered_map<const ast::RecordDecl*, int> state;
  std::vector<const ast::RecordDecl*> stack;
  std::function<void(const ast::RecordDecl*)> visit = [&](const ast::RecordDecl* r) {
    state[r] = 1;
    stack.push_back(r);
    for (const ast::FieldDecl& f : r->fields) {
      const ast::RecordDecl* next = f.type ? containedRecord(f.type->resolved) : nullptr;
      if (!next) continue;
      if (state[next] == 1) {
        auto from = std::find(stack.begin(), stack.end(), next);
        std::string path;
        for (auto it = from; it != stack.end(); ++it) path += (*it)->name.name + " -> ";
        path += next->name.name;
        diags_.emit(DiagId::RecursiveRecord, next->name.loc, next->name.name)
            .withHelp("the cycle is " + path + "; a record value must be finite")
            .withNote(f.loc, "'" + r->name.name + "' contains it here");
      } else if (state[next] == 0) {
        visit(next);
      }
    }
    stack.pop_back();
    state[r] = 2;
  };
  for (const ast::Decl* d : prog_.decls_) {
    auto* r = d->as<ast::RecordDecl>();
    if (r && state[r] == 0) visit(r);
  }
}

// Tarjan's strongly connected components; each cycle is reported once, at the component's
// first declaration in declaration order, spelled from there.
void Checker::checkDependencyCycles() {
  std::unordered_map<const ast::Decl*, size_t> order;
  for (size_t i = 0; i < prog_.decls_.size(); ++i) order[prog_.decls_[i]] = i;
  std::unordered_map<const ast::Decl*, int> index, low;
  std::unordered_set<const ast::Decl*> onStack;
  std::vector<const ast::Decl*> stack;
  std::vector<std::vector<const ast::Decl*>> components;
  int counter = 0;
  std::function<void(const ast::Decl*)> connect = [&](const ast::Decl* v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    onStack.insert(v);
    for (const auto& [w, loc] : edges_[v]) {
      if (!index.count(w)) {
        connect(w);
        low[v] = std::min(low[v], low[w]);
      } else if (onStack.count(w)) {
        low[v] = std::min(low[v], index[w]);
      }
    }
    if (low[v] != index[v]) return;
    std::vector<const ast::Decl*> comp;
    const ast::Decl* w = nullptr;
    do {
      w = stack.back();
      stack.pop_back();
      onStack.erase(w);
      comp.push_back(w);
    } while (w != v);
    components.push_back(std::move(comp));
  };
  for (const ast::Decl* d : prog_.decls_) {
    if (!index.count(d)) connect(d);
  }
  for (auto& comp : components) {
    std::sort(comp.begin(), comp.end(), [&](auto* a, auto* b) { return order[a] < order[b]; });
  }
  std::sort(components.begin(), components.end(),
            [&](const auto& a, const auto& b) { return order[a.front()] < order[b.front()]; });
  for (auto& comp : components) {
    std::unordered_set<const ast::Decl*> members(comp.begin(), comp.end());
    const ast::Decl* first = *std::min_element(comp.begin(), comp.end(), [&](auto* a, auto* b) {
      return order[a] < order[b];
    });
    bool selfLoop = std::any_of(edges_[first].begin(), edges_[first].end(),
                                [&](const auto& e) { return e.first == first; });
    if (comp.size() == 1 && !selfLoop) continue;
    onCycle_.insert(comp.begin(), comp.end());
    // Shortest path back to `first` inside the component (BFS), for the message.
    std::unordered_map<const ast::Decl*, const ast::Decl*> parent;
    std::vector<const ast::Decl*> queue{first};
    const ast::Decl* last = nullptr;
    Loc closing;
    for (size_t qi = 0; qi < queue.size() && !last; ++qi) {
      for (const auto& [w, loc] : edges_[queue[qi]]) {
        if (!members.count(w)) continue;
        if (w == first) {
          last = queue[qi];
          closing = loc;
          break;
        }
        if (parent.count(w)) continue;
        parent[w] = queue[qi];
        queue.push_back(w);
      }
    }
    std::vector<const ast::Decl*> path;
    for (const ast::Decl* p = last; p && p != first; p = parent[p]) path.push_back(p);
    path.push_back(first);
    std::reverse(path.begin(), path.end());
    std::string text;
    for (const ast::Decl* p : path) text += p->name.name + " -> ";
    text += first->name.name;
    auto& d = diags_.emit(DiagId::DependencyCycle, first->name.loc, text);
    if (closing.valid()) d.withNote(closing, "'" + (last ? last->name.name : first->name.name) + "' depends on '" + first->name.name + "' here");
  }
}

void Checker::buildRuleTable() {
  for (const ast::Decl* d : prog_.decls_) {
    auto* rl = dynamic_cast<const ast::RuleLike*>(d);
    if (!rl || duplicates_.count(d)) continue;
    RuleInfo info;
    info.decl = rl;
    info.isException = d->kind == ast::DeclKind::Exception;
    info.entry = rl->param.type && rl->param.type->resolved ? rl->param.type->resolved : types_.error();
    if (rl->effective) {
      info.effectiveFrom = rl->effective->fromDays;
      info.effectiveUntil = rl->effective->untilDays;
    }
    prog_.ruleIndex_[d] = static_cast<int>(prog_.rules_.size());
    prog_.rules_.push_back(info);
  }
  for (uint32_t i = 0; i < prog_.rules_.size(); ++i) {
    auto* ex = prog_.rules_[i].decl->as<ast::ExceptionDecl>();
    if (!ex) continue;
    for (const ast::Decl* target : ex->targetDecls) {
      int t = prog_.ruleIndex(target);
      if (t < 0) continue;
      prog_.rules_[i].targets.push_back(static_cast<uint32_t>(t));
      prog_.rules_[t].exceptedBy.push_back(i);
    }
  }
}

void Checker::reportUnused() {
  for (const ast::Decl* d : prog_.decls_) {
    if (used_.count(d) || duplicates_.count(d)) continue;
    switch (d->kind) {
      case ast::DeclKind::Fn: diags_.emit(DiagId::UnusedFn, d->name.loc, d->name.name); break;
      case ast::DeclKind::Const: diags_.emit(DiagId::UnusedConst, d->name.loc, d->name.name); break;
      case ast::DeclKind::Action: diags_.emit(DiagId::UnusedAction, d->name.loc, d->name.name); break;
      default: break;
    }
  }
  for (const FileScope& scope : files_) {
    for (const ast::Import& import : scope.file->imports) {
      if (import.path.parts.empty()) continue;
      auto it = scope.imports.find(import.visibleName());
      if (it == scope.imports.end() || it->second.import != &import || it->second.used) continue;
      diags_.emit(DiagId::UnusedImport, import.loc, it->first);
    }
  }
}

}  // namespace gai::check
