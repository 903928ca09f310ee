// libFuzzer target: any bytes through JsonBinder::bind (and rendering of what binds), on
// both paths: On-Demand with the DOM binder behind it, and the DOM binder alone, which
// must agree byte for byte (value or error); a disagreement aborts.
// Build with -DGAI_FUZZ=ON (clang), run: ./gai_rt_bind_fuzz -max_total_time=60
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/json_bind.h"
#include "core/value_render.h"

namespace {

struct Fixture {
  gai::rt::TypeTable table;
  gai::rt::Type* event;
  gai::rt::Arena arena{size_t(64) << 20};
  gai::rt::JsonBinder binder, dom;

  Fixture() {
    dom.setOnDemand(false);
    using namespace gai::rt;
    Type* modality = table.addEnum("Modality", {"text", "image", "audio"});
    Type* label = table.addRecord("Label");
    table.addField(label, "ok", table.boolType());
    table.addField(label, "ratio", table.optionalOf(table.floatType()));
    event = table.addRecord("Event");
    table.addField(event, "n", table.intType());
    table.addField(event, "s", table.optionalOf(table.stringType()));
    table.addField(event, "d", table.optionalOf(table.dateType()));
    table.addField(event, "t", table.optionalOf(table.timestampType()));
    table.addField(event, "u", table.optionalOf(table.durationType()));
    table.addField(event, "m", table.setOf(modality));
    table.addField(event, "ss", table.setOf(table.stringType()));
    table.addField(event, "sf", table.setOf(table.floatType()));
    table.addField(event, "labels", table.listOf(label));
    table.addField(event, "label", table.optionalOf(label));
    table.finalize();
    table.setDefaultJson(event, 5, "[]");
    table.setDefaultJson(event, 6, "[]");
    table.setDefaultJson(event, 7, "[]");
    table.setDefaultJson(event, 8, "[]");
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture f;
  std::string_view json(reinterpret_cast<const char*>(data), size);
  auto outcome = [&](gai::rt::JsonBinder& binder) {
    gai::rt::BindError error;
    const void* v = binder.bind(json, *f.event, f.arena, error);
    std::string text = v ? "ok " + gai::rt::renderValue(*f.event, v) : "error " + error.toString();
    f.arena.reset();
    return text;
  };
  std::string fast = outcome(f.binder), dom = outcome(f.dom);
  if (fast != dom) {
    std::fprintf(stderr, "On-Demand and DOM binders disagree:\n  %s\n  %s\n", fast.c_str(), dom.c_str());
    std::abort();
  }
  return 0;
}
