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
    case GaiParser::RuleOperand:
    case GaiParser::RuleOperandNI:
      return operand(ctx);
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

namespace {

bool isComparison(ParserRuleContext* ctx) {
  if (!ctx || ctx->children.size() != 3) return false;
  auto* op = childRule(ctx, 1);
  return op && (op->getRuleIndex() == GaiParser::RuleCmpOp || op->getRuleIndex() == GaiParser::RuleCmpOpNI);
}

}  // namespace

// One alternative of `operand` / `operandNI`, recognised by its shape.
ast::ExprPtr Builder::operand(ParserRuleContext* ctx) {
  size_t n = ctx->children.size();
  if (n == 1) return primary(dynamic_cast<GaiParser::PrimaryContext*>(childRule(ctx, 0)));
  if (Token* first = childToken(ctx, 0)) return prefix(ctx, first);
  Token* op = childToken(ctx, 1);
  if (!op) return comparison(ctx);
  switch (op->getType()) {
    case GaiParser::DOT:
    case GaiParser::QDOT:
    case GaiParser::LPAREN:
    case GaiParser::WITH:
      return postfix(ctx, op);
    default:
      break;
  }
  auto kind = binaryOp(op->getType());
  if (!kind || n != 3) return nullptr;
  return makeBinary(*kind, loc(op), expr(childRule(ctx, 0)), expr(childRule(ctx, 2)));
}

// operand cmpOp operand; a comparison operand that is itself a comparison is a chain.
ast::ExprPtr Builder::comparison(ParserRuleContext* ctx) {
  ParserRuleContext* opCtx = childRule(ctx, 1);
  Token* first = opCtx ? childToken(opCtx, 0) : nullptr;
  if (!first) return nullptr;
  ast::BinaryOp op = first->getType() == GaiParser::NOT ? ast::BinaryOp::NotIn : *binaryOp(first->getType());
  Loc opLoc = loc(opCtx);
  if (isComparison(childRule(ctx, 0)) || isComparison(childRule(ctx, 2)))
    diags_.emit(DiagId::ChainedComparison, opLoc)
        .withHelp("combine the comparisons with 'and', or parenthesise one of them");
  return makeBinary(op, opLoc, expr(childRule(ctx, 0)), expr(childRule(ctx, 2)));
}

// NOT x or MINUS x.
ast::ExprPtr Builder::prefix(ParserRuleContext* ctx, Token* op) {
  ParserRuleContext* operandCtx = childRule(ctx, 1);
  bool neg = op->getType() == GaiParser::MINUS;
  auto node = std::make_unique<ast::UnaryExpr>(loc(ctx));
  node->op = neg ? ast::UnaryOp::Neg : ast::UnaryOp::Not;
  // `-9223372036854775808`: the literal is negated directly.
  if (neg && operandCtx && operandCtx->children.size() == 1) {
    auto* lit = dynamic_cast<GaiParser::IntLitContext*>(childRule(operandCtx, 0));
    if (lit && lit->INT()) {
      node->operand = intLiteral(lit->INT()->getSymbol(), true);
      return node;
    }
  }
  node->operand = expr(operandCtx);
  return node;
}

ast::ExprPtr Builder::postfix(ParserRuleContext* ctx, Token* op) {
  ast::ExprPtr base = expr(childRule(ctx, 0));
  if (!base) return nullptr;
  Loc at = Loc::cover(base->loc, loc(ctx));
  switch (op->getType()) {
    case GaiParser::DOT:
    case GaiParser::QDOT: {
      auto node = std::make_unique<ast::FieldExpr>(at);
      node->base = std::move(base);
      node->field = ident(childRule(ctx, 2));
      node->optionalChain = op->getType() == GaiParser::QDOT;
      return node;
    }
    case GaiParser::LPAREN: {
      if (base->kind != ast::ExprKind::Name && base->kind != ast::ExprKind::Field)
        diags_.emit(DiagId::SyntaxError, loc(op), "only a named function, rule or builtin can be called");
      auto node = std::make_unique<ast::CallExpr>(at);
      node->callee = std::move(base);
      node->args = args(dynamic_cast<GaiParser::ArgsContext*>(childRule(ctx, 2)));
      return node;
    }
    default:
      break;
  }
  auto node = std::make_unique<ast::WithExpr>(at);
  node->base = std::move(base);
  for (antlr4::tree::ParseTree* child : ctx->children) {
    auto* item = dynamic_cast<GaiParser::WithItemContext*>(child);
    if (!item) continue;
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
  if (auto* p = dynamic_cast<GaiParser::ParenExprContext*>(ctx)) {
    ast::ExprPtr inner = expr(p->expr());
    if (inner) inner->parenthesized = true;
    return inner;
  }
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
