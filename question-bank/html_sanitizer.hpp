#pragma once

#include <string>
#include <string_view>

namespace phongthi::bank {

/// The HTML of a question text reduced to what is safe to show: the tags b, i, u, em, strong,
/// sub, sup, br, p and img (with src only, and only "@@PLUGINFILE@@/NAME" or "data:image/…", SVG
/// excepted) are kept without attributes; every other tag is dropped and its text kept, except the
/// content of script, style, iframe, object, template and head, which is dropped whole; comments
/// and declarations go too. In the text & and < are escaped (references already written are kept),
/// open tags are closed, so the result is balanced. Sanitizing the result again changes nothing.
/// Any thread.
std::string sanitize_html(std::string_view html);

/// The plain text of an HTML question text, for output that cannot show HTML (PDF): the text is
/// sanitized, br and p become line breaks, a picture "[Hình: NAME]", other tags go, and character
/// references (&amp; &#7871; &#x1EBF;) are decoded. Any thread.
std::string html_to_text(std::string_view html);

} // namespace phongthi::bank
