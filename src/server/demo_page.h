// The page served at GET /: a plain demo that asks questions over the
// WebSocket and shows the answer objects. (The embeddable widget is its own
// piece of work.)
#ifndef SPOTTER_SERVER_DEMO_PAGE_H_
#define SPOTTER_SERVER_DEMO_PAGE_H_

#include <string_view>

namespace spotter {

std::string_view DemoPage();

}  // namespace spotter

#endif  // SPOTTER_SERVER_DEMO_PAGE_H_
