// The HTML timeline writer (see html.h): the page template with the run's events spliced in
// as JSON at its one placeholder. The template lives in timeline.html; timeline_html.inc is
// that file as a C++ raw string (gen_timeline_inc.sh), checked to be in sync by visual.sh.
#include "client/render/html.h"

#include <string_view>

namespace {

constexpr std::string_view kTemplate =
#include "client/render/timeline_html.inc"
    ;

constexpr std::string_view kPlaceholder = "/*TASKLENS_EVENTS*/[]";

}  // namespace

bool write_html(const std::vector<nlohmann::json>& events, std::ostream& out, std::string* error) {
    size_t at = kTemplate.find(kPlaceholder);
    if (at == std::string_view::npos) {
        if (error) *error = "the timeline template has no events placeholder";
        return false;
    }
    nlohmann::json array(events);
    std::string text = array.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    // '<' only occurs inside JSON strings, where \u003c means the same: no "</script>" can end
    // the element early.
    std::string safe;
    safe.reserve(text.size() + 64);
    for (char c : text) {
        if (c == '<') safe += "\\u003c";
        else safe += c;
    }
    out << kTemplate.substr(0, at) << safe << kTemplate.substr(at + kPlaceholder.size());
    out.flush();
    if (!out) {
        if (error) *error = "could not write the HTML timeline";
        return false;
    }
    return true;
}
