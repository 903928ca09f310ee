// ir::print: a stable, readable dump of a module for golden tests and debugging.
#include <cstdio>

#include "check/program.h"
#include "core/civil_time.h"
#include "core/value_render.h"
#include "ir/ir.h"
#include "std.h"

namespace gai::ir {

namespace {

const char* cmpName(Cmp c) {
  switch (c) {
    case Cmp::Lt: return "<";
    case Cmp::Le: return "<=";
    case Cmp::Gt: return ">";
    case Cmp::Ge: return ">=";
  }
  return "?";
}

const char* iterName(Iter i) {
  switch (i) {
    case Iter::List: return "list";
    case Iter::SliceSet: return "slice-set";
    case Iter::BitSet: return "bitset";
  }
  return "?";
}

class Printer {
 public:
  explicit Printer(const Module& m) : m_(m) {}

  void node(const Node* n, int depth) {
    indent(depth);
    out_ += '(';
    out_ += opName(n->op);
    out_ += ' ';
    out_ += n->type ? rt::typeName(*n->type) : "none";
    details(*n);
    for (const Node* k : n->kids) {
      out_ += '\n';
      node(k, depth + 1);
    }
    out_ += ')';
  }

  void details(const Node& n) {
    switch (n.op) {
      case Op::Const:
        out_ += " #" + std::to_string(n.index) + " = " + rt::renderValue(*n.type, m_.constants[n.index].bytes, true);
        break;
      case Op::Local:
      case Op::Let: out_ += " slot " + std::to_string(n.slot); break;
      case Op::Field:
      case Op::OptField: {
        const rt::Type* rec = n.kids[0]->type;
        if (rec->kind == rt::Kind::Optional) rec = rec->element;
        out_ += " ." + rec->fields[n.index].name + " @" + std::to_string(n.offset);
        break;
      }
      case Op::MakeRecord:
        out_ += " fields";
        for (uint32_t f : n.fieldIndexes) out_ += " " + n.type->fields[f].name;
        break;
      case Op::With:
        for (const WithUpdate& u : n.updates) {
          out_ += " ";
          for (size_t i = 0; i < u.names.size(); ++i) out_ += (i ? "." : "") + u.names[i];
        }
        break;
      case Op::CmpInt:
      case Op::CmpFloat:
      case Op::CmpStr:
      case Op::CmpDate: out_ += std::string(" ") + cmpName(n.cmp); break;
      case Op::Any:
      case Op::All:
      case Op::Count:
      case Op::SumInt:
      case Op::SumFloat: out_ += std::string(" ") + iterName(n.iter) + " slot " + std::to_string(n.slot); break;
      case Op::CallFn: out_ += " " + m_.fns[n.index].name; break;
      case Op::CallStd: {
        const check::StdFn& fn = check::stdFunctions()[n.index];
        out_ += std::string(" ") + fn.module + "." + fn.name + " (" + fn.id + ")";
        bool regex = false;
        for (check::StdParam p : fn.params) regex = regex || p == check::StdParam::Pattern;
        if (n.prepared >= 0) out_ += (regex ? " regex " : " terms ") + std::to_string(n.prepared);
        if (n.prepared >= 0 && !regex && gai_terms_lowered(m_.terms[size_t(n.prepared)])) out_ += " (of text.lower)";
        break;
      }
      case Op::RuleRef: out_ += " " + m_.rules[n.index].name; break;
      default: break;
    }
  }

  void rule(const RuleCode& r, const rt::RuleInfo* info) {
    out_ += r.isException ? "exception " : "rule ";
    out_ += r.name + "(" + m_.entries[r.entry]->qualifiedName + " slot " + std::to_string(r.paramSlot) +
            ") frame " + std::to_string(r.frameSize) + "\n";
    if (r.fromMicros != INT64_MIN) out_ += "  from " + rt::formatTimestamp(r.fromMicros) + "\n";
    if (r.untilMicros != INT64_MAX) out_ += "  before " + rt::formatTimestamp(r.untilMicros) + "\n";
    for (uint32_t e : r.exceptedBy) out_ += "  excepted by " + m_.exceptions[e].name + "\n";
    for (auto [isEx, i] : r.targets) out_ += "  for " + (isEx ? m_.exceptions[i].name : m_.rules[i].name) + "\n";
    if (info) ruleInfo(*info);
    out_ += "  when\n";
    node(r.when, 2);
    out_ += '\n';
    for (size_t i = 0; i < r.slots.size(); ++i) {
      out_ += "  slot " + std::to_string(i) + "\n";
      node(r.slots[i], 2);
      out_ += '\n';
    }
  }

