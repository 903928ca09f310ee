#include "ugly_inputs.h"

namespace gai::format::testing {

static std::string deepParens(int depth) {
  std::string text = "package deep\nconst k: int = ";
  for (int i = 0; i < depth; ++i) text += "(";
  text += "1";
  for (int i = 0; i < depth; ++i) text += i % 2 ? " + 1)" : ")";
  text += "\nfn f(x: int): int = ";
  for (int i = 0; i < depth; ++i) text += "if x > " + std::to_string(i) + " then " + std::to_string(i) + " else ";
  text += "0\n";
  return text;
}

static std::string longChain() {
  std::string text = "package chain\nrecord R { a: int b: bool }\nrule r(e: R) { when e.b";
  for (int i = 0; i < 30; ++i) text += (i % 3 ? " and e.a > " : " or e.a != ") + std::to_string(i * 1000);
  text += " then flag }\nconst big: set<string> = {";
  for (int i = 0; i < 40; ++i) text += (i ? ", \"" : "\"") + std::string("term") + std::to_string(i) + "\"";
  text += "}\n";
  return text;
}

const std::vector<UglyInput>& uglyInputs() {
  static const std::vector<UglyInput> inputs = {
      {"one_line",
       R"(package a.b import std.text import c.d as x enum E{a,b,c} record R{f:int g:string="x",h:set<E> = {} k:E?} const k:int=1+2*3 fn f(x:int):bool=x>1 and x<10 action act action rep(to:E) law l{title "T" effective 2023-01-01 article 1 "A"{paras 2 items 3} article 12} rule r(e:R){when e.f>1 then deny,require rep(a) severity high title en "x" zh "y" cites l art 1 para 2,"free" effective 2023-01-01 until 2024-01-01 message zh "中文{e.f}" en "en {e.f}"} exception ex(e:R) for r{when e.f==2 cites l art 12} test "t"{now 2024-03-01T00:00:00Z given e=R{f:1,g:"a"} expect r expect not r expect excepted r by ex expect error r expect deny expect allow expect require rep(a) assert e.f==1})"},
      {"comments_everywhere", R"(// header comment

package  a.b // after package
/* block before import */ import std.text // trailing import

/// doc for E
/// second doc line
enum E { a, // after a
  // before b
  b /* inline */ , c }


record R {
  // leading field comment
  f: int // trailing f
  /* block */ g: string = "x"

  h: bool = false


  // end of body
}
rule r(e: R) { // after brace
  // before when
  when e.f > 1 // after when
    and e.h // after h
  then deny /* after deny */
  // dangling
}   // after rule
const s: set<int> = { 1, // one
  2 /* two */, 3 }
fn g(x: int): int = f(x, // first arg
  2)
// before end
/* final
   multi-line */
)"},
      {"spacing", R"(package   spacing.x
import    std.time   as    t
enum   Level{low   ,   high,}
record   Point  {  x  :  int  ,  y  :  int  ,  }
const   origin  :  Point  =  Point  {  x  :  0  ,  y  :  0  }
const   d :duration=1d12h
const   ts:timestamp=2024-01-02T03:04:05.5+08:00
const   f:float=1.5e10
const   m:int=-9223372036854775808
const   l:list<list<int>> = [[1,2],[ ],[3]]
const   o:int?=none
fn   moved(p:Point,dx:int):Point=p   with{x:p.x+dx}
fn   opt(p:Point?):int=p?.x??0
action   nothing()
)"},
      {"precedence", R"(package prec
record R { a: bool b: bool c: bool n: int m: int s: set<int> o: int? }
fn p1(e: R): bool = (e.a or e.b) and e.c
fn p2(e: R): bool = e.a or (e.b and e.c)
fn p3(e: R): bool = not (e.a and e.b)
fn p4(e: R): bool = (not e.a) == e.b
fn p5(e: R): bool = not e.n == e.m
fn p6(e: R): int = -(e.n + e.m) - (e.n - e.m) - e.n - - e.m
fn p7(e: R): int = (e.n - e.m) - (e.n * (e.m / 2)) % 3
fn p8(e: R): int = e.o ?? (e.o ?? 1)
fn p9(e: R): int = (e.o ?? e.o) ?? 1
fn p10(e: R): bool = e.a implies e.b implies e.c
fn p11(e: R): bool = (e.a implies e.b) implies e.c
fn p12(e: R): int = (if e.a then 1 else 2) + (if e.b then 3 else 4)
fn p13(e: R): int = 1 + (let x = e.n in x * 2)
fn p14(e: R): bool = let x = (e.n in e.s) in x and (let y = (let z = 1 in z) in y > 0)
fn p15(e: R): bool = e.n not in e.s and not e.n in e.s and e.n in [1, 2]
fn p16(e: R): bool = (e.n == e.m) == e.a
fn p17(e: R): int = (e with { n: 1 }).n + (if e.a then e else e).m
fn p18(e: R): bool = f(if e.a then 1 else 2, let q = 3 in q)
fn p19(e: R): bool = if e.a then if e.b then e.c else e.a else if e.c then e.b else e.a
fn p20(e: R): bool = (-e.n) > 0 and -(e.n) < (e.m)
)"},
      {"rules_and_laws", R"(package measures.generation
import std.text
law gai_measures { effective 2023-08-15 title en "Interim Measures for the Administration of Generative AI Services" zh "生成式人工智能服务管理暂行办法"
article 2 "Scope" { items 5 paras 3 } article 4 "Content and conduct" { items 5 } article 12 "Labeling of generated content" article 100 }
rule unlabeled_media(e: GenerationEvent) {
message   zh "生成的{e.output.modality}内容缺少显式标识" en "AI-generated {e.output.modality} lacks an explicit label {{literal}}"
  title en "Synthetic media must carry an explicit label" zh "合成媒体须有显式标识"   cites gai_measures art 12, "Labeling Measures Art. 4", gai_measures art 4 para 1 item 2, other.gai_law art 3
severity critical effective 2023-08-15
when in_scope(e.service) and e.output.modality != text and not e.output.explicit_label and text.contains_any(text.lower(e.output.text), banned_terms)
then deny, flag, require add_explicit_label, require report(cac, "very long argument to make the then clause exceed the limit")
}
exception closed_research(e: GenerationEvent) for unlabeled_media, other.some_rule { cites gai_measures art 2 para 3 when not e.service.offered_to_prc_public title "研究用途" effective 2023-01-01 until 2025-12-31 }
rule minimal(e: GenerationEvent) { when true then flag message "just {e.x}" }
rule empty(e: GenerationEvent) { when false then flag }
law empty_law {}
)"},
      {"tests", R"(package tests.x
test "unlabeled image is denied" { now 2024-03-01T00:00:00Z given e = base_event with { output.modality: image, output.explicit_label: false, service.provider.jurisdiction: "CN", output.text: "a long text that pushes the line over the limit" }
expect unlabeled_media expect not prohibited_content expect excepted other_rule by closed_research expect excepted other_rule
expect error ratio_rule expect deny expect allow expect require add_explicit_label expect require report(cac) expect require nothing()
assert in_scope(e.service) assert any(x in e.output.risk_tags: x == subversion or x == terror_extremism) and all(t in e.tags: text.length(t) > 0)
}
test "中文测试 \"quoted\" \\ back" { given e = Event { a: 1 } }
test "empty" {}
)"},
      {"chinese", R"(// 中文注释：生成式人工智能服务
package zh.demo   // 包
/// 文档注释：事件
record Event { text: string /* 文本 */ tags: set<string> = {"暴力", "恐怖"} }
rule illegal(e: Event) {
  title zh "违法内容" en "Illegal content"   // 标题
  when text.contains(e.text, "暴力恐怖") or e.text == "颠覆国家政权" or text.contains_any(e.text, {"分裂国家", "民族仇恨", "淫秽色情"}) // 关键词
  then deny
  message zh "内容“{e.text}”违反《生成式人工智能服务管理暂行办法》第四条的规定，请立即整改并重新提交审核" en "Content violates Art. 4"
}
)"},
      {"quantifiers", R"(package quant
record Item { name: string score: int tags: set<string> = {} }
record Batch { items: list<Item> limit: int }
fn heavy(b: Batch): bool = count(i in b.items: i.score > b.limit and text.contains_any(i.name, {"alpha", "beta", "gamma"})) > sum(i in b.items: i.score) / size(b.items)
fn nested(b: Batch): bool = any(i in b.items: all(t in i.tags: t != "" and any(u in b.items: u.name == t and u.score > i.score + b.limit)))
const weights: list<Item> = [Item { name: "first item with a long name", score: 1 }, Item { name: "second", score: 2, tags: {"x", "y"} }]
)"},
      {"strings", "package strings\nconst a: string = \"tab\\there\\nnewline \\\"q\\\" back\\\\slash \\u{1F600} \\u{4E2D}\"\n"
                  "const b: string = \"raw \xF0\x9F\x98\x80 emoji and \xE4\xB8\xAD\xE6\x96\x87\"\n"
                  "const c: string = \"\\u{7}bell\"\n"
                  "rule r(e: E) { when e.x then flag message en \"{e.x} braces {{ and }} \\\"q\\\"\" }\n"},
      {"blank_lines", "\n\n\npackage blanks\n\n\n\nimport std.text\n\n\nimport std.time\n\n\n\nenum A { x }\n\n\n\n\n"
                      "record B {\n\n\n  a: int\n\n\n\n  b: int\n\n\n}\n\n\n// lonely\n\n\n\nconst c: int = 1\n\n\n"},
      {"keywords_as_names", R"(package ctx
record title { en: int zh: int message: string severity: int }
fn effective(until: title): int = until.en + until.zh
const art: int = 1
const paras: set<int> = {art, 2}
enum error { info, low, medium, high, critical, by, item, para }
rule size(lines: title) { when lines.en > art then deny }
)"},
      {"deep_nesting", deepParens(60)},
      {"long_chain", longChain()},
  };
  return inputs;
}

}  // namespace gai::format::testing
