#include "render.h"
#include "render_util.h"

namespace gai {

namespace {

using render::Json;

// Sets file, line, column, endLine, endColumn on `object` (null without a place).
void setPlace(Json& object, const SourceManager& sources, Loc loc) {
  if (!render::hasPlace(sources, loc)) {
    for (const char* key : {"file", "line", "column", "endLine", "endColumn"}) object.set(key, Json::null());
    return;
  }
  render::Region r = render::regionOf(sources, loc);
  object.set("file", Json::string(sources.file(loc.file).path()));
  object.set("line", Json::number(r.line));
  object.set("column", Json::number(r.column));
  object.set("endLine", Json::number(r.endLine));
  object.set("endColumn", Json::number(r.endColumn));
}

Json noteJson(const SourceManager& sources, const DiagNote& note) {
  Json object = Json::object();
  object.set("message", Json::string(note.message));
  setPlace(object, sources, note.loc);
  return object;
}

Json diagnosticJson(const SourceManager& sources, const Diagnostic& d) {
  Json object = Json::object();
  object.set("code", Json::string(d.code()));
  object.set("severity", Json::string(render::severityName(d.severity)));
  object.set("message", Json::string(d.message));
  setPlace(object, sources, d.loc);
  object.set("help", d.help.empty() ? Json::null() : Json::string(d.help));
  Json notes = Json::array();
  for (const DiagNote& note : d.notes) notes.push(noteJson(sources, note));
  object.set("notes", std::move(notes));
  return object;
}

}  // namespace

std::string renderJson(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics) {
  Json all = Json::array();
  for (const Diagnostic& d : diagnostics) all.push(diagnosticJson(sources, d));
  return all.dump();
}

}  // namespace gai
