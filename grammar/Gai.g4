// The .gai policy language (LANGUAGE.md). The generated parser is never committed: CMake
// generates it into the build directory. compiler/syntax builds the AST from this tree.
grammar Gai;

// ------------------------------------------------------------------ files and declarations

file
  : packageDecl? importDecl* decl* EOF
  ;

packageDecl : PACKAGE qualName ;
importDecl  : IMPORT qualName (AS name)? ;

decl
  : enumDecl
  | recordDecl
  | constDecl
  | fnDecl
  | actionDecl
  | ruleDecl
  | exceptionDecl
  | lawDecl
  | testDecl
  ;

enumDecl   : ENUM name LBRACE (name (COMMA name)* COMMA?)? RBRACE ;
recordDecl : RECORD name LBRACE (fieldDecl COMMA?)* RBRACE ;
fieldDecl  : name COLON typeRef (ASSIGN expr)? ;
constDecl  : CONST name COLON typeRef ASSIGN expr ;
fnDecl     : FN name LPAREN params? RPAREN COLON typeRef ASSIGN expr ;
actionDecl : ACTION name (LPAREN params? RPAREN)? ;
params     : param (COMMA param)* COMMA? ;
param      : name COLON typeRef ;

typeRef
  : qualName (LT typeRef GT)? QMARK?
  ;

// A rule may not be named after an effect word: accepted here, reported by the builder.
ruleDecl
  : RULE ruleName LPAREN param RPAREN LBRACE clause* RBRACE
  ;
ruleName : name | DENY | ALLOW | FLAG | REQUIRE | EXCEPTED ;

exceptionDecl
  : EXCEPTION name LPAREN param RPAREN FOR qualName (COMMA qualName)* LBRACE clause* RBRACE
  ;

clause
  : TITLE localizedText                              # titleClause
  | CITES citation (COMMA citation)*                 # citesClause
  | SEVERITY name                                    # severityClause
  | EFFECTIVE DATE (UNTIL DATE)?                     # effectiveClause
  | WHEN expr                                        # whenClause
  | THEN effect (COMMA effect)*                      # thenClause
  | MESSAGE localizedText                            # messageClause
  ;

localizedText
  : STRING
  | langString+
  ;
langString : (EN | ZH) STRING ;

citation
  : STRING                                           # freeCitation
  | qualName ART INT (PARA INT)? (ITEM INT)?         # structuredCitation
  ;

effect
  : DENY                                             # denyEffect
  | FLAG                                             # flagEffect
  | REQUIRE qualName (LPAREN args? RPAREN)?          # requireEffect
  ;

lawDecl : LAW name LBRACE lawItem* RBRACE ;
lawItem
  : TITLE localizedText                              # lawTitle
  | EFFECTIVE DATE (UNTIL DATE)?                     # lawEffective
  | ARTICLE INT STRING? (LBRACE articleBound* RBRACE)?   # lawArticle
  ;
articleBound : (PARAS | ITEMS) INT ;

testDecl : TEST STRING LBRACE testItem* RBRACE ;
testItem
  : NOW TIMESTAMP                                    # testNow
  | GIVEN name ASSIGN expr                           # testGiven
  | EXPECT expectation                               # testExpect
  | ASSERT expr                                      # testAssert
  ;
expectation
  : NOT qualName                                     # expectNot
  | EXCEPTED qualName (BY qualName)?                 # expectExcepted
  | ERROR qualName                                   # expectError
  | DENY                                             # expectDeny
  | ALLOW                                            # expectAllow
  | REQUIRE qualName (LPAREN args? RPAREN)?          # expectRequire
  | qualName                                         # expectFires
  ;

// ------------------------------------------------------------------ expressions

// Entry point for re-parsing a message interpolation.
standaloneExpr : expr EOF ;

expr
  : IF expr THEN expr ELSE expr                      # ifExpr
  | LET name ASSIGN letInit IN expr                  # letExpr
  | operand                                          # opExpr
  ;

