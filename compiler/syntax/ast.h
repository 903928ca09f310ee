// The abstract syntax tree of .gai sources: the project's own types, with a source
// location on every node. Built by the syntax layer from ANTLR's parse tree, which is
// dropped right after; nothing outside compiler/syntax sees ANTLR.
//
// The checker annotates nodes in place (the fields under "set by the checker"); the
// syntax layer leaves them null.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics/source.h"

namespace gai::check {
class Type;
}

namespace gai::ast {

struct Decl;
struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

// An identifier with its place.
struct Ident {
  std::string name;
  Loc loc;
};

// A dotted name: `a`, `pkg.name`, `pkg.Enum.member`, `a.b.c` (package paths).
struct QualName {
  std::vector<Ident> parts;
  Loc loc;
  std::string str() const;  // joined with '.'
};

// ---------------------------------------------------------------- types

struct TypeRef {
  enum class Kind : uint8_t { Named, List, Set, Optional };
  Kind kind = Kind::Named;
  QualName name;                  // Named: `int`, `Output`, `schema.Output`
  std::unique_ptr<TypeRef> elem;  // List, Set, Optional
  Loc loc;

  const check::Type* resolved = nullptr;  // set by the checker
};
using TypeRefPtr = std::unique_ptr<TypeRef>;

// ---------------------------------------------------------------- expressions

enum class ExprKind : uint8_t {
  IntLit, FloatLit, StringLit, BoolLit, NoneLit, DateLit, TimestampLit, DurationLit,
  Now,
  Name,       // a bare identifier
  Field,      // base.name or base?.name
  Call,       // callee(args): callee is Name or Field (`f`, `text.length`, `pkg.f`, `r`)
  Unary,
  Binary,
  If,
  Let,
  Quant,      // any/all/count/sum(x in xs: body)
  SetLit,
  ListLit,
  RecordLit,  // Type { f: v, ... }
  With,       // base with { a.b: v, ... }
};

enum class UnaryOp : uint8_t { Neg, Not };

enum class BinaryOp : uint8_t {
  Implies, Or, And,
  Eq, Ne, Lt, Le, Gt, Ge, In, NotIn,
  Coalesce,
  Add, Sub, Mul, Div, Mod,
};

const char* spelling(UnaryOp op);
const char* spelling(BinaryOp op);

enum class QuantKind : uint8_t { Any, All, Count, Sum };
const char* spelling(QuantKind kind);

// What a name or field expression was resolved to by the checker.
enum class Ref : uint8_t {
  Unresolved,
  Local,       // parameter, let or quantifier variable; `local` points at its binder
  EnumMember,  // `enumDecl` + `index`
  Const,       // `decl`
  Fn,          // `decl`
  Rule,        // `decl` (callee of r(x))
  Package,     // a module alias: only valid as the base of a Field
  StdFn,       // `index` into the std function table
  Builtin,     // int(), float(), present(), size(), lines(): `index` = Builtin
  Type,        // a record or enum name used as the base of `E.member`
  RecordField, // a Field expression reading a record field; `index` = field index
};

enum class Builtin : uint8_t { Int, Float, Present, Size, Lines };

// A place that binds a local name: fn parameter, rule parameter, let, quantifier, test given.
struct Binder {
  Ident name;
  const check::Type* type = nullptr;  // set by the checker
  uint32_t slot = 0;                  // set by the checker: index in the frame
};

struct Expr {
  ExprKind kind;
  Loc loc;
  // set by the checker
  const check::Type* type = nullptr;
  bool parenthesized = false;  // written in parentheses: the formatter keeps clarifying ones

  explicit Expr(ExprKind k, Loc l) : kind(k), loc(l) {}
  virtual ~Expr() = default;

