// The C ABI's option structs (gai.h) to the C++ ones.
#include "api/c_types.h"

namespace gai::capi {

namespace {

template <typename T, typename U>
void setLimit(T& limit, U value) {
  if (value != 0) limit = static_cast<T>(value);
}

}  // namespace

EvalOptions toEvalOptions(const gai_eval_options* options) {
  EvalOptions out;
  if (!options) return out;
  out.nowMicros = options->now_micros;
  out.lang = options->lang == GAI_LANG_ZH ? Lang::Zh : Lang::En;
  out.failOpen = options->fail_open != 0;
  out.strictInput = options->strict_input != 0;
  setLimit(out.maxInputBytes, options->max_input_bytes);
  setLimit(out.maxJsonDepth, options->max_json_depth);
  setLimit(out.maxStringBytes, options->max_string_bytes);
  setLimit(out.maxArrayElements, options->max_array_elements);
  return out;
}

CompileOptions toCompileOptions(const gai_compile_options* options) {
  CompileOptions out;
  if (!options) return out;
  out.engine = options->engine == GAI_ENGINE_INTERP ? Engine::Interp : Engine::Jit;
  out.strict = options->strict != 0;
  if (options->cache_dir) out.cacheDir = options->cache_dir;
  setLimit(out.maxSourceBytes, options->max_source_bytes);
  setLimit(out.maxBundleBytes, options->max_bundle_bytes);
  setLimit(out.maxNesting, options->max_nesting);
  setLimit(out.maxDeclarations, options->max_declarations);
  return out;
}

}  // namespace gai::capi
