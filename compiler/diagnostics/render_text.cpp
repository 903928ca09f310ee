#include <fmt/core.h>

#include <algorithm>

#include "render.h"
#include "render_util.h"

namespace gai {

namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// One source line laid out for display: control characters and invalid UTF-8 shown as
// U+FFFD; `pad` reproduces the line's tabs up to the span so the caret lines up.
struct SnippetLine {
  std::string text;
  std::string pad;
  uint32_t width = 0;  // code points under the span on this line, at least 1
};

SnippetLine layoutLine(std::string_view line, size_t spanBegin, size_t spanEnd) {
  SnippetLine out;
  for (size_t i = 0; i < line.size();) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    size_t len = render::utf8Length(line, i);
    bool control = len == 1 && (c < 0x20 || c == 0x7F) && c != '\t';
    if (len == 0 || control) {
      out.text += kReplacement;
    } else {
      out.text.append(line.substr(i, len));
    }
    if (i < spanBegin) {
      out.pad += c == '\t' ? '\t' : ' ';
    } else if (i < spanEnd) {
      ++out.width;
    }
    i += len == 0 ? 1 : len;
  }
  out.width = std::max<uint32_t>(out.width, 1);
  return out;
}

void appendSnippet(std::string& out, const SourceFile& file, Loc loc) {
  LineCol at = file.lineCol(loc.offset);
  std::string_view line = file.lineText(at.line);
  size_t lineStart = line.data() ? static_cast<size_t>(line.data() - file.text().data()) : 0;
  size_t begin = std::min<size_t>(loc.offset, file.text().size()) - lineStart;
  size_t end = std::max(begin, std::min<size_t>(loc.end(), lineStart + line.size()) - lineStart);
  SnippetLine laid = layoutLine(line, begin, end);
  std::string number = std::to_string(at.line);
  std::string gutter(number.size(), ' ');
  out += fmt::format(" {} |{}{}\n", number, laid.text.empty() ? "" : " ", laid.text);
  out += fmt::format(" {} | {}^{}\n", gutter, laid.pad, std::string(laid.width - 1, '~'));
}

// `path:line:col: ` for a place, empty without one.
std::string placePrefix(const SourceManager& sources, Loc loc) {
  if (!render::hasPlace(sources, loc)) return {};
  LineCol at = sources.lineCol(loc);
  return fmt::format("{}:{}:{}: ", sources.file(loc.file).path(), at.line, at.column);
}

void appendPlaced(std::string& out, const SourceManager& sources, Loc loc, const std::string& head) {
  out += placePrefix(sources, loc) + head + "\n";
  if (render::hasPlace(sources, loc)) appendSnippet(out, sources.file(loc.file), loc);
}

}  // namespace

std::string renderText(const SourceManager& sources, const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    appendPlaced(out, sources, d.loc,
                 fmt::format("{}[{}]: {}", render::severityName(d.severity), d.code(), d.message));
    if (!d.help.empty()) out += "help: " + d.help + "\n";
    for (const DiagNote& note : d.notes) appendPlaced(out, sources, note.loc, "note: " + note.message);
  }
  return out;
}

std::string summaryLine(size_t errors, size_t warnings) {
  std::string errorText = fmt::format("{} error{}", errors, errors == 1 ? "" : "s");
  std::string warningText = fmt::format("{} warning{}", warnings, warnings == 1 ? "" : "s");
  if (errors && warnings) return errorText + ", " + warningText;
  if (errors) return errorText;
  if (warnings) return warningText;
  return {};
}

}  // namespace gai