  template <typename T>
  T* as() { return kind == T::Kind ? static_cast<T*>(this) : nullptr; }
  template <typename T>
  const T* as() const { return kind == T::Kind ? static_cast<const T*>(this) : nullptr; }
};

struct IntLit : Expr {
  static constexpr ExprKind Kind = ExprKind::IntLit;
  std::string text;
  uint64_t magnitude = 0;  // the literal's value; may be 2^63 (valid only under unary minus)
  bool overflow = false;   // the digits do not fit in 64 bits unsigned
  IntLit(Loc l) : Expr(Kind, l) {}
};

struct FloatLit : Expr {
  static constexpr ExprKind Kind = ExprKind::FloatLit;
  std::string text;
  double value = 0;
  FloatLit(Loc l) : Expr(Kind, l) {}
};

struct StringLit : Expr {
  static constexpr ExprKind Kind = ExprKind::StringLit;
  std::string value;  // escapes decoded, UTF-8
  StringLit(Loc l) : Expr(Kind, l) {}
};

struct BoolLit : Expr {
  static constexpr ExprKind Kind = ExprKind::BoolLit;
  bool value = false;
  BoolLit(Loc l) : Expr(Kind, l) {}
};

struct NoneLit : Expr {
  static constexpr ExprKind Kind = ExprKind::NoneLit;
  NoneLit(Loc l) : Expr(Kind, l) {}
};

// Days since 1970-01-01 (proleptic Gregorian).
struct DateLit : Expr {
  static constexpr ExprKind Kind = ExprKind::DateLit;
  std::string text;
  int32_t days = 0;
  DateLit(Loc l) : Expr(Kind, l) {}
};

// Microseconds since 1970-01-01T00:00:00Z; the offset in the literal is applied.
struct TimestampLit : Expr {
  static constexpr ExprKind Kind = ExprKind::TimestampLit;
  std::string text;
  int64_t micros = 0;
  TimestampLit(Loc l) : Expr(Kind, l) {}
};

// Whole seconds.
struct DurationLit : Expr {
  static constexpr ExprKind Kind = ExprKind::DurationLit;
  std::string text;
  int64_t seconds = 0;
  DurationLit(Loc l) : Expr(Kind, l) {}
};

struct NowExpr : Expr {
  static constexpr ExprKind Kind = ExprKind::Now;
  NowExpr(Loc l) : Expr(Kind, l) {}
};

// Resolution shared by Name and Field (a field may name a package member: `text.length`).
struct Resolution {
  Ref ref = Ref::Unresolved;
  const Decl* decl = nullptr;      // Const, Fn, Rule, Type, EnumMember (the enum)
  const Binder* local = nullptr;   // Local
  uint32_t index = 0;              // EnumMember, StdFn, Builtin, RecordField
};

struct NameExpr : Expr {
  static constexpr ExprKind Kind = ExprKind::Name;
  Ident name;
  Resolution res;  // set by the checker
  NameExpr(Loc l) : Expr(Kind, l) {}
};

struct FieldExpr : Expr {
  static constexpr ExprKind Kind = ExprKind::Field;
  ExprPtr base;
  Ident field;
  bool optionalChain = false;  // `?.`
  Resolution res;              // set by the checker
  FieldExpr(Loc l) : Expr(Kind, l) {}
};

struct CallExpr : Expr {
  static constexpr ExprKind Kind = ExprKind::Call;
  ExprPtr callee;
  std::vector<ExprPtr> args;
  CallExpr(Loc l) : Expr(Kind, l) {}
};

struct UnaryExpr : Expr {
  static constexpr ExprKind Kind = ExprKind::Unary;
  UnaryOp op;
  ExprPtr operand;
  UnaryExpr(Loc l) : Expr(Kind, l) {}
};

struct BinaryExpr : Expr {
  static constexpr ExprKind Kind = ExprKind::Binary;
  BinaryOp op;
  Loc opLoc;
  ExprPtr lhs, rhs;
  BinaryExpr(Loc l) : Expr(Kind, l) {}
};

struct IfExpr : Expr {
  static constexpr ExprKind Kind = ExprKind::If;
  ExprPtr cond, then, otherwise;
  IfExpr(Loc l) : Expr(Kind, l) {}
};

struct LetExpr : Expr {
  static constexpr ExprKind Kind = ExprKind::Let;
  Binder var;
  ExprPtr init, body;
  LetExpr(Loc l) : Expr(Kind, l) {}
};

struct QuantExpr : Expr {
  static constexpr ExprKind Kind = ExprKind::Quant;
  QuantKind quant;
  Binder var;
  ExprPtr collection, body;
  QuantExpr(Loc l) : Expr(Kind, l) {}
};

struct SetLit : Expr {
  static constexpr ExprKind Kind = ExprKind::SetLit;
  std::vector<ExprPtr> elems;
  SetLit(Loc l) : Expr(Kind, l) {}
};

struct ListLit : Expr {
  static constexpr ExprKind Kind = ExprKind::ListLit;
  std::vector<ExprPtr> elems;
  ListLit(Loc l) : Expr(Kind, l) {}
};

struct FieldInit {
  Ident name;
  ExprPtr value;
  uint32_t fieldIndex = 0;  // set by the checker
};

struct RecordLit : Expr {
  static constexpr ExprKind Kind = ExprKind::RecordLit;
  QualName typeName;
  std::vector<FieldInit> fields;
  const Decl* record = nullptr;  // set by the checker
  RecordLit(Loc l) : Expr(Kind, l) {}
};

struct WithUpdate {
  std::vector<Ident> path;          // `output.modality` -> [output, modality]
  ExprPtr value;
  std::vector<uint32_t> fieldPath;  // set by the checker: field indexes along the path
};

struct WithExpr : Expr {
  static constexpr ExprKind Kind = ExprKind::With;
  ExprPtr base;
  std::vector<WithUpdate> updates;
  WithExpr(Loc l) : Expr(Kind, l) {}
};

// ---------------------------------------------------------------- text and messages

struct StringPart {
  std::string value;  // decoded
  Loc loc;
};

// A title: one string, or English and/or Chinese.
struct LocalizedText {
  std::optional<StringPart> plain, en, zh;
  Loc loc;
};

// A message string split at its interpolations: text, expr, text, ... (texts may be empty).
struct Template {
  std::vector<std::string> texts;  // texts.size() == exprs.size() + 1; `{{`/`}}` decoded
  std::vector<ExprPtr> exprs;
  std::string source;              // the literal as written, for the formatter
  Loc loc;
};

struct Message {
  std::optional<Template> plain, en, zh;
  bool enFirst = true;  // order written, for the formatter
  Loc loc;
};

// ---------------------------------------------------------------- clauses

struct Citation {
  enum class Kind : uint8_t { Free, Structured };
  Kind kind = Kind::Free;
  std::string text;            // Free
  QualName law;                // Structured
  std::optional<int64_t> article, para, item;
  Loc loc;
  const Decl* lawDecl = nullptr;  // set by the checker
};

enum class EffectKind : uint8_t { Deny, Flag, Require };

struct Effect {
  EffectKind kind;
  QualName action;            // Require
  bool hasArgs = false;       // `require a()` vs `require a`
  std::vector<ExprPtr> args;  // Require
  Loc loc;
  const Decl* actionDecl = nullptr;  // set by the checker
};

enum class SeverityLevel : uint8_t { Info, Low, Medium, High, Critical };
const char* spelling(SeverityLevel level);

struct Effective {
  int32_t fromDays = 0;  // a date, days since epoch
  std::string fromText;
  std::optional<int32_t> untilDays;
  std::string untilText;
  Loc loc;
};

// Clause locations, for duplicate/missing reports and for the formatter's order.
enum class ClauseKind : uint8_t { Title, Cites, Severity, Effective, When, Then, Message };
const char* spelling(ClauseKind kind);

// ---------------------------------------------------------------- declarations

enum class DeclKind : uint8_t { Enum, Record, Const, Fn, Action, Rule, Exception, Law, Test };
const char* spelling(DeclKind kind);  // "enum", "record", ...

struct File;

struct Decl {
  DeclKind kind;
  Ident name;        // for a test: its name string, for display only
  Loc loc;           // the whole declaration
  std::string doc;   // `///` lines joined by '\n', markers and one leading space removed
  const File* file = nullptr;