// A `let` initialiser ends at the first top-level `in`: the same operators without `in`.
letInit
  : IF expr THEN expr ELSE letInit                   # ifInit
  | LET name ASSIGN letInit IN letInit               # letInitLet
  | operandNI                                        # opInit
  ;

// The operators, tightest first (ANTLR's precedence climbing). Comparisons parse
// left-associatively; the syntax layer reports a chain (E0013). `if` and `let` are not
// operands: parenthesise them.
operand
  : primary
  | operand DOT name
  | operand QDOT name
  | operand LPAREN args? RPAREN
  | operand WITH LBRACE (withItem (COMMA withItem)* COMMA?)? RBRACE
  | MINUS operand
  | operand (STAR | SLASH | PERCENT) operand
  | operand (PLUS | MINUS) operand
  | <assoc=right> operand COALESCE operand
  | operand cmpOp operand
  | NOT operand
  | operand AND operand
  | operand OR operand
  | <assoc=right> operand IMPLIES operand
  ;
cmpOp : EQ | NE | LT | LE | GT | GE | IN | NOT IN ;

// The same without `in` / `not in`, for `let` initialisers.
operandNI
  : primary
  | operandNI DOT name
  | operandNI QDOT name
  | operandNI LPAREN args? RPAREN
  | operandNI WITH LBRACE (withItem (COMMA withItem)* COMMA?)? RBRACE
  | MINUS operandNI
  | operandNI (STAR | SLASH | PERCENT) operandNI
  | operandNI (PLUS | MINUS) operandNI
  | <assoc=right> operandNI COALESCE operandNI
  | operandNI cmpOpNI operandNI
  | NOT operandNI
  | operandNI AND operandNI
  | operandNI OR operandNI
  | <assoc=right> operandNI IMPLIES operandNI
  ;
cmpOpNI : EQ | NE | LT | LE | GT | GE ;

withItem : name (DOT name)* COLON expr ;
args     : expr (COMMA expr)* COMMA? ;

primary
  : INT                                              # intLit
  | FLOAT                                            # floatLit
  | STRING                                           # stringLit
  | (TRUE | FALSE)                                   # boolLit
  | NONE                                             # noneLit
  | DATE                                             # dateLit
  | TIMESTAMP                                        # timestampLit
  | DURATION                                         # durationLit
  | BAD_NUMBER                                       # badNumberLit
  | NOW                                              # nowLit
  | quantKw LPAREN name IN expr COLON expr RPAREN    # quantExpr
  | qualName LBRACE (fieldInit (COMMA fieldInit)* COMMA?)? RBRACE   # recordLit
  | name                                             # nameRef
  | LPAREN expr RPAREN                               # parenExpr
  | LBRACE (expr (COMMA expr)* COMMA?)? RBRACE       # setLit
  | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK       # listLit
  ;
quantKw   : ANY | ALL | COUNT | SUM ;
fieldInit : name COLON expr ;

qualName : name (DOT name)* ;

// Contextual keywords are names everywhere except where the grammar expects them.
name
  : IDENT
  | TITLE | CITES | SEVERITY | EFFECTIVE | UNTIL | MESSAGE | ARTICLE | ART | PARA | ITEM
  | PARAS | ITEMS | EN | ZH | BY | ERROR
  ;

// ------------------------------------------------------------------ lexer

// Hard keywords.
PACKAGE   : 'package' ;
IMPORT    : 'import' ;
AS        : 'as' ;
ENUM      : 'enum' ;
RECORD    : 'record' ;
CONST     : 'const' ;
FN        : 'fn' ;
ACTION    : 'action' ;
RULE      : 'rule' ;
EXCEPTION : 'exception' ;
FOR       : 'for' ;
TEST      : 'test' ;
LAW       : 'law' ;
IF        : 'if' ;
THEN      : 'then' ;
ELSE      : 'else' ;
LET       : 'let' ;
IN        : 'in' ;
NOT       : 'not' ;
AND       : 'and' ;
OR        : 'or' ;
IMPLIES   : 'implies' ;
TRUE      : 'true' ;
FALSE     : 'false' ;
NONE      : 'none' ;
NOW       : 'now' ;
ANY       : 'any' ;
ALL       : 'all' ;
COUNT     : 'count' ;
SUM       : 'sum' ;
WITH      : 'with' ;
GIVEN     : 'given' ;
EXPECT    : 'expect' ;
ASSERT    : 'assert' ;
WHEN      : 'when' ;
DENY      : 'deny' ;
ALLOW     : 'allow' ;
FLAG      : 'flag' ;
REQUIRE   : 'require' ;
EXCEPTED  : 'excepted' ;

