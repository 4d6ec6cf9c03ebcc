#include "question-bank/docx_bank.hpp"
#include "question-bank/format_constants.hpp"
#include "question-bank/media_type.hpp"
#include "question-bank/ooxml.hpp"

#include "question-bank/text.hpp"

#include <pugixml.hpp>
#include <zip.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace phongthi::bank {

namespace {

using ooxml::attribute;
using ooxml::child;
using ooxml::local_name;
using ooxml::megabytes;

constexpr std::string_view document_part = "word/document.xml";
constexpr std::string_view relationships_part = "word/_rels/document.xml.rels";
constexpr std::string_view numbering_part = "word/numbering.xml";
constexpr std::string_view styles_part = "word/styles.xml";
constexpr std::size_t relationships_bytes = 4 * 1024 * 1024;
/// word/numbering.xml and word/styles.xml, each.
constexpr std::size_t numbering_bytes = 4 * 1024 * 1024;
constexpr int max_list_levels = 9;
constexpr int max_list_number = 1'000'000;
constexpr int max_style_bases = 8;
constexpr int max_xml_depth = 256;
constexpr std::size_t read_chunk = 64 * 1024;
constexpr std::size_t max_label_bytes = 40;
constexpr std::size_t max_header_word_bytes = 24;

constexpr std::uint8_t bold_flag = 1;
constexpr std::uint8_t underline_flag = 2;
constexpr std::uint8_t red_flag = 4;

// Refuses the whole file; caught once in read_docx_bank(). Also thrown by a picture that cannot
// be read, where it is caught for that question alone.
struct docx_error {
    std::string code;
    std::string message_vi;
    std::string message_en;
    int line = 0;
};

/// A read-only zip archive over bytes in memory that counts every byte it inflates.
class zip_archive {
public:
    explicit zip_archive(std::string_view bytes) {
        zip_error_t error;
        zip_error_init(&error);
        // libzip opens zero bytes as an empty archive; that is no .docx either.
        zip_source_t* source =
            bytes.empty() ? nullptr
                          : zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
        if (source != nullptr) {
            zip_.reset(zip_open_from_source(source, ZIP_RDONLY, &error));
            if (!zip_)
                zip_source_free(source);
        }
        zip_error_fini(&error);
        if (!zip_)
            throw docx_error{"not_docx",
                             "Tệp không phải tài liệu Word .docx (không mở được dạng nén zip)",
                             "The file is not a Word .docx document (not a readable zip)"};
    }

    /// The member `name` (case-insensitive), nullopt when absent. Refuses a member whose
    /// declared size exceeds `limit`, and stops as soon as the bytes actually inflated exceed
    /// the declared size, `limit` or the archive's total budget (zip bombs).
    std::optional<std::string> read(std::string_view name, std::size_t limit) {
        std::string const wanted(name);
        zip_int64_t const index = zip_name_locate(zip_.get(), wanted.c_str(), ZIP_FL_NOCASE);
        if (index < 0)
            return std::nullopt;
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(zip_.get(), static_cast<zip_uint64_t>(index), 0, &stat) != 0)
            throw unreadable(name);
        zip_uint64_t const declared = (stat.valid & ZIP_STAT_SIZE) != 0 ? stat.size : limit;
        if (declared > limit)
            throw too_large(name, limit);
        std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(
            zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(index), 0), &zip_fclose);
        if (!file)
            throw unreadable(name);
        std::string data;
        std::array<char, read_chunk> chunk;
        for (;;) {
            zip_int64_t const got = zip_fread(file.get(), chunk.data(), chunk.size());
            if (got < 0)
                throw unreadable(name);
            if (got == 0)
                return data;
            auto const size = static_cast<std::size_t>(got);
            if (data.size() + size > declared || unpacked_ + size > import_limits::unpacked_bytes)
                throw too_large(name, limit);
            unpacked_ += size;
            data.append(chunk.data(), size);
        }
    }

private:
    static docx_error unreadable(std::string_view name) {
        std::string const member(name);
        return {"zip_unreadable",
                "Không đọc được " + member + " trong tệp nén (tệp hỏng hoặc có mật khẩu)",
                "Cannot read " + member + " in the zip (damaged or password-protected)"};
    }

    static docx_error too_large(std::string_view name, std::size_t limit) {
        std::string const member(name);
        return {"unpacked_too_large",
                "Phần " + member + " khi giải nén vượt quá " + megabytes(limit) +
                    ", vượt tổng giới hạn " + megabytes(import_limits::unpacked_bytes) +
                    " hoặc lớn hơn kích thước khai báo: tệp có thể là bom nén (zip bomb)",
                "The part " + member + " unpacks to more than " + megabytes(limit) +
                    ", more than the " + megabytes(import_limits::unpacked_bytes) +
                    " total, or more than its declared size: the file may be a zip bomb"};
    }

    std::unique_ptr<zip_t, decltype(&zip_discard)> zip_{nullptr, &zip_discard};
    std::size_t unpacked_ = 0;
};

/// Visits the elements under `root` in document order without recursion, so deep nesting cannot
/// overflow the stack; `visit(node, depth)` returns whether to go into the node.
template <class Visit> void walk(pugi::xml_node root, Visit&& visit) {
    pugi::xml_node node = root.first_child();
    int depth = 1;
    while (node) {
        bool const enter = node.type() == pugi::node_element && visit(node, depth);
        if (enter && node.first_child()) {
            node = node.first_child();
            ++depth;
            continue;
        }
        while (node != root && !node.next_sibling()) {
            node = node.parent();
            --depth;
        }
        if (node == root)
            return;
        node = node.next_sibling();
    }
}

docx_error bad_utf8(int line) {
    return {"bad_utf8", "Tài liệu chứa văn bản không phải UTF-8 hợp lệ",
            "The document contains text that is not valid UTF-8", line};
}