  void ruleInfo(const rt::RuleInfo& info) {
    if (info.titleEn) out_ += "  title en " + *info.titleEn + "\n";
    if (info.titleZh) out_ += "  title zh " + *info.titleZh + "\n";
    out_ += std::string("  severity ") + rt::severityName(info.severity) + "\n";
    for (const std::string& c : info.cites) out_ += "  cites " + c + "\n";
    for (const rt::EffectInfo& e : info.effects) {
      static const char* kinds[] = {"deny", "flag", "require"};
      out_ += std::string("  effect ") + kinds[static_cast<int>(e.kind)];
      if (!e.action.empty()) out_ += " " + e.action;
      for (uint32_t s : e.argSlots) out_ += " $" + std::to_string(s);
      out_ += '\n';
    }
    templ("en", info.messageEn);
    templ("zh", info.messageZh);
  }

  void templ(const char* lang, const std::optional<rt::MessageTemplate>& t) {
    if (!t) return;
    out_ += std::string("  message ") + lang + " \"";
    for (size_t i = 0; i < t->parts.size(); ++i) {
      out_ += t->parts[i];
      if (i < t->slots.size()) out_ += "{$" + std::to_string(t->slots[i]) + "}";
    }
    out_ += "\"\n";
  }

  std::string run() {
    for (const rt::Type* t : m_.namedTypes) type(*t);
    for (size_t i = 0; i < m_.fns.size(); ++i) {
      const Fn& f = m_.fns[i];
      out_ += "fn " + f.name + "(";
      for (size_t p = 0; p < f.paramSlots.size(); ++p)
        out_ += (p ? ", " : "") + std::string("slot ") + std::to_string(f.paramSlots[p]) + ": " + rt::typeName(*f.paramTypes[p]);
      out_ += ") frame " + std::to_string(f.frameSize) + "\n";
      node(f.body, 1);
      out_ += '\n';
    }
    for (size_t i = 0; i < m_.rules.size(); ++i) rule(m_.rules[i], &m_.table.rules[i]);
    for (const RuleCode& e : m_.exceptions) rule(e, nullptr);
    for (const TestCode& t : m_.tests) test(t);
    return out_;
  }

  void type(const rt::Type& t) {
    if (t.kind == rt::Kind::Enum) {
      out_ += "enum " + t.qualifiedName + " {";
      for (size_t i = 0; i < t.members.size(); ++i) out_ += (i ? ", " : " ") + t.members[i];
      out_ += " }\n";
      return;
    }
    out_ += "record " + t.qualifiedName + " size " + std::to_string(t.size) + " align " + std::to_string(t.align) + "\n";
    for (const rt::Field& f : t.fields) {
      out_ += "  @" + std::to_string(f.offset) + " " + f.name + ": " + rt::typeName(*f.type);
      if (f.defaultValue) out_ += " = " + rt::renderValue(*f.type, f.defaultValue, true);
      out_ += '\n';
    }
  }

  void test(const TestCode& t) {
    out_ += "test \"" + t.name + "\" frame " + std::to_string(t.frameSize) + "\n";
    if (t.nowMicros) out_ += "  now " + rt::formatTimestamp(*t.nowMicros) + "\n";
    if (t.givenType) out_ += "  given slot " + std::to_string(t.givenSlot) + " = " + rt::renderValue(*t.givenType, t.given, true) + "\n";
    for (const Node* a : t.asserts) {
      out_ += "  assert\n";
      node(a, 2);
      out_ += '\n';
    }
  }

 private:
  void indent(int depth) { out_.append(static_cast<size_t>(depth) * 2, ' '); }
  const Module& m_;
  std::string out_;
};

}  // namespace

std::string print(const Module& module) { return Printer(module).run(); }

}  // namespace gai::ir
