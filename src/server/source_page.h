// GET /source/ID: a corpus passage, the page an answer's source link opens.
// HTML for people, JSON with ?format=json for scripts.
#ifndef SPOTTER_SERVER_SOURCE_PAGE_H_
#define SPOTTER_SERVER_SOURCE_PAGE_H_

#include <string>
#include <string_view>

#include "compose/answer.h"

namespace spotter {

// A standalone page; every corpus character is escaped, never markup.
std::string SourcePageHtml(const SourceRef& passage);
std::string SourcePageJson(const SourceRef& passage);

// `text` with &, <, >, " and ' escaped for HTML.
std::string EscapeHtml(std::string_view text);

}  // namespace spotter

#endif  // SPOTTER_SERVER_SOURCE_PAGE_H_