/// Parses an XML part in place (`text` must outlive `xml`), after the checks that bound
/// pugixml's memory; a DTD is refused outright, so no entity is ever expanded.
void parse_part(pugi::xml_document& xml, std::string& text, std::string_view name) {
    std::string const part(name);
    if (text.starts_with(utf8_bom))
        text.erase(0, 3);
    if (!is_valid_utf8(text))
        throw bad_utf8(0);
    auto const markup = static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return c == '<' || c == '='; }));
    if (markup > import_limits::xml_markup)
        throw docx_error{"xml_too_complex", "Phần " + part + " có quá nhiều thẻ XML",
                         "The part " + part + " has too many XML elements"};
    if (text.find("<!DOCTYPE") != std::string::npos)
        throw docx_error{"xml_dtd",
                         "Phần " + part + " chứa khai báo DTD, không được phép trong .docx",
                         "The part " + part + " contains a DTD, which a .docx never has"};
    auto const parsed = xml.load_buffer_inplace(text.data(), text.size(),
                                                pugi::parse_default | pugi::parse_ws_pcdata_single,
                                                pugi::encoding_utf8);
    if (!parsed) {
        std::string const at = std::to_string(parsed.offset);
        throw docx_error{"xml_syntax", "Phần " + part + " bị hỏng: lỗi XML ở byte " + at,
                         "The part " + part + " is damaged: XML error at byte " + at};
    }
    int deepest = 0;
    walk(xml, [&](pugi::xml_node, int depth) {
        deepest = std::max(deepest, depth);
        return depth <= max_xml_depth;
    });
    if (deepest > max_xml_depth)
        throw docx_error{"xml_too_deep", "Phần " + part + " có các thẻ XML lồng nhau quá sâu",
                         "The part " + part + " nests XML elements too deeply"};
}

struct relationship {
    std::string target; ///< the part's path in the zip, e.g. "word/media/image1.png"
    bool external = false;
};

using relationships = std::map<std::string, relationship, std::less<>>;

/// Resolves a relationship target against the folder word/ ("media/a.png", "/word/media/a.png",
/// "../media/a.png").
std::string part_path(std::string_view target) {
    std::string const joined =
        target.starts_with('/') ? std::string(target.substr(1)) : "word/" + std::string(target);
    std::vector<std::string_view> segments;
    std::string_view rest(joined);
    while (!rest.empty()) {
        auto const slash = rest.find('/');
        auto const segment = rest.substr(0, slash);
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
        if (segment == "..") {
            if (!segments.empty())
                segments.pop_back();
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(segment);
        }
    }
    std::string path;
    for (auto const segment : segments)
        path.append(path.empty() ? "" : "/").append(segment);
    return path;
}

relationships read_relationships(zip_archive& zip) {
    relationships found;
    auto text = zip.read(relationships_part, relationships_bytes);
    if (!text)
        return found;
    pugi::xml_document xml;
    parse_part(xml, *text, relationships_part);
    walk(xml, [&](pugi::xml_node node, int) {
        if (local_name(node.name()) != "Relationship")
            return true;
        found[std::string(attribute(node, "Id"))] = {part_path(attribute(node, "Target")),
                                                     attribute(node, "TargetMode") == "External"};
        return false;
    });
    return found;
}

/// One paragraph's text rebuilt from all its runs, with the style of every byte, so a marker
/// split over several runs ("C", "âu 1", ":") reads as one.
struct paragraph {
    struct image_ref {
        std::size_t offset; ///< where in `text` the picture stands
        std::string id;     ///< its relationship id
    };
    int number = 0;
    std::string text;                ///< NFC; tabs and line breaks kept as '\t' and '\n'
    std::vector<std::uint8_t> flags; ///< bold_flag | underline_flag | red_flag of each byte
    std::vector<image_ref> images;
    bool too_long = false;
};

bool toggle_on(pugi::xml_node property) {
    std::string_view const value = attribute(property, "val");
    return value != "0" && value != "false" && value != "off" && value != "none";
}

/// Pure and near reds: FF0000, C00000 (Word's dark red), E53935...
bool is_red(std::string_view hex) {
    if (hex.size() != 6)
        return false;
    std::array<unsigned, 3> rgb{};
    for (std::size_t i = 0; i < 3; ++i) {
        auto const [end, error] =
            std::from_chars(hex.data() + 2 * i, hex.data() + 2 * i + 2, rgb[i], 16);
        if (error != std::errc() || end != hex.data() + 2 * i + 2)
            return false;
    }
    return rgb[0] >= 0xB0 && rgb[1] <= 0x60 && rgb[2] <= 0x60;
}

std::uint8_t run_flags(pugi::xml_node properties) {
    std::uint8_t flags = 0;
    for (auto const property : properties.children()) {
        auto const name = local_name(property.name());
        if (name == "b" && toggle_on(property))
            flags |= bold_flag;
        else if (name == "u" && toggle_on(property))
            flags |= underline_flag;
        else if (name == "color" && is_red(attribute(property, "val")))
            flags |= red_flag;
    }
    return flags;
}

void append_text(paragraph& p, std::string_view text, std::uint8_t flags) {
    if (p.too_long || p.text.size() + text.size() > import_limits::text_bytes) {
        p.too_long = true;
        return;
    }
    if (!is_valid_utf8(text))
        throw bad_utf8(p.number);
    std::string const nfc = to_nfc(text);
    for (std::size_t i = 0; i < nfc.size(); ++i) {
        bool const no_break_space = nfc.compare(i, 2, "\xC2\xA0") == 0;
        p.text += no_break_space ? ' ' : nfc[i];
        i += no_break_space ? 1 : 0;
    }
    p.flags.resize(p.text.size(), flags);
}

void find_images(pugi::xml_node node, paragraph& p) {
    walk(node, [&](pugi::xml_node n, int) {
        auto const name = local_name(n.name());
        if (name == "Fallback" || name == "txbxContent")
            return false;
        std::string_view const id = name == "blip"        ? attribute(n, "embed")
                                    : name == "imagedata" ? attribute(n, "id")
                                                          : std::string_view();
        if (!id.empty())
            p.images.push_back({p.text.size(), std::string(id)});
        return true;
    });
}

void read_run(pugi::xml_node run, paragraph& p) {
    std::uint8_t const flags = run_flags(child(run, "rPr"));
    for (auto const c : run.children()) {
        if (c.type() != pugi::node_element)
            continue;
        auto const name = local_name(c.name());
        if (name == "t")
            append_text(p, c.child_value(), flags);
        else if (name == "tab" || name == "ptab")
            append_text(p, "\t", flags);
        else if (name == "br" || name == "cr")
            append_text(p, "\n", flags);
        else if (name == "noBreakHyphen")
            append_text(p, "-", flags);
        else if (name != "rPr")
            find_images(c, p);
    }
}

paragraph read_paragraph(pugi::xml_node node, int number) {
    paragraph p;
    p.number = number;
    walk(node, [&](pugi::xml_node n, int) {
        auto const name = local_name(n.name());
        if (name == "r") {
            read_run(n, p);
            return false;
        }
        return name != "pPr" && name != "del" && name != "moveFrom" && name != "Fallback";
    });
    return p;
}

std::size_t skip_spaces(std::string_view text, std::size_t pos) {
    while (pos < text.size() && is_ascii_space(text[pos]))
        ++pos;
    return pos;
}

struct span {
    std::size_t begin = 0;
    std::size_t end = 0;
};

