// A canonical S-expression dump of a file's AST: everything meaningful, nothing about
// layout (no comments, no clause order, no separators). Two files that mean the same dump
// equal without locations; with locations every node also shows `@offset+length`.
#pragma once

#include <string>

#include "syntax/ast.h"

namespace gai::syntax {

std::string dumpAst(const ast::File& file, bool withLocations = false);
std::string dumpExpr(const ast::Expr& expr, bool withLocations = false);

}  // namespace gai::syntax
