// Session::Impl::directVerdict, the hot path of Session::verdict of a bound value, inline
// for the files that decide bound values (session_fast.cpp, session_batch.cpp).
#pragma once

#include "api/session_impl.h"
#include "codegen/decide.h"  // DecideCtx (no LLVM)

namespace gai {

// Runner::next's work around the native function, then the verdict from its summary.
__attribute__((always_inline)) inline bool Session::Impl::directVerdict(const void* value, const EvalOptions& options,
                                                                         Verdict& out) {
  if (arena.cursor() != arenaMark) rewindArena();
  codegen::DecideCtx& ctx = *direct.ctx;
  int32_t bits = codegen::callDecide(direct.fn, ctx, value, options.nowMicros);
  if (ctx.slowMade) direct.dropSlow(direct.self);
  api::summaryVerdict(bits, options.failOpen, ctx, direct.rules, out);
  return !options.firedList || listFired(out);
}

}  // namespace gai