bool has_text(paragraph const& p, span s) {
    return std::any_of(p.text.begin() + static_cast<std::ptrdiff_t>(s.begin),
                       p.text.begin() + static_cast<std::ptrdiff_t>(s.end),
                       [](char c) { return !is_ascii_space(c); });
}

/// The style flags every visible character of `s` carries; 0 when it has no visible character.
std::uint8_t common_flags(paragraph const& p, span s) {
    std::uint8_t flags = bold_flag | underline_flag | red_flag;
    for (std::size_t i = s.begin; i < s.end; ++i) {
        if (!is_ascii_space(p.text[i]))
            flags &= p.flags[i];
    }
    return has_text(p, s) ? flags : 0;
}

/// "Câu 12 (0,5 điểm):" — the number as written, points or level from the parentheses, and
/// where the rest of the paragraph starts.
struct header {
    std::string number;
    double points = 1;
    std::optional<cognitive_level> level;
    std::size_t rest = 0;
};

void read_header_note(std::string_view note, header& h) {
    if (auto const level = parse_level(note)) {
        h.level = level;
        return;
    }
    auto const first = std::find_if(note.begin(), note.end(), is_ascii_digit);
    std::string number;
    for (auto it = first; it != note.end() && (is_ascii_digit(*it) || *it == ',' || *it == '.');
         ++it)
        number += *it == ',' ? '.' : *it;
    double points = 0;
    auto const [end, error] = std::from_chars(number.data(), number.data() + number.size(), points);
    if (error == std::errc() && end == number.data() + number.size() && points > 0)
        h.points = points;
}

std::optional<header> match_header(std::string_view text) {
    std::size_t const begin = skip_spaces(text, 0);
    std::size_t digits = begin;
    while (digits < text.size() && digits - begin < max_header_word_bytes &&
           !is_ascii_digit(text[digits]))
        ++digits;
    if (digits == begin || digits >= text.size() || !is_ascii_digit(text[digits]))
        return std::nullopt;
    std::string const word = fold_case(text.substr(begin, digits - begin));
    if (word != "câu" && word != "câu hỏi" && word != "question")
        return std::nullopt;
    std::size_t pos = digits;
    while (pos < text.size() && is_ascii_digit(text[pos]))
        ++pos;
    if (pos - digits > 6)
        return std::nullopt;
    header h;
    h.number = std::string(text.substr(digits, pos - digits));
    pos = skip_spaces(text, pos);
    if (pos < text.size() && text[pos] == '(') {
        auto const close = text.find(')', pos);
        if (close == std::string_view::npos)
            return std::nullopt;
        read_header_note(text.substr(pos + 1, close - pos - 1), h);
        pos = skip_spaces(text, close + 1);
    }
    if (pos < text.size()) {
        if (std::string_view(":.)-").find(text[pos]) == std::string_view::npos)
            return std::nullopt;
        ++pos;
    }
    h.rest = pos;
    return h;
}

/// "12. Text" or "12) Text": a question number without "Câu", as many banks are typed (or as
/// Word's "%1." numbering shows). "1.5" and "2.3.1" are not: a space must follow.
std::optional<header> match_plain_number(std::string_view text) {
    std::size_t const begin = skip_spaces(text, 0);
    std::size_t pos = begin;
    while (pos < text.size() && is_ascii_digit(text[pos]))
        ++pos;
    if (pos == begin || pos - begin > 4 || pos + 1 >= text.size() ||
        (text[pos] != '.' && text[pos] != ')') || !is_ascii_space(text[pos + 1]))
        return std::nullopt;
    header h;
    h.number = std::string(text.substr(begin, pos - begin));
    h.rest = pos + 1;
    if (skip_spaces(text, h.rest) == text.size())
        return std::nullopt;
    return h;
}

/// An option's marker: "A.", "A)", "a.", with a leading "*" for the right answer.
struct marker {
    std::size_t begin = 0;  ///< where the marker starts (the "*" if any)
    std::size_t letter = 0; ///< where the letter is; the marker's punctuation follows it
    char name = 'A';        ///< the letter in upper case
    bool star = false;
};

std::optional<marker> match_marker(std::string_view text, std::size_t pos) {
    marker m{pos, pos, 'A', false};
    if (pos < text.size() && text[pos] == '*') {
        m.star = true;
        pos = skip_spaces(text, pos + 1);
    }
    if (pos + 1 >= text.size())
        return std::nullopt;
    char const c = text[pos];
    char const punctuation = text[pos + 1];
    bool const upper = c >= 'A' && c <= 'J' && (punctuation == '.' || punctuation == ')');
    bool const lower = c >= 'a' && c <= 'j' && punctuation == '.';
    if (!upper && !lower)
        return std::nullopt;
    // "A.Đảng" and "A.12" are options typed without a space; "a.m." and "E.coli" are not.
    if (pos + 2 < text.size() &&
        ((text[pos + 2] >= 'a' && text[pos + 2] <= 'z') || text[pos + 2] == '.'))
        return std::nullopt;
    m.letter = pos;
    m.name = upper ? c : static_cast<char>(c - 'a' + 'A');
    return m;
}

/// The option markers that start `text` from `from` or follow a tab or line break in it.
std::vector<marker> find_markers(std::string_view text, std::size_t from) {
    std::vector<marker> found;
    std::size_t pos = from;
    for (;;) {
        std::size_t const start = skip_spaces(text, pos);
        if (auto const m = match_marker(text, start))
            found.push_back(*m);
        pos = text.find_first_of("\t\n", start);
        if (pos == std::string_view::npos)
            return found;
        ++pos;
    }
}

/// One level of a Word list: how the label of its paragraphs is written.
struct list_level {
    std::string format = "decimal"; ///< w:numFmt: decimal, upperLetter, lowerRoman, bullet...
    std::string text;               ///< w:lvlText, e.g. "Câu %1:" or "%1."
    int start = 1;
};

/// A list as a paragraph uses it (a w:num), its overrides applied; `counter` names the counters it
/// shares: the w:abstractNum's, or its own when it restarts with a w:startOverride, as in Word.
struct list_format {
    std::array<list_level, max_list_levels> levels;
    std::string counter;
};

/// A paragraph's place in a list: w:numId and w:ilvl.
struct list_ref {
    std::string id;
    int level = 0;
};

/// The whole of `text` as an integer in [low, high]; nullopt otherwise.
std::optional<int> parse_int(std::string_view text, int low, int high) {
    int value = 0;
    auto const [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < low || value > high)
        return std::nullopt;
    return value;
}

/// The attribute w:val of `node` as an integer in [low, high].
std::optional<int> int_value(pugi::xml_node node, int low, int high) {
    return parse_int(attribute(node, "val"), low, high);
}