// Contextual keywords (also accepted by `name`). Severity levels, size, present and
// lines are plain identifiers resolved later.
TITLE     : 'title' ;
CITES     : 'cites' ;
SEVERITY  : 'severity' ;
EFFECTIVE : 'effective' ;
UNTIL     : 'until' ;
MESSAGE   : 'message' ;
ARTICLE   : 'article' ;
ART       : 'art' ;
PARA      : 'para' ;
ITEM      : 'item' ;
PARAS     : 'paras' ;
ITEMS     : 'items' ;
EN        : 'en' ;
ZH        : 'zh' ;
BY        : 'by' ;
ERROR     : 'error' ;

// Literals. Dates, timestamps and durations are single tokens; a digit run glued to
// letters is one BAD_NUMBER token (`15days`, `08`), reported by the syntax layer.
TIMESTAMP : D4 '-' D2 '-' D2 'T' D2 ':' D2 ':' D2 ('.' DIGIT+)? ('Z' | [+-] D2 ':' D2) ;
DATE      : D4 '-' D2 '-' D2 ;
DURATION
  : DIGIT+ 'd' (DIGIT+ 'h')? (DIGIT+ 'm')? (DIGIT+ 's')?
  | DIGIT+ 'h' (DIGIT+ 'm')? (DIGIT+ 's')?
  | DIGIT+ 'm' (DIGIT+ 's')?
  | DIGIT+ 's'
  ;
FLOAT     : DIGIT+ '.' DIGIT+ EXPONENT? | DIGIT+ EXPONENT ;
INT       : '0' | [1-9] DIGIT* ;
BAD_NUMBER : DIGIT [0-9a-zA-Z_]* ('.' [0-9a-zA-Z_]+)? ;

// An unterminated string is still a STRING token; the syntax layer sees the missing quote.
STRING    : '"' (ESCAPE | ~["\\\r\n])* '"' ;
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])* -> type(STRING) ;

IDENT     : [a-zA-Z_] [a-zA-Z_0-9]* ;

// Operators and punctuation.
COALESCE : '??' ;
QDOT     : '?.' ;
QMARK    : '?' ;
EQ       : '==' ;
NE       : '!=' ;
LE       : '<=' ;
GE       : '>=' ;
LT       : '<' ;
GT       : '>' ;
ASSIGN   : '=' ;
PLUS     : '+' ;
MINUS    : '-' ;
STAR     : '*' ;
SLASH    : '/' ;
PERCENT  : '%' ;
DOT      : '.' ;
COMMA    : ',' ;
COLON    : ':' ;
LPAREN   : '(' ;
RPAREN   : ')' ;
LBRACE   : '{' ;
RBRACE   : '}' ;
LBRACK   : '[' ;
RBRACK   : ']' ;

// Comments are kept on the hidden channel for doc comments and the formatter.
DOC_COMMENT   : '///' (~[/\r\n] ~[\r\n]*)? -> channel(HIDDEN) ;
LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
// Runs to the end of the file; the syntax layer sees the missing `*/`.
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* -> type(BLOCK_COMMENT), channel(HIDDEN) ;

WS : [ \t\r\n\f]+ -> skip ;

// Anything else: reported by the syntax layer, invisible to the parser.
BAD_CHAR : . -> channel(2) ;

fragment DIGIT    : [0-9] ;
fragment D2       : DIGIT DIGIT ;
fragment D4       : DIGIT DIGIT DIGIT DIGIT ;
fragment EXPONENT : [eE] [+-]? DIGIT+ ;
fragment ESCAPE   : '\\' ~[\r\n] ;
