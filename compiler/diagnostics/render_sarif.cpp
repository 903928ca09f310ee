#include "render.h"
#include "render_util.h"

namespace gai {

namespace {

using render::Json;

constexpr const char* kSarifSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

// A relative URI reference for a path: bytes other than unreserved ones and '/' escaped.
std::string uriOf(std::string_view path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string uri;
  for (unsigned char c : path) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (plain) {
      uri += static_cast<char>(c);
    } else {
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 0xF];
    }
  }
  return uri;
}

Json message(std::string text) { return Json::object().set("text", Json::string(std::move(text))); }

Json ruleJson(const DiagInfo& info) {
  Json rule = Json::object();
  rule.set("id", Json::string(info.code));
  rule.set("name", Json::string(info.name));
  rule.set("shortDescription", message(info.format));
  rule.set("defaultConfiguration",
           Json::object().set("level", Json::string(render::severityName(info.severity))));
  return rule;
}

Json toolJson(const SarifTool& tool) {
  Json rules = Json::array();
  for (const DiagInfo& info : allDiagnostics()) rules.push(ruleJson(info));
  Json driver = Json::object();
  driver.set("name", Json::string(tool.name));
  driver.set("version", Json::string(tool.version));
  driver.set("informationUri", Json::string(tool.informationUri));
  driver.set("rules", std::move(rules));
  return Json::object().set("driver", std::move(driver));
}

// A physicalLocation; null without a place.
Json physicalLocation(const SourceManager& sources, Loc loc) {
  if (!render::hasPlace(sources, loc)) return Json::null();
  render::Region r = render::regionOf(sources, loc);
  Json region = Json::object();
  region.set("startLine", Json::number(r.line));
  region.set("startColumn", Json::number(r.column));
  region.set("endLine", Json::number(r.endLine));
  region.set("endColumn", Json::number(r.endColumn));
  Json physical = Json::object();
  physical.set("artifactLocation", Json::object().set("uri", Json::string(uriOf(sources.file(loc.file).path()))));
  physical.set("region", std::move(region));
  return physical;
}

Json relatedLocations(const SourceManager& sources, const Diagnostic& d) {
  Json related = Json::array();
  int64_t id = 0;
  for (const DiagNote& note : d.notes) {
    Json location = Json::object();
    location.set("id", Json::number(id++));
    Json physical = physicalLocation(sources, note.loc);
    if (!physical.isNull()) location.set("physicalLocation", std::move(physical));
    location.set("message", message(note.message));
    related.push(std::move(location));
  }
  return related;
}

Json resultJson(const SourceManager& sources, const Diagnostic& d) {
  Json result = Json::object();
  result.set("ruleId", Json::string(d.code()));
  result.set("ruleIndex", Json::number(static_cast<int64_t>(d.id)));
  result.set("level", Json::string(render::severityName(d.severity)));
  result.set("message", message(d.message));
  Json locations = Json::array();
  Json physical = physicalLocation(sources, d.loc);
  if (!physical.isNull()) locations.push(Json::object().set("physicalLocation", std::move(physical)));
  result.set("locations", std::move(locations));
  if (!d.notes.empty()) result.set("relatedLocations", relatedLocations(sources, d));
  if (!d.help.empty()) result.set("properties", Json::object().set("help", Json::string(d.help)));
  return result;
}

}  // namespace

std::string renderSarif(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics,
                        const SarifTool& tool) {
  Json results = Json::array();
  for (const Diagnostic& d : diagnostics) results.push(resultJson(sources, d));
  Json run = Json::object();
  run.set("tool", toolJson(tool));
  run.set("columnKind", Json::string("unicodeCodePoints"));
  run.set("results", std::move(results));
  Json log = Json::object();
  log.set("$schema", Json::string(kSarifSchema));
  log.set("version", Json::string("2.1.0"));
  log.set("runs", Json::array().push(std::move(run)));
  return log.dump();
}

}  // namespace gai
