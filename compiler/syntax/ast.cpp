#include "syntax/ast.h"

namespace gai::ast {

std::string QualName::str() const {
  std::string out;
  for (const Ident& part : parts) {
    if (!out.empty()) out += '.';
    out += part.name;
  }
  return out;
}

const char* spelling(UnaryOp op) {
  switch (op) {
    case UnaryOp::Neg: return "-";
    case UnaryOp::Not: return "not";
  }
  return "?";
}

const char* spelling(BinaryOp op) {
  switch (op) {
    case BinaryOp::Implies: return "implies";
    case BinaryOp::Or: return "or";
    case BinaryOp::And: return "and";
    case BinaryOp::Eq: return "==";
    case BinaryOp::Ne: return "!=";
    case BinaryOp::Lt: return "<";
    case BinaryOp::Le: return "<=";
    case BinaryOp::Gt: return ">";
    case BinaryOp::Ge: return ">=";
    case BinaryOp::In: return "in";
    case BinaryOp::NotIn: return "not in";
    case BinaryOp::Coalesce: return "??";
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::Div: return "/";
    case BinaryOp::Mod: return "%";
  }
  return "?";
}

const char* spelling(QuantKind kind) {
  switch (kind) {
    case QuantKind::Any: return "any";
    case QuantKind::All: return "all";
    case QuantKind::Count: return "count";
    case QuantKind::Sum: return "sum";
  }
  return "?";
}

const char* spelling(SeverityLevel level) {
  switch (level) {
    case SeverityLevel::Info: return "info";
    case SeverityLevel::Low: return "low";
    case SeverityLevel::Medium: return "medium";
    case SeverityLevel::High: return "high";
    case SeverityLevel::Critical: return "critical";
  }
  return "?";
}

const char* spelling(ClauseKind kind) {
  switch (kind) {
    case ClauseKind::Title: return "title";
    case ClauseKind::Cites: return "cites";
    case ClauseKind::Severity: return "severity";
    case ClauseKind::Effective: return "effective";
    case ClauseKind::When: return "when";
    case ClauseKind::Then: return "then";
    case ClauseKind::Message: return "message";
  }
  return "?";
}

const char* spelling(DeclKind kind) {
  switch (kind) {
    case DeclKind::Enum: return "enum";
    case DeclKind::Record: return "record";
    case DeclKind::Const: return "const";
    case DeclKind::Fn: return "fn";
    case DeclKind::Action: return "action";
    case DeclKind::Rule: return "rule";
    case DeclKind::Exception: return "exception";
    case DeclKind::Law: return "law";
    case DeclKind::Test: return "test";
  }
  return "?";
}

}  // namespace gai::ast
