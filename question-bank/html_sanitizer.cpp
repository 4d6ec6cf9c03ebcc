#include "question-bank/html_sanitizer.hpp"
#include "question-bank/format_constants.hpp"
#include "question-bank/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <vector>

namespace phongthi::bank {

namespace {

// Tags kept with their closing tag; br and img are handled apart (void elements).
constexpr std::array<std::string_view, 8> paired_tags{"b",      "i",   "u",   "em",
                                                      "strong", "sub", "sup", "p"};
// Elements whose content is code or metadata, not text for a reader: dropped with the tag.
constexpr std::array<std::string_view, 7> hidden_tags{"script",   "style", "iframe", "object",
                                                      "template", "head",  "title"};
// Deeper nesting is not written by any editor; the cap keeps closing a tag cheap.
constexpr std::size_t max_open_tags = 64;

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_hex(char c) {
    return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

char to_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), to_lower);
    return out;
}

template <std::size_t N>
bool one_of(std::array<std::string_view, N> const& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

struct tag {
    std::string name; // lower case
    bool closing = false;
    std::string src;     // the value of a src attribute, as written
    std::size_t end = 0; // just past the '>'
};

// The attribute value that starts at text[i]; moves i past it. nullopt on an unclosed quote.
std::optional<std::string_view> read_value(std::string_view text, std::size_t& i) {
    if (i < text.size() && (text[i] == '"' || text[i] == '\'')) {
        std::size_t const close = text.find(text[i], i + 1);
        if (close == std::string_view::npos)
            return std::nullopt;
        std::string_view const value = text.substr(i + 1, close - i - 1);
        i = close + 1;
        return value;
    }
    std::size_t const start = i;
    while (i < text.size() && !is_ascii_space(text[i]) && text[i] != '>')
        ++i;
    return text.substr(start, i - start);
}

// The tag that starts with the '<' at text[at]; nullopt when none does (no name, or no '>').
std::optional<tag> read_tag(std::string_view text, std::size_t at) {
    std::size_t i = at + 1;
    tag t;
    if (i < text.size() && text[i] == '/') {
        t.closing = true;
        ++i;
    }
    std::size_t const name_start = i;
    while (i < text.size() && (is_alpha(text[i]) || is_ascii_digit(text[i])))
        ++i;
    if (i == name_start || !is_alpha(text[name_start]))
        return std::nullopt;
    t.name = lower(text.substr(name_start, i - name_start));
    while (i < text.size()) {
        if (text[i] == '>') {
            t.end = i + 1;
            return t;
        }
        if (is_ascii_space(text[i]) || text[i] == '/') {
            ++i;
            continue;
        }
        std::size_t const attribute_start = i;
        while (i < text.size() && !is_ascii_space(text[i]) && text[i] != '=' && text[i] != '>' &&
               text[i] != '/')
            ++i;
        std::string const attribute = lower(text.substr(attribute_start, i - attribute_start));
        while (i < text.size() && is_ascii_space(text[i]))
            ++i;
        if (i >= text.size() || text[i] != '=')
            continue;
        ++i;
        while (i < text.size() && is_ascii_space(text[i]))
            ++i;
        auto const value = read_value(text, i);
        if (!value)
            return std::nullopt;
        if (attribute == "src")
            t.src = std::string(*value);
    }
    return std::nullopt;
}

// A picture from the question's own files or an inline raster image; no script can hide there.
bool safe_source(std::string_view src) {
    std::string const scheme = lower(src.substr(0, 15));
    bool const known = src.starts_with(plugin_file_prefix) ||
                       (scheme.starts_with("data:image/") && !scheme.starts_with("data:image/svg"));
    return known && std::none_of(src.begin(), src.end(), [](char c) {
               return c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' ||
                      static_cast<unsigned char>(c) < ' ';
           });
}

// Length of the character reference at text[at] == '&' (&amp; &#233; &#xE9;), 0 if none.
std::size_t entity_length(std::string_view text, std::size_t at) {
    std::size_t i = at + 1;
    auto const run = [&](auto accept, std::size_t most) {
        std::size_t const start = i;
        while (i < text.size() && i - start < most && accept(text[i]))
            ++i;
        return i - start;
    };
    std::size_t digits = 0;
    if (i < text.size() && text[i] == '#') {
        ++i;
        bool const hex = i < text.size() && (text[i] == 'x' || text[i] == 'X');
        i += hex ? 1 : 0;
        digits = hex ? run(is_hex, 6) : run(is_ascii_digit, 7);
    } else if (i < text.size() && is_alpha(text[i])) {
        digits = run([](char c) { return is_alpha(c) || is_ascii_digit(c); }, 32);
    }
    return digits > 0 && i < text.size() && text[i] == ';' ? i + 1 - at : 0;
}

class sanitizer {
public:
    explicit sanitizer(std::string_view html) : html_(html), folded_(lower(html)) {}

    std::string run() {
        std::size_t i = 0;
        while (i < html_.size())
            i = step(i);
        while (!open_.empty())
            close_top();
        return std::move(out_);
    }

private:
    // Handles what starts at html_[i]; returns where the next step starts.
    std::size_t step(std::size_t i) {
        char const c = html_[i];
        if (c == '&') {
            std::size_t const length = entity_length(html_, i);
            out_ += length > 0 ? html_.substr(i, length) : "&amp;";
            return i + std::max<std::size_t>(length, 1);
        }
        if (c != '<') {
            out_ += c;
            return i + 1;
        }
        if (html_.substr(i).starts_with("<!--"))
            return skip_past(html_.find("-->", i + 4), 3);
        if (i + 1 < html_.size() && (html_[i + 1] == '!' || html_[i + 1] == '?'))
            return skip_past(html_.find('>', i), 1);
        auto const t = read_tag(html_, i);
        if (!t) {
            out_ += "&lt;";
            return i + 1;
        }
        if (!t->closing && one_of(hidden_tags, t->name)) {
            std::size_t const close = folded_.find("</" + t->name, t->end);
            return close == std::string::npos ? html_.size() : skip_past(html_.find('>', close), 1);
        }
        write_tag(*t);
        return t->end;
    }

    std::size_t skip_past(std::size_t found, std::size_t length) const {
        return found == std::string_view::npos ? html_.size() : found + length;
    }

    void write_tag(tag const& t) {
        if (t.name == "br" && !t.closing) {
            out_ += "<br>";
        } else if (t.name == "img" && !t.closing && safe_source(t.src)) {
            out_ += "<img src=\"" + t.src + "\">";
        } else if (one_of(paired_tags, t.name) && !t.closing && open_.size() < max_open_tags) {
            out_ += "<" + t.name + ">";
            open_.push_back(t.name);
        } else if (one_of(paired_tags, t.name) && t.closing) {
            // Closing an outer tag closes the ones still open inside it; a stray one is dropped.
            auto const found = std::find(open_.rbegin(), open_.rend(), t.name);
            if (found == open_.rend())
                return;
            auto const keep = static_cast<std::size_t>(open_.rend() - found) - 1;
            while (open_.size() > keep)
                close_top();
        }
    }

    void close_top() {
        out_ += "</" + open_.back() + ">";
        open_.pop_back();
    }

    std::string_view html_;
    std::string folded_; // html_ in lower case, to find closing tags
    std::string out_;
    std::vector<std::string> open_;
};

void append_utf8(std::string& out, std::uint32_t code_point) {
    if (code_point == 0 || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF))
        code_point = 0xFFFD; // what browsers show for a reference to no character
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code_point >> 18));
        out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
}

