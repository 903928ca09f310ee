// Expressions: the operator ladder of the grammar folded into AST nodes.
#include "builder.h"

namespace gai::syntax::detail {

using antlr4::ParserRuleContext;
using antlr4::Token;
using antlr4::tree::TerminalNode;

namespace {

ParserRuleContext* childRule(ParserRuleContext* ctx, size_t i) {
  return i < ctx->children.size() ? dynamic_cast<ParserRuleContext*>(ctx->children[i]) : nullptr;
}

Token* childToken(ParserRuleContext* ctx, size_t i) {
  auto* node = i < ctx->children.size() ? dynamic_cast<TerminalNode*>(ctx->children[i]) : nullptr;
  return node ? node->getSymbol() : nullptr;
}

bool isErrorNode(antlr4::tree::ParseTree* tree) {
  return dynamic_cast<antlr4::tree::ErrorNode*>(tree) != nullptr;
}

std::optional<ast::BinaryOp> binaryOp(size_t tokenType) {
  switch (tokenType) {
    case GaiParser::IMPLIES: return ast::BinaryOp::Implies;
    case GaiParser::OR: return ast::BinaryOp::Or;
    case GaiParser::AND: return ast::BinaryOp::And;
    case GaiParser::EQ: return ast::BinaryOp::Eq;
    case GaiParser::NE: return ast::BinaryOp::Ne;
    case GaiParser::LT: return ast::BinaryOp::Lt;
    case GaiParser::LE: return ast::BinaryOp::Le;
    case GaiParser::GT: return ast::BinaryOp::Gt;
    case GaiParser::GE: return ast::BinaryOp::Ge;
    case GaiParser::IN: return ast::BinaryOp::In;
    case GaiParser::COALESCE: return ast::BinaryOp::Coalesce;
    case GaiParser::PLUS: return ast::BinaryOp::Add;
    case GaiParser::MINUS: return ast::BinaryOp::Sub;
    case GaiParser::STAR: return ast::BinaryOp::Mul;
    case GaiParser::SLASH: return ast::BinaryOp::Div;
    case GaiParser::PERCENT: return ast::BinaryOp::Mod;
    default: return std::nullopt;
  }
}

}  // namespace

ast::ExprPtr Builder::expr(ParserRuleContext* ctx) {
  if (!ctx) return nullptr;
  switch (ctx->getRuleIndex()) {
    case GaiParser::RuleExpr:
    case GaiParser::RuleLetInit:
      return dispatchAlternative(ctx);
    case GaiParser::RuleStandaloneExpr:
      return expr(childRule(ctx, 0));
    case GaiParser::RuleImpliesExpr:
    case GaiParser::RuleImpliesNI:
    case GaiParser::RuleCoalExpr:
      return rightAssoc(ctx);
    case GaiParser::RuleOrExpr:
    case GaiParser::RuleOrNI:
    case GaiParser::RuleAndExpr:
    case GaiParser::RuleAndNI:
    case GaiParser::RuleAddExpr:
    case GaiParser::RuleMulExpr:
      return leftChain(ctx);
    case GaiParser::RuleCmpExpr:
    case GaiParser::RuleCmpNI:
      return comparison(ctx);
    case GaiParser::RuleNotExpr:
    case GaiParser::RuleNotNI:
    case GaiParser::RuleUnaryExpr:
      return prefix(ctx);
    case GaiParser::RulePostfixExpr:
      return postfix(static_cast<GaiParser::PostfixExprContext*>(ctx));
    case GaiParser::RulePrimary:
      return primary(static_cast<GaiParser::PrimaryContext*>(ctx));
    default:
      return nullptr;
  }
}

ast::ExprPtr Builder::dispatchAlternative(ParserRuleContext* ctx) {
  if (dynamic_cast<GaiParser::IfExprContext*>(ctx) || dynamic_cast<GaiParser::IfInitContext*>(ctx))
    return ifExpr(ctx);
  if (dynamic_cast<GaiParser::LetExprContext*>(ctx) || dynamic_cast<GaiParser::LetInitLetContext*>(ctx))
    return letExpr(ctx);
  return expr(childRule(ctx, 0));
}

ast::ExprPtr Builder::ifExpr(ParserRuleContext* ctx) {
  // IF expr THEN expr ELSE expr
  auto node = std::make_unique<ast::IfExpr>(loc(ctx));
  node->cond = expr(childRule(ctx, 1));
  node->then = expr(childRule(ctx, 3));
  node->otherwise = expr(childRule(ctx, 5));
  return node;
}

ast::ExprPtr Builder::letExpr(ParserRuleContext* ctx) {
  // LET name ASSIGN letInit IN expr
  auto node = std::make_unique<ast::LetExpr>(loc(ctx));
  node->var.name = ident(childRule(ctx, 1));
  node->init = expr(childRule(ctx, 3));
  node->body = expr(childRule(ctx, 5));
  return node;
}

ast::ExprPtr Builder::makeBinary(ast::BinaryOp op, Loc opLoc, ast::ExprPtr lhs, ast::ExprPtr rhs) {
  Loc at = opLoc;
  if (lhs) at = Loc::cover(lhs->loc, at);
  if (rhs) at = Loc::cover(at, rhs->loc);
  auto node = std::make_unique<ast::BinaryExpr>(at);
  node->op = op;
  node->opLoc = opLoc;
  node->lhs = std::move(lhs);
  node->rhs = std::move(rhs);
  return node;
}

// operand (OP rest)?  where rest is the same rule: right-associative.
ast::ExprPtr Builder::rightAssoc(ParserRuleContext* ctx) {
  ast::ExprPtr lhs = expr(childRule(ctx, 0));
  Token* op = childToken(ctx, 1);
  if (!op) return lhs;
  auto kind = binaryOp(op->getType());
  if (!kind) return lhs;
  return makeBinary(*kind, loc(op), std::move(lhs), expr(childRule(ctx, 2)));
}

// operand (OP operand)*: left-associative, built iteratively.
ast::ExprPtr Builder::leftChain(ParserRuleContext* ctx) {
  ast::ExprPtr acc = expr(childRule(ctx, 0));
  for (size_t i = 1; i + 1 < ctx->children.size(); i += 2) {
    Token* op = childToken(ctx, i);
    auto kind = op ? binaryOp(op->getType()) : std::nullopt;
    if (!kind) break;
    acc = makeBinary(*kind, loc(op), std::move(acc), expr(childRule(ctx, i + 1)));
  }
  return acc;
}

// operand (cmpOp operand)*: more than one operator is a chained comparison (E0013).
ast::ExprPtr Builder::comparison(ParserRuleContext* ctx) {
  ast::ExprPtr acc = expr(childRule(ctx, 0));
  for (size_t i = 1; i + 1 < ctx->children.size(); i += 2) {
    ParserRuleContext* opCtx = childRule(ctx, i);
    if (!opCtx || opCtx->children.empty()) break;
    Token* first = childToken(opCtx, 0);
    if (!first) break;
    ast::BinaryOp op = first->getType() == GaiParser::NOT ? ast::BinaryOp::NotIn : *binaryOp(first->getType());
    Loc opLoc = loc(opCtx);
    if (i > 1)
      diags_.emit(DiagId::ChainedComparison, opLoc)
          .withHelp("combine the comparisons with 'and', or parenthesise one of them");
    acc = makeBinary(op, opLoc, std::move(acc), expr(childRule(ctx, i + 1)));
  }
  return acc;
}

// NOT x, MINUS x, or a single operand.
ast::ExprPtr Builder::prefix(ParserRuleContext* ctx) {
  Token* op = childToken(ctx, 0);
  if (!op) return expr(childRule(ctx, 0));
  ParserRuleContext* operandCtx = childRule(ctx, 1);
  bool neg = op->getType() == GaiParser::MINUS;
  // `-9223372036854775808`: the literal is negated directly.
  if (neg && operandCtx && operandCtx->children.size() == 1) {
    auto* post = dynamic_cast<GaiParser::PostfixExprContext*>(childRule(operandCtx, 0));
    auto* lit = post && post->children.size() == 1 ? dynamic_cast<GaiParser::IntLitContext*>(post->primary()) : nullptr;
    if (lit && lit->INT()) {
      auto node = std::make_unique<ast::UnaryExpr>(loc(ctx));
      node->op = ast::UnaryOp::Neg;
      node->operand = intLiteral(lit->INT()->getSymbol(), true);
      return node;
    }
  }
  auto node = std::make_unique<ast::UnaryExpr>(loc(ctx));
  node->op = neg ? ast::UnaryOp::Neg : ast::UnaryOp::Not;
  node->operand = expr(operandCtx);
  return node;
}

ast::ExprPtr Builder::postfix(GaiParser::PostfixExprContext* ctx) {
  ast::ExprPtr acc = primary(ctx->primary());
  for (GaiParser::PostfixOpContext* op : ctx->postfixOp()) {
    if (!acc) return nullptr;
    acc = postfixOp(std::move(acc), op);
  }
  return acc;
}

ast::ExprPtr Builder::postfixOp(ast::ExprPtr base, GaiParser::PostfixOpContext* ctx) {
  Loc at = Loc::cover(base->loc, loc(ctx));
  if (auto* f = dynamic_cast<GaiParser::FieldOpContext*>(ctx)) {
    auto node = std::make_unique<ast::FieldExpr>(at);
    node->base = std::move(base);
    node->field = ident(f->name());
    return node;
  }
  if (auto* f = dynamic_cast<GaiParser::OptFieldOpContext*>(ctx)) {
    auto node = std::make_unique<ast::FieldExpr>(at);
    node->base = std::move(base);
    node->field = ident(f->name());
    node->optionalChain = true;
    return node;
  }
  if (auto* c = dynamic_cast<GaiParser::CallOpContext*>(ctx)) {
    if (base->kind != ast::ExprKind::Name && base->kind != ast::ExprKind::Field)
      diags_.emit(DiagId::SyntaxError, loc(c), "only a named function, rule or builtin can be called");
    auto node = std::make_unique<ast::CallExpr>(at);
    node->callee = std::move(base);
    node->args = args(c->args());
    return node;
  }
  auto* w = static_cast<GaiParser::WithOpContext*>(ctx);
  auto node = std::make_unique<ast::WithExpr>(at);
  node->base = std::move(base);
  for (GaiParser::WithItemContext* item : w->withItem()) {
    ast::WithUpdate update;
    for (GaiParser::NameContext* part : item->name()) update.path.push_back(ident(part));
    update.value = expr(item->expr());
    node->updates.push_back(std::move(update));
  }
  return node;
}

std::vector<ast::ExprPtr> Builder::args(GaiParser::ArgsContext* ctx) {
  std::vector<ast::ExprPtr> out;
  if (!ctx) return out;
  for (GaiParser::ExprContext* e : ctx->expr()) out.push_back(expr(e));
  return out;
}

ast::ExprPtr Builder::quant(GaiParser::QuantExprContext* ctx) {
  auto node = std::make_unique<ast::QuantExpr>(loc(ctx));
  switch (ctx->quantKw()->getStart()->getType()) {
    case GaiParser::ANY: node->quant = ast::QuantKind::Any; break;
    case GaiParser::ALL: node->quant = ast::QuantKind::All; break;
    case GaiParser::COUNT: node->quant = ast::QuantKind::Count; break;
    default: node->quant = ast::QuantKind::Sum; break;
  }
  node->var.name = ident(ctx->name());
  node->collection = expr(ctx->expr(0));
  node->body = expr(ctx->expr(1));
  return node;
}

ast::ExprPtr Builder::primary(GaiParser::PrimaryContext* ctx) {
  if (!ctx || ctx->children.empty()) return nullptr;
  if (auto* q = dynamic_cast<GaiParser::QuantExprContext*>(ctx)) return quant(q);
  if (auto* r = dynamic_cast<GaiParser::RecordLitContext*>(ctx)) {
    auto node = std::make_unique<ast::RecordLit>(loc(ctx));
    node->typeName = qualName(r->qualName());
    for (GaiParser::FieldInitContext* f : r->fieldInit())
      node->fields.push_back(ast::FieldInit{ident(f->name()), expr(f->expr()), 0});
    return node;
  }
  if (auto* n = dynamic_cast<GaiParser::NameRefContext*>(ctx)) {
    auto node = std::make_unique<ast::NameExpr>(loc(ctx));
    node->name = ident(n->name());
    return node;
  }
  if (auto* p = dynamic_cast<GaiParser::ParenExprContext*>(ctx)) return expr(p->expr());
  if (auto* s = dynamic_cast<GaiParser::SetLitContext*>(ctx)) {
    auto node = std::make_unique<ast::SetLit>(loc(ctx));
    for (GaiParser::ExprContext* e : s->expr()) node->elems.push_back(expr(e));
    return node;
  }
  if (auto* l = dynamic_cast<GaiParser::ListLitContext*>(ctx)) {
    auto node = std::make_unique<ast::ListLit>(loc(ctx));
    for (GaiParser::ExprContext* e : l->expr()) node->elems.push_back(expr(e));
    return node;
  }
  if (isErrorNode(ctx->children[0])) return nullptr;
  Token* token = childToken(ctx, 0);
  return token ? literal(token, false) : nullptr;
}

}  // namespace gai::syntax::detail