/// "A".."Z", then "AA", "BB"... as Word counts letters.
std::string letter_number(int n, char first) {
    auto const index = static_cast<std::size_t>(n - 1);
    return std::string(index / 26 + 1, static_cast<char>(first + static_cast<int>(index % 26)));
}

std::string roman_number(int n, bool upper) {
    static constexpr std::array<std::pair<int, std::string_view>, 13> numerals{{{1000, "m"},
                                                                                {900, "cm"},
                                                                                {500, "d"},
                                                                                {400, "cd"},
                                                                                {100, "c"},
                                                                                {90, "xc"},
                                                                                {50, "l"},
                                                                                {40, "xl"},
                                                                                {10, "x"},
                                                                                {9, "ix"},
                                                                                {5, "v"},
                                                                                {4, "iv"},
                                                                                {1, "i"}}};
    std::string out;
    for (auto const& [value, numeral] : numerals) {
        for (; n >= value; n -= value)
            out += numeral;
    }
    if (upper)
        std::transform(out.begin(), out.end(), out.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

/// The number `n` written in the w:numFmt `format`; formats not listed are written in digits.
std::string format_number(int n, std::string_view format) {
    if (format == "none")
        return {};
    if (n >= 1 && n <= max_list_number && (format == "upperLetter" || format == "lowerLetter"))
        return letter_number(n, format == "upperLetter" ? 'A' : 'a');
    if (n >= 1 && n <= 3999 && (format == "upperRoman" || format == "lowerRoman"))
        return roman_number(n, format == "upperRoman");
    std::string digits = std::to_string(n);
    return format == "decimalZero" && n < 10 ? "0" + digits : digits;
}

/// Word's automatic numbering, from word/numbering.xml and the paragraph styles of
/// word/styles.xml: renders the label Word shows before each numbered paragraph, counting as
/// Word does. What cannot be read is left out and noted in damaged().
class list_numbering {
public:
    explicit list_numbering(zip_archive& zip) {
        try {
            read_lists(zip);
        } catch (docx_error const&) {
            lists_.clear();
            damaged_ = true;
        }
        try {
            read_styles(zip);
        } catch (docx_error const&) {
            styles_.clear();
            damaged_ = true;
        }
    }

    /// Whether something of the numbering could not be read.
    bool damaged() const { return damaged_; }

    /// The label of the paragraph `p` in document order ("Câu 3:", "B."), empty when it is not
    /// numbered or is a bullet; advances the list's counters.
    std::string next_label(pugi::xml_node p) {
        auto const properties = child(p, "pPr");
        auto const ref = list_of(properties);
        if (!ref || ref->id == "0")
            return {};
        auto const list = lists_.find(ref->id);
        if (list == lists_.end()) {
            damaged_ = true;
            return {};
        }
        auto const& levels = list->second.levels;
        auto& counters = counters_[list->second.counter];
        auto const level = static_cast<std::size_t>(ref->level);
        counters[level] = counters[level] ? *counters[level] + 1 : levels[level].start;
        std::fill(counters.begin() + static_cast<std::ptrdiff_t>(level) + 1, counters.end(),
                  std::nullopt);
        if (levels[level].format == "bullet")
            return {};
        std::string_view const text = levels[level].text;
        std::string label;
        for (std::size_t i = 0; i < text.size(); ++i) {
            char const digit = i + 1 < text.size() ? text[i + 1] : '\0';
            if (text[i] != '%' || digit < '1' || digit > '9') {
                label += text[i];
                continue;
            }
            auto const shown = static_cast<std::size_t>(digit - '1');
            label +=
                format_number(counters[shown].value_or(levels[shown].start), levels[shown].format);
            ++i;
        }
        return to_nfc(label);
    }

private:
    using level_set = std::array<list_level, max_list_levels>;

    /// The w:numPr of paragraph properties, the paragraph style's filling what it leaves out.
    std::optional<list_ref> list_of(pugi::xml_node properties) {
        std::optional<list_ref> ref;
        auto const style = styles_.find(attribute(child(properties, "pStyle"), "val"));
        if (style != styles_.end())
            ref = style->second;
        auto const own = child(properties, "numPr");
        if (!own)
            return ref;
        auto const id = child(own, "numId");
        auto const level = child(own, "ilvl");
        if (!id && !ref)
            return std::nullopt;
        list_ref out = ref.value_or(list_ref{});
        if (id)
            out.id = attribute(id, "val");
        if (level)
            out.level = checked(int_value(level, 0, max_list_levels - 1), 0);
        return out;
    }

    /// `value`, or `fallback` after noting the damage.
    int checked(std::optional<int> value, int fallback) {
        damaged_ = damaged_ || !value;
        return value.value_or(fallback);
    }

    void read_level(pugi::xml_node lvl, level_set& levels) {
        auto const level = parse_int(attribute(lvl, "ilvl"), 0, max_list_levels - 1);
        if (!level) {
            damaged_ = true;
            return;
        }
        list_level& out = levels[static_cast<std::size_t>(*level)];
        if (auto const format = child(lvl, "numFmt"))
            out.format = attribute(format, "val");
        if (auto const text = child(lvl, "lvlText"))
            out.text = attribute(text, "val").substr(0, max_label_bytes);
        if (auto const start = child(lvl, "start"))
            out.start = checked(int_value(start, 0, max_list_number), 1);
    }

    void read_lists(zip_archive& zip) {
        auto text = zip.read(numbering_part, numbering_bytes);
        if (!text)
            return;
        pugi::xml_document xml;
        parse_part(xml, *text, numbering_part);
        auto const root = child(xml, "numbering");
        std::map<std::string, level_set, std::less<>> abstract;
        for (auto const node : root.children()) {
            if (local_name(node.name()) != "abstractNum")
                continue;
            level_set& levels = abstract[std::string(attribute(node, "abstractNumId"))];
            for (auto const lvl : node.children()) {
                if (local_name(lvl.name()) == "lvl")
                    read_level(lvl, levels);
            }
        }
        for (auto const node : root.children()) {
            if (local_name(node.name()) != "num")
                continue;
            std::string_view const base = attribute(child(node, "abstractNumId"), "val");
            auto const found = abstract.find(base);
            if (found == abstract.end()) {
                damaged_ = true;
                continue;
            }
            std::string const id(attribute(node, "numId"));
            list_format& list = lists_[id];
            list.levels = found->second;
            list.counter = "abstract " + std::string(base);
            for (auto const override : node.children()) {
                if (local_name(override.name()) != "lvlOverride")
                    continue;
                auto const index = parse_int(attribute(override, "ilvl"), 0, max_list_levels - 1);
                if (!index) {
                    damaged_ = true;
                    continue;
                }
                if (auto const lvl = child(override, "lvl"))
                    read_level(lvl, list.levels);
                if (auto const start = child(override, "startOverride")) {
                    list.levels[static_cast<std::size_t>(*index)].start =
                        checked(int_value(start, 0, max_list_number), 1);
                    list.counter = "num " + id;
                }
            }
        }
    }

    void read_styles(zip_archive& zip) {
        auto text = zip.read(styles_part, numbering_bytes);
        if (!text)
            return;
        pugi::xml_document xml;
        parse_part(xml, *text, styles_part);
        std::map<std::string, std::pair<std::optional<list_ref>, std::string>, std::less<>> found;
        for (auto const style : child(xml, "styles").children()) {
            if (local_name(style.name()) != "style" || attribute(style, "type") != "paragraph")
                continue;
            auto& [ref, based_on] = found[std::string(attribute(style, "styleId"))];
            based_on = attribute(child(style, "basedOn"), "val");
            auto const numbering = child(child(style, "pPr"), "numPr");
            if (!numbering)
                continue;
            ref = list_ref{std::string(attribute(child(numbering, "numId"), "val")), 0};
            if (auto const level = child(numbering, "ilvl"))
                ref->level = checked(int_value(level, 0, max_list_levels - 1), 0);
        }
        // A style without numbering takes its base style's, a few bases deep at most.
        for (auto const& [id, entry] : found) {
            auto const* current = &entry;
            for (int hop = 0; !current->first && hop < max_style_bases; ++hop) {
                auto const base = found.find(current->second);
                if (base == found.end())
                    break;
                current = &base->second;
            }
            if (current->first)
                styles_[id] = *current->first;
        }
    }

    std::map<std::string, list_format, std::less<>> lists_;
    std::map<std::string, list_ref, std::less<>> styles_;
    std::map<std::string, std::array<std::optional<int>, max_list_levels>> counters_;
    bool damaged_ = false;
};

/// Puts the list label `label` before the text of `p`, in the style of the paragraph mark as Word
/// shows it; a "*" leading an option's text moves before its letter ("*B."), where it marks it.
void prefix_label(paragraph& p, std::string_view label, std::uint8_t flags) {
    paragraph numbered;
    numbered.number = p.number;
    std::size_t const first = skip_spaces(p.text, 0);
    bool const star = first < p.text.size() && p.text[first] == '*' &&
                      match_marker(std::string(label) + " ", 0).has_value();
    append_text(numbered, std::string(star ? "*" : "") + std::string(label) + " ", flags);
    std::size_t const kept = star ? first + 1 : 0;
    std::size_t const label_size = numbered.text.size();
    numbered.text.append(p.text, kept);
    numbered.flags.insert(numbered.flags.end(), p.flags.begin() + static_cast<std::ptrdiff_t>(kept),
                          p.flags.end());
    for (auto& image : p.images)
        numbered.images.push_back(
            {label_size + std::max(image.offset, kept) - kept, std::move(image.id)});
    numbered.too_long = p.too_long;
    p = std::move(numbered);
}

enum class label { topic, level, answer, explanation };

/// "Chuyên đề: ...", "Mức độ: ...", "Đáp án: ...", "Giải thích: ..." (any case): the kind and
/// where the value starts.
std::optional<std::pair<label, std::size_t>> match_label(std::string_view text) {
    static constexpr std::array<std::pair<std::string_view, label>, 14> labels{{
        {"chuyên đề", label::topic},
        {"chủ đề", label::topic},
        {"topic", label::topic},
        {"mức độ", label::level},
        {"level", label::level},
        {"đáp án", label::answer},
        {"đáp án đúng", label::answer},
        {"đa", label::answer},
        {"answer", label::answer},
        {"correct answer", label::answer},
        {"giải thích", label::explanation},
        {"lời giải", label::explanation},
        {"hướng dẫn giải", label::explanation},
        {"explanation", label::explanation},
    }};
    auto const colon = text.find(':');
    if (colon == std::string_view::npos || colon > max_label_bytes)
        return std::nullopt;
    std::string const key = fold_case(text.substr(0, colon));
    for (auto const& [name, kind] : labels) {
        if (key == name)
            return std::pair{kind, colon + 1};
    }
    return std::nullopt;
}

/// The letters of an answer line ("B", "A, C", "A và C", "B. Đại hội..."); empty when unreadable.
std::string answer_letters(std::string_view value) {
    constexpr std::string_view separators = " \t\n,;/&+";
    std::string letters;
    std::size_t pos = 0;
    for (;;) {
        pos = value.find_first_not_of(separators, pos);
        if (pos == std::string_view::npos)
            return letters;
        auto const end = std::min(value.find_first_of(separators, pos), value.size());
        std::string_view token = value.substr(pos, end - pos);
        pos = end;
        if (fold_case(token) == "và" || fold_case(token) == "and")
            continue;
        if (token.size() == 2 && (token[1] == '.' || token[1] == ')'))
            token.remove_suffix(1);
        char const c = token.size() == 1 ? token[0] : '\0';
        if (c >= 'A' && c <= 'J')
            letters += c;
        else if (c >= 'a' && c <= 'j')
            letters += static_cast<char>(c - 'a' + 'A');
        else
            return letters;
    }
}

void append_html(std::string& out, std::string_view text) {
    // Line breaks become <br>, tabs spaces; the rest is escaped.
    std::size_t start = 0;
    while (start <= text.size()) {
        auto const end = std::min(text.find('\n', start), text.size());
        std::string line = html_escape(text.substr(start, end - start));
        std::replace(line.begin(), line.end(), '\t', ' ');
        out += line;
        if (end < text.size())
            out += "<br>";
        start = end + 1;
    }
}

std::string file_name_of(std::string_view path) {
    return std::string(path.substr(path.rfind('/') + 1));
}

/// A text being gathered from paragraphs, both as plain text and as HTML with its pictures; the
/// question picks one when it ends.
struct docx_rich_text {
    std::string plain;
    std::string html;
    bool too_long = false;
};

struct option_draft {
    char name = 'A';
    int line = 0;
    bool star = false;
    std::uint8_t letter_flags = 0;
    std::uint8_t text_flags = 0;
    docx_rich_text text;
};

enum class question_part { stem, options, explanation };

struct question_draft {
    std::string number; ///< as written: "12" in "Câu 12"
    int position = 0;   ///< 1-based among the questions of the file
    int line = 0;
    double points = 1;
    cognitive_level level = cognitive_level::nhan_biet;
    std::string topic;
    docx_rich_text stem;
    bool stem_has_text = false;
    std::uint8_t stem_flags = bold_flag | underline_flag | red_flag;
    std::vector<option_draft> options;
    std::string answer; ///< the letters of the answer line
    int answer_line = 0;
    docx_rich_text explanation;
    question_part part = question_part::stem;
    bool stem_list = false; ///< the stem holds a list numbered from "1."
    std::vector<std::string> image_ids;
    bool failed = false;
};

/// One way of marking the right options, and the options it marks (bit i for option i).
struct marking {
    std::string_view name_vi;
    std::string_view name_en;
    std::uint32_t options = 0;
};

std::string letters_of(std::uint32_t options) {
    std::string letters;
    for (char c = 'A'; options != 0; ++c, options >>= 1) {
        if ((options & 1) != 0)
            letters.append(letters.empty() ? "" : ", ").append(1, c);
    }
    return letters;
}

/// Turns the paragraphs of word/document.xml into questions, one paragraph at a time.
class docx_reader {
public:
    docx_reader(bank_import& result, std::string_view file, zip_archive& zip,
                relationships const& rels, list_numbering& numbering)
        : result_(result), file_(file), zip_(zip), rels_(rels), numbering_(numbering) {}

    void read(pugi::xml_node document) {
        auto const body = child(child(document, "document"), "body");
        int number = 0;
        walk(body, [&](pugi::xml_node node, int) {
            auto const name = local_name(node.name());
            if (name == "p") {
                paragraph p = read_paragraph(node, ++number);
                std::string const label = numbering_.next_label(node);
                if (!label.empty())
                    prefix_label(p, label, run_flags(child(child(node, "pPr"), "rPr")));
                on_paragraph(p);
                return false;
            }
            return name != "sectPr";
        });
        finish_question();
        if (numbering_.damaged())
            report(nullptr, 0, "numbering_unreadable",
                   "không đọc được một phần cách đánh số tự động của Word (word/numbering.xml): "
                   "các đoạn đánh số tự động có thể thiếu số \"Câu 1:\" hoặc chữ \"A.\"",
                   "part of Word's automatic numbering (word/numbering.xml) cannot be read: "
                   "automatically numbered paragraphs may lack their \"Câu 1:\" or \"A.\"",
                   severity::warning);
        if (position_ == 0)
            throw docx_error{"no_questions",
                             "Không tìm thấy câu hỏi nào: mỗi câu phải bắt đầu bằng \"Câu 1:\" "
                             "(hoặc \"Câu 1.\", \"Question 1.\", \"1.\")",
                             "No question found: each must start with \"Câu 1:\" (or \"Câu 1.\", "
                             "\"Question 1.\", \"1.\")"};
    }

private:
    void report(question_draft const* q, int line, std::string code, std::string const& vi,
                std::string const& en, severity level = severity::error) {
        problem p{file_, line, {}, std::move(code), vi, en, 0, level};
        if (q != nullptr) {
            p.field = "questions[" + std::to_string(q->position - 1) + "]";
            p.message_vi = "Câu " + q->number + ": " + vi;
            p.message_en = "Question " + q->number + ": " + en;
            p.question_number = q->position;
        }
        add_problem(result_, std::move(p));
    }

    void on_paragraph(paragraph const& p) {
        question_draft* const q = draft_ ? &*draft_ : nullptr;
        if (p.too_long) {
            report(q, p.number, "paragraph_too_long",
                   "đoạn văn thứ " + std::to_string(p.number) + " dài quá " +
                       std::to_string(import_limits::text_bytes / 1024) + " KB",
                   "paragraph " + std::to_string(p.number) + " is longer than " +
                       std::to_string(import_limits::text_bytes / 1024) + " KB");
            if (q != nullptr)
                q->failed = true;
        } else if (auto const h = match_header(p.text)) {
            if (numbered_as_ == question_numbering::unknown)
                numbered_as_ = question_numbering::cau;
            start_question(*h, p);
        } else if (auto const n = plain_question_number(p, q)) {
            start_question(*n, p);
        } else if (auto const l = match_label(p.text)) {
            on_label(l->first, p, {l->second, p.text.size()});
        } else if (q != nullptr) {
            add_content(*q, p, 0);
        }
    }

    /// A paragraph "12. …" that starts a question: only in a bank whose first question is
    /// numbered so; never inside a stem (a numbered list there belongs to it); after the options
    /// with a number above the open question's; in an explanation, which may hold a numbered
    /// list too, only with the very next number.
    std::optional<header> plain_question_number(paragraph const& p, question_draft* q) {
        if (numbered_as_ == question_numbering::cau)
            return std::nullopt;
        auto const h = match_plain_number(p.text);
        if (!h)
            return std::nullopt;
        if (q == nullptr) {
            numbered_as_ = question_numbering::plain;
            return h;
        }
        int const number = std::stoi(h->number);
        int const open = std::stoi(q->number);
        if (q->part == question_part::stem) {
            // A list in a stem starts at 1; the next question's number without one before it
            // more likely means this question lost its options.
            q->stem_list = q->stem_list || number == 1;
            if (number == open + 1 && !q->stem_list)
                report(q, p.number, "numbered_paragraph_in_stem",
                       "đoạn văn thứ " + std::to_string(p.number) + " (\"" + h->number +
                           ". …\") được đọc là một phần đề của câu này vì câu chưa có phương án; "
                           "nếu đó là câu mới thì câu này thiếu phương án A., B.…",
                       "paragraph " + std::to_string(p.number) + " (\"" + h->number +
                           ". …\") is read as part of this question's stem, which has no options "
                           "yet; if it is a new question, this one lacks its options A., B.…",
                       severity::warning);
            return std::nullopt;
        }
        bool const next =
            q->part == question_part::explanation ? number == open + 1 : number > open;
        return next ? h : std::nullopt;
    }

    void start_question(header const& h, paragraph const& p) {
        finish_question();
        if (position_ >= static_cast<int>(import_limits::questions))
            throw docx_error{"too_many_questions",
                             "Tệp có hơn " + std::to_string(import_limits::questions) + " câu hỏi",
                             "The file has more than " + std::to_string(import_limits::questions) +
                                 " questions",
                             p.number};
        question_draft& q = draft_.emplace();
        q.number = h.number;
        q.position = ++position_;
        q.line = p.number;
        q.points = h.points;
        q.level = h.level.value_or(pending_level_.value_or(cognitive_level::nhan_biet));
        pending_level_.reset();
        q.topic = topic_;
        add_content(q, p, h.rest);
    }

    void on_label(label kind, paragraph const& p, span value) {
        question_draft* const q = draft_ ? &*draft_ : nullptr;
        std::string_view const text = std::string_view(p.text).substr(value.begin);
        switch (kind) {
        case label::topic:
            topic_ = text;
            return;
        case label::level:
            if (auto const level = parse_level(text))
                (q != nullptr ? q->level : pending_level_.emplace()) = *level;
            else
                report(q, p.number, "unknown_level",
                       "mức độ \"" + normalize_text(text) +
                           "\" không hợp lệ (nhận biết, thông hiểu, vận dụng, vận dụng cao); "
                           "dùng mặc định Nhận biết",
                       "unknown level \"" + normalize_text(text) +
                           "\" (nhan_biet, thong_hieu, van_dung, van_dung_cao); using nhan_biet",
                       severity::warning);
            return;
        case label::answer:
            if (q == nullptr)
                return;
            q->answer = answer_letters(text);
            q->answer_line = p.number;
            q->part = question_part::explanation;
            if (q->answer.empty()) {
                report(q, p.number, "answer_unreadable",
                       "không đọc được dòng đáp án \"" + normalize_text(text) +
                           "\": cần chữ cái A–J, ví dụ \"Đáp án: B\" hoặc \"Đáp án: A, C\"",
                       "cannot read the answer line \"" + normalize_text(text) +
                           "\": letters A–J are expected, e.g. \"Answer: B\" or \"Answer: A, C\"");
                q->failed = true;
            }
            return;
        case label::explanation:
            if (q == nullptr)
                return;
            q->part = question_part::explanation;
            append(*q, q->explanation, p, value);
            return;
        }
    }

    /// A paragraph (from `from` on) of the stem, options or explanation of question `q`.
    void add_content(question_draft& q, paragraph const& p, std::size_t from) {
        if (q.part == question_part::explanation) {
            append(q, q.explanation, p, {from, p.text.size()});
            return;
        }
        auto const markers = find_markers(p.text, from);
        span const leading{from, markers.empty() ? p.text.size() : markers.front().begin};
        if (q.options.empty()) {
            if (has_text(p, leading)) {
                q.stem_flags &= common_flags(p, leading);
                q.stem_has_text = true;
            }
            append(q, q.stem, p, leading);
        } else {
            append(q, q.options.back().text, p, leading);
        }
        for (std::size_t i = 0; i < markers.size() && q.options.size() <= max_options; ++i) {
            auto const& m = markers[i];
            span const text{m.letter + 2,
                            i + 1 < markers.size() ? markers[i + 1].begin : p.text.size()};
            option_draft& o = q.options.emplace_back();
            o.name = m.name;
            o.line = p.number;
            o.star = m.star;
            o.letter_flags = common_flags(p, {m.letter, m.letter + 2});
            o.text_flags = common_flags(p, text);
            append(q, o.text, p, text);
            q.part = question_part::options;
        }
    }

    std::string image_name(std::string_view id) const {
        auto const rel = rels_.find(id);
        return rel == rels_.end() ? std::string(id) : file_name_of(rel->second.target);
    }

    /// Adds the part `s` of `p` as a new paragraph of `into`, with its pictures.
    void append(question_draft& q, docx_rich_text& into, paragraph const& p, span s) {
        auto const in_span = [&](paragraph::image_ref const& image) {
            return (image.offset >= s.begin && image.offset < s.end) ||
                   (image.offset == s.end && s.end == p.text.size());
        };
        bool const has_image = std::any_of(p.images.begin(), p.images.end(), in_span);
        if (into.too_long || (!has_text(p, s) && !has_image))
            return;
        if (!into.plain.empty() || !into.html.empty()) {
            into.plain += '\n';
            into.html += "<br>";
        }
        std::string_view const text(p.text);
        std::size_t pos = s.begin;
        for (auto const& image : p.images) {
            if (!in_span(image))
                continue;
            into.plain.append(text.substr(pos, image.offset - pos));
            append_html(into.html, text.substr(pos, image.offset - pos));
            into.html += "<img src=\"@@PLUGINFILE@@/";
            append_html(into.html, image_name(image.id));
            into.html += "\">";
            q.image_ids.push_back(image.id);
            pos = image.offset;
        }
        into.plain.append(text.substr(pos, s.end - pos));
        append_html(into.html, text.substr(pos, s.end - pos));
        into.too_long = into.html.size() > import_limits::text_bytes;
    }

    /// Checks that the options are lettered A, B, C... without gaps or repeats.
    bool letters_in_order(question_draft const& q) {
        for (std::size_t i = 0; i < q.options.size(); ++i) {
            auto const& o = q.options[i];
            std::string const letter(1, o.name);
            bool const repeated =
                std::any_of(q.options.begin(), q.options.begin() + static_cast<std::ptrdiff_t>(i),
                            [&](option_draft const& other) { return other.name == o.name; });
            if (repeated) {
                report(&q, o.line, "option_letter_repeated", "phương án " + letter + " bị lặp lại",
                       "option " + letter + " appears twice");
                return false;
            }
            if (o.name != static_cast<char>('A' + i)) {
                std::string const place = std::to_string(i + 1);
                report(&q, o.line, "option_letter_order",
                       "phương án " + letter + " đứng ở vị trí thứ " + place +
                           " (thứ tự phải là A, B, C, ...)",
                       "option " + letter + " is in position " + place +
                           " (the order must be A, B, C, ...)");
                return false;
            }
        }
        return true;
    }

    /// The options marked right, each way of marking agreeing; nullopt after reporting why not.
    std::optional<std::uint32_t> correct_options(question_draft const& q) {
        std::vector<marking> found;
        std::uint32_t const all = (1u << q.options.size()) - 1;
        std::uint32_t starred = 0;
        for (std::size_t i = 0; i < q.options.size(); ++i)
            starred |= q.options[i].star ? 1u << i : 0;
        if (starred != 0)
            found.push_back({"dấu *", "the * mark", starred});
        if (!q.answer.empty()) {
            std::uint32_t answered = 0;
            for (char const letter : q.answer) {
                auto const index = static_cast<std::size_t>(letter - 'A');
                if (index >= q.options.size()) {
                    std::string const name(1, letter);
                    report(&q, q.answer_line, "answer_letter_unknown",
                           "dòng đáp án chọn " + name + " nhưng câu hỏi không có phương án " + name,
                           "the answer line names " + name + " but there is no option " + name);
                    return std::nullopt;
                }
                answered |= 1u << index;
            }
            found.push_back({"dòng Đáp án", "the answer line", answered});
        }
        static constexpr std::array<std::tuple<std::uint8_t, std::string_view, std::string_view>, 3>
            styles{{{underline_flag, "chữ gạch chân", "underline"},
                    {bold_flag, "chữ đậm", "bold"},
                    {red_flag, "chữ màu đỏ", "red colour"}}};
        for (auto const& [flag, name_vi, name_en] : styles) {
            if (q.stem_has_text && (q.stem_flags & flag) != 0)
                continue; // the whole question is in that style: it marks nothing
            std::uint32_t on_text = 0;
            std::uint32_t on_letter = 0;
            for (std::size_t i = 0; i < q.options.size(); ++i) {
                on_text |= (q.options[i].text_flags & flag) != 0 ? 1u << i : 0;
                on_letter |= (q.options[i].letter_flags & flag) != 0 ? 1u << i : 0;
            }
            // Only options styled differently from their siblings count.
            std::uint32_t const marked = on_text != 0 && on_text != all       ? on_text
                                         : on_letter != 0 && on_letter != all ? on_letter
                                                                              : 0;
            if (marked != 0)
                found.push_back({name_vi, name_en, marked});
        }
        if (found.empty()) {
            report(&q, q.line, "no_correct_option",
                   "không tìm thấy đáp án đúng (đánh dấu bằng *, gạch chân, chữ đậm, chữ đỏ "
                   "hoặc dòng \"Đáp án: B\")",
                   "no correct option marked (mark it with *, underline, bold, red or a line "
                   "\"Answer: B\")");
            return std::nullopt;
        }
        for (auto const& other : found) {
            if (other.options == found.front().options)
                continue;
            auto const& first = found.front();
            report(&q, q.line, "conflicting_answers",
                   std::string(first.name_vi) + " chọn " + letters_of(first.options) + " nhưng " +
                       std::string(other.name_vi) + " chọn " + letters_of(other.options),
                   std::string(first.name_en) + " selects " + letters_of(first.options) + " but " +
                       std::string(other.name_en) + " selects " + letters_of(other.options));
            return std::nullopt;
        }
        return found.front().options;
    }

    media_file load_image(std::string const& id) {
        auto const rel = rels_.find(id);
        std::optional<std::string> data;
        if (rel != rels_.end() && !rel->second.external)
            data = zip_.read(rel->second.target, import_limits::media_bytes);
        if (!data)
            throw docx_error{"image_missing",
                             "hình ảnh " + id +
                                 " không nằm trong tệp (bị thiếu hoặc chỉ là liên kết ngoài)",
                             "picture " + id + " is not in the file (missing or an external link)"};
        return {file_name_of(rel->second.target), std::string(media_type_of(rel->second.target)),
                std::move(*data)};
    }

    void finish_question() {
        if (!draft_)
            return;
        question_draft q = std::move(*draft_);
        draft_.reset();
        if (q.failed)
            return;
        if (q.options.empty()) {
            report(&q, q.line, "not_multiple_choice",
                   "không có phương án A, B, C... (câu tự luận?) nên được bỏ qua",
                   "has no options A, B, C... (an essay question?) and is skipped",
                   severity::warning);
            return;
        }
        if (!letters_in_order(q))
            return;
        auto const correct = correct_options(q);
        if (!correct)
            return;
        bool const html = !q.image_ids.empty();
        auto const text_of = [html](docx_rich_text& t) {
            return std::move(html ? t.html : t.plain);
        };
        bool too_long = q.stem.too_long || q.explanation.too_long;
        question out;
        out.topic = q.topic;
        out.level = q.level;
        out.points = q.points;
        out.format = html ? text_format::html : text_format::plain;
        out.source_file = file_;
        out.source_line = q.line;
        out.stem = text_of(q.stem);
        out.explanation = text_of(q.explanation);
        auto const right = std::popcount(*correct);
        for (std::size_t i = 0; i < q.options.size(); ++i) {
            too_long = too_long || q.options[i].text.too_long;
            double const weight = (*correct >> i & 1u) != 0 ? 100.0 / right : 0.0;
            out.options.push_back({text_of(q.options[i].text), weight, {}});
        }
        if (too_long) {
            report(&q, q.line, "text_too_long",
                   "nội dung câu hỏi, phương án hoặc giải thích dài quá " +
                       std::to_string(import_limits::text_bytes / 1024) + " KB",
                   "the stem, an option or the explanation is longer than " +
                       std::to_string(import_limits::text_bytes / 1024) + " KB");
            return;
        }
        try {
            for (auto const& id : q.image_ids) {
                std::string const name = image_name(id);
                bool const known = std::any_of(out.media.begin(), out.media.end(),
                                               [&](media_file const& m) { return m.name == name; });
                if (!known)
                    out.media.push_back(load_image(id));
            }
        } catch (docx_error const& e) {
            report(&q, q.line, e.code, e.message_vi, e.message_en);
            return;
        }
        std::size_t const first = result_.problems.size();
        accept_question(result_, std::move(out), q.position,
                        "questions[" + std::to_string(q.position - 1) + "]");
        for (std::size_t i = first; i < result_.problems.size(); ++i) {
            auto& p = result_.problems[i];
            p.message_vi = "Câu " + q.number + ": " + p.message_vi;
            p.message_en = "Question " + q.number + ": " + p.message_en;
        }
    }

    bank_import& result_;
    std::string file_;
    zip_archive& zip_;
    relationships const& rels_;
    list_numbering& numbering_;
    std::optional<question_draft> draft_;
    std::string topic_;
    std::optional<cognitive_level> pending_level_;
    int position_ = 0;
    /// How the file numbers its questions, decided by the first one: "Câu 1:" or a plain "1.".
    enum class question_numbering { unknown, cau, plain };
    question_numbering numbered_as_ = question_numbering::unknown;
};

} // namespace

bank_import read_docx_bank(std::string_view bytes, std::string_view file_name) {
    bank_import result;
    try {
        if (bytes.size() > import_limits::file_bytes)
            throw docx_error{"file_too_large",
                             "Tệp lớn hơn " + megabytes(import_limits::file_bytes),
                             "The file is larger than " + megabytes(import_limits::file_bytes)};
        zip_archive zip(bytes);
        auto document = zip.read(document_part, import_limits::member_bytes);
        if (!document)
            throw docx_error{"missing_document",
                             "Tệp nén không có phần word/document.xml: không phải tài liệu Word",
                             "The zip has no word/document.xml part: not a Word document"};
        relationships const rels = read_relationships(zip);
        pugi::xml_document xml;
        parse_part(xml, *document, document_part);
        list_numbering numbering(zip);
        docx_reader(result, file_name, zip, rels, numbering).read(xml);
    } catch (docx_error& e) {
        add_problem(result, {std::string(file_name),
                             e.line,
                             {},
                             std::move(e.code),
                             std::move(e.message_vi),
                             std::move(e.message_en),
                             0,
                             severity::error});
    }
    return result;
}

} // namespace phongthi::bank
