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
  ctx.base.error = nullptr;
  ctx.entry = value;
  ctx.now = options.nowMicros;
  int32_t bits = direct.fn(value, options.nowMicros, &ctx);
  if (ctx.slowMade) direct.dropSlow(direct.self);
  out.effect = effectOf(bits, options.failOpen);
  out.fired.clear();
  if (!out.error.empty()) out.error.clear();
  out.firedSet = FiredSet(ctx.firedMask, direct.rules);
  out.excepted = ctx.excepted;
  out.errors = ctx.errors;
  return !options.firedList || listFired(out);
}

}  // namespace gai
