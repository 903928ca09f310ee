#include "syntax/source_text.h"

#include <algorithm>

namespace gai::syntax::detail {

namespace {

bool isCont(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

size_t utf8SequenceLength(std::string_view s, size_t i) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = at(i);
  if (c < 0x80) return 1;
  size_t n = 0;
  uint32_t min = 0;
  uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) { n = 2; min = 0x80; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { n = 3; min = 0x800; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { n = 4; min = 0x10000; cp = c & 0x07; }
  else return 0;
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if (!isCont(at(i + k))) return 0;
    cp = (cp << 6) | (at(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

PreparedText prepareSource(std::string_view fileText, FileId file, DiagnosticSink& diags) {
  PreparedText out;
  if (fileText.substr(0, 3) == "\xEF\xBB\xBF") {
    out.base = 3;
    fileText.remove_prefix(3);
  }
  out.text.assign(fileText);
  bool badUtf8 = false;
  bool nul = false;
  for (size_t i = 0; i < out.text.size();) {
    unsigned char c = static_cast<unsigned char>(out.text[i]);
    if (c == 0) {
      if (!nul) diags.emit(DiagId::NulByte, Loc{file, out.base + static_cast<uint32_t>(i), 1});
      nul = true;
      out.text[i++] = ' ';
      continue;
    }
    size_t n = utf8SequenceLength(out.text, i);
    if (n > 0) {
      i += n;
      continue;
    }
    if (!badUtf8)
      diags.emit(DiagId::InvalidUtf8, Loc{file, out.base + static_cast<uint32_t>(i), 1})
          .withHelp("the file must be UTF-8; invalid bytes are ignored");
    badUtf8 = true;
    out.text[i++] = ' ';
  }
  return out;
}

OffsetMap::OffsetMap(std::string_view text, uint32_t base) : base_(base), size_(text.size()) {
  ascii_ = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii_) return;
  table_.reserve(text.size() + 1);
  for (size_t i = 0; i < text.size(); ++i)
    if (!isCont(static_cast<unsigned char>(text[i]))) table_.push_back(static_cast<uint32_t>(i));
  table_.push_back(static_cast<uint32_t>(text.size()));
}

}  // namespace gai::syntax::detail