  Decl(DeclKind k) : kind(k) {}
  virtual ~Decl() = default;

  template <typename T>
  T* as() { return kind == T::Kind ? static_cast<T*>(this) : nullptr; }
  template <typename T>
  const T* as() const { return kind == T::Kind ? static_cast<const T*>(this) : nullptr; }
};
using DeclPtr = std::unique_ptr<Decl>;

struct EnumDecl : Decl {
  static constexpr DeclKind Kind = DeclKind::Enum;
  std::vector<Ident> members;
  EnumDecl() : Decl(Kind) {}
};

struct FieldDecl {
  Ident name;
  TypeRefPtr type;
  ExprPtr defaultValue;  // may be null
  Loc loc;
};

struct RecordDecl : Decl {
  static constexpr DeclKind Kind = DeclKind::Record;
  std::vector<FieldDecl> fields;
  bool commaSeparated = false;  // as written, for the formatter
  RecordDecl() : Decl(Kind) {}
};

struct ConstDecl : Decl {
  static constexpr DeclKind Kind = DeclKind::Const;
  TypeRefPtr type;
  ExprPtr value;
  ConstDecl() : Decl(Kind) {}
};

struct Param {
  Binder binder;
  TypeRefPtr type;
};

struct FnDecl : Decl {
  static constexpr DeclKind Kind = DeclKind::Fn;
  std::vector<Param> params;
  TypeRefPtr result;
  ExprPtr body;
  FnDecl() : Decl(Kind) {}
};

struct ActionDecl : Decl {
  static constexpr DeclKind Kind = DeclKind::Action;
  std::vector<Param> params;
  bool hasParens = false;
  ActionDecl() : Decl(Kind) {}
};

struct ClauseLoc {
  ClauseKind kind;
  Loc loc;
};

// Shared by rules and exceptions.
struct RuleLike : Decl {
  Param param;  // the entry: `(e: GenerationEvent)`
  std::optional<LocalizedText> title;
  std::vector<Citation> cites;
  bool hasCites = false;
  std::optional<Effective> effective;
  ExprPtr when;
  std::vector<ClauseLoc> clauses;  // in source order
  RuleLike(DeclKind k) : Decl(k) {}
};

struct RuleDecl : RuleLike {
  static constexpr DeclKind Kind = DeclKind::Rule;
  std::vector<Effect> effects;  // `then`
  std::optional<SeverityLevel> severity;
  std::optional<Message> message;
  RuleDecl() : RuleLike(Kind) {}
};

struct ExceptionDecl : RuleLike {
  static constexpr DeclKind Kind = DeclKind::Exception;
  std::vector<QualName> targets;
  std::vector<const Decl*> targetDecls;  // set by the checker
  ExceptionDecl() : RuleLike(Kind) {}
};

struct Article {
  int64_t number = 0;
  std::string heading;
  std::optional<int64_t> paras, items;
  Loc loc;
};

struct LawDecl : Decl {
  static constexpr DeclKind Kind = DeclKind::Law;
  std::optional<LocalizedText> title;
  std::optional<Effective> effective;  // `until` is not used for laws
  std::vector<Article> articles;
  LawDecl() : Decl(Kind) {}
};

// ---------------------------------------------------------------- tests

enum class ExpectKind : uint8_t { Fires, NotFires, Excepted, Error, Deny, Allow, Require, Assert };

struct Expectation {
  ExpectKind kind;
  QualName target;            // Fires, NotFires, Excepted, Error: the rule; Require: the action
  std::optional<QualName> by; // Excepted
  bool hasArgs = false;       // Require
  std::vector<ExprPtr> args;  // Require
  ExprPtr condition;          // Assert
  Loc loc;
  const Decl* targetDecl = nullptr;  // set by the checker
  const Decl* byDecl = nullptr;      // set by the checker
};

struct TestDecl : Decl {
  static constexpr DeclKind Kind = DeclKind::Test;
  // name.name holds the test's name string (decoded)
  std::optional<int64_t> nowMicros;  // `now TS`
  std::string nowText;
  Loc nowLoc;
  Binder given;  // `given e = ...`
  ExprPtr givenValue;
  Loc givenLoc;
  std::vector<Expectation> expectations;  // expect and assert, in order
  TestDecl() : Decl(Kind) {}
};

// ---------------------------------------------------------------- files

struct Import {
  QualName path;              // `std.text`, `measures.schema`
  std::optional<Ident> alias; // `as x`
  Loc loc;
  std::string visibleName() const { return alias ? alias->name : path.parts.back().name; }
};

struct Comment {
  enum class Kind : uint8_t { Line, Block, Doc };
  Kind kind;
  std::string text;  // as written, including the markers
  Loc loc;
};

struct File {
  FileId id = kNoFile;
  QualName package;
  std::vector<Import> imports;
  std::vector<DeclPtr> decls;       // in source order
  std::vector<Comment> comments;    // every comment, in source order (docs too)
};

}  // namespace gai::ast