// The text of one character reference as entity_length() found it ("&amp;", "&#233;").
void append_entity(std::string& out, std::string_view entity) {
    std::string_view const name = entity.substr(1, entity.size() - 2);
    if (name.starts_with('#')) {
        bool const hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
        std::uint32_t code_point = 0;
        std::from_chars(name.data() + (hex ? 2 : 1), name.data() + name.size(), code_point,
                        hex ? 16 : 10);
        return append_utf8(out, code_point);
    }
    constexpr std::array<std::pair<std::string_view, std::string_view>, 6> named{
        {{"amp", "&"},
         {"lt", "<"},
         {"gt", ">"},
         {"quot", "\""},
         {"apos", "'"},
         {"nbsp", "\u00A0"}}};
    auto const found = std::find_if(named.begin(), named.end(),
                                    [name](auto const& entry) { return entry.first == name; });
    out += found == named.end() ? entity : found->second;
}

} // namespace

std::string sanitize_html(std::string_view html) {
    return sanitizer(html).run();
}

std::string html_to_text(std::string_view html) {
    std::string const safe = sanitize_html(html);
    std::string out;
    for (std::size_t i = 0; i < safe.size();) {
        if (std::size_t const length = safe[i] == '&' ? entity_length(safe, i) : 0; length > 0) {
            append_entity(out, std::string_view(safe).substr(i, length));
            i += length;
        } else if (auto const t = safe[i] == '<' ? read_tag(safe, i) : std::nullopt) {
            if (t->name == "br" || (t->name == "p" && !out.empty() && out.back() != '\n'))
                out += '\n';
            else if (t->name == "img")
                out += "[Hình: " +
                       (t->src.starts_with(plugin_file_prefix)
                            ? t->src.substr(plugin_file_prefix.size())
                            : std::string("ảnh")) +
                       "]";
            i = t->end;
        } else {
            out += safe[i++];
        }
    }
    return out;
}

} // namespace phongthi::bank
