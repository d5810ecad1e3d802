#include "server/source_page.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace spotter {

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string SourcePageHtml(const SourceRef& passage) {
  // Paragraphs as the corpus wrote them: a blank line separates two.
  std::string paragraphs;
  std::string_view rest = passage.excerpt;
  while (!rest.empty()) {
    const std::size_t end = rest.find("\n\n");
    const std::string_view paragraph = rest.substr(0, end);
    if (paragraph.find_first_not_of(" \n") != std::string_view::npos) {
      paragraphs += fmt::format("<p>{}</p>\n", EscapeHtml(paragraph));
    }
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 2);
  }
  return fmt::format(R"(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{0} · spotter</title>
<style>
  body {{ font: 17px/1.6 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1d2327; }}
  h1 {{ font-size: 1.5rem; line-height: 1.3; }}
  .id {{ color: #50575e; font-size: .85rem; }}
  footer {{ margin-top: 2rem; color: #50575e; font-size: .85rem; border-top: 1px solid #dcdcde; padding-top: 1rem; }}
</style>
</head>
<body>
<main>
<h1>{0}</h1>
<p class="id">Source {1}</p>
{2}</main>
<footer>General training information from the spotter knowledge base, not a diagnosis. If something hurts, or keeps coming back, ask a qualified coach or a clinician.</footer>
</body>
</html>
)",
                     EscapeHtml(passage.title), EscapeHtml(passage.id), paragraphs);
}

std::string SourcePageJson(const SourceRef& passage) {
  return nlohmann::json{{"id", passage.id}, {"title", passage.title}, {"text", passage.excerpt}}
      .dump();
}

}  // namespace spotter
