#include "question-bank/gift.hpp"

#include "question-bank/format_constants.hpp"
#include "question-bank/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

namespace phongthi::bank {

namespace {

// What PHP trim() removes (as Moodle does), NUL excepted: a subset of normalize_text() blanks.
constexpr std::string_view blanks = " \t\n\r\v";
constexpr std::string_view blank = "_____";

// GIFT's control characters. While a question is parsed, an escaped one (`\:`) stands as a byte
// that never occurs in UTF-8, and goes back to the character in each finished text (G-4).
constexpr std::string_view controls = ":#={}~";
constexpr unsigned char placeholder_base = 0xF8;
constexpr char newline_placeholder = static_cast<char>(placeholder_base + controls.size());

std::string protect_escapes(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char const next = i + 1 < text.size() ? text[i + 1] : '\0';
        auto const control = controls.find(next);
        if (text[i] != '\\' || (control == std::string_view::npos && next != 'n' && next != '\\')) {
            out += text[i]; // a backslash before any other character stays
            continue;
        }
        out += control != std::string_view::npos ? static_cast<char>(placeholder_base + control)
               : next == 'n'                     ? newline_placeholder
                                                 : '\\';
        ++i;
    }
    return out;
}

std::string restore_escapes(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        auto const byte = static_cast<std::size_t>(static_cast<unsigned char>(c));
        if (c == newline_placeholder)
            c = '\n';
        else if (byte >= placeholder_base && byte - placeholder_base < controls.size())
            c = controls[byte - placeholder_base];
    }
    return out;
}

std::string unescape(std::string_view text) {
    return restore_escapes(protect_escapes(text));
}

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char const c : text) {
        if (c == '\n' || c == '\r') {
            out += "\\n";
            continue;
        }
        if (c == '\\' || controls.find(c) != std::string_view::npos)
            out += '\\';
        out += c;
    }
    return out;
}

struct formatted_text {
    std::string text;
    text_format format = text_format::plain;
};

// A leading [html], [moodle], [plain] or [markdown] sets the text's format; only HTML is kept
// as HTML, the others are read as plain text. An unknown tag stays in the text (G-10).
formatted_text with_format(std::string_view raw, text_format fallback) {
    std::string_view text = trim_ascii(raw);
    text_format format = fallback;
    if (auto const close = text.find(']'); text.starts_with('[') && close != text.npos) {
        std::string_view const tag = text.substr(1, close - 1);
        if (tag == "html" || tag == "moodle" || tag == "plain" || tag == "markdown") {
            format = tag == "html" ? text_format::html : text_format::plain;
            text.remove_prefix(close + 1);
        }
    }
    std::string const restored = restore_escapes(text);
    return {std::string(trim_ascii(restored)), format};
}

struct parsed_option {
    formatted_text text;
    double weight = 0;
    formatted_text feedback;
};

struct weight_prefix {
    double percent;
    std::string_view rest;
};

// Moodle's weight pattern ^%-*\d{1,2}\.?\d*% (G-12), with at most one minus sign.
std::optional<weight_prefix> read_weight(std::string_view choice) {
    if (!choice.starts_with('%'))
        return std::nullopt;
    auto const end = choice.find('%', 1);
    if (end == std::string_view::npos)
        return std::nullopt;
    std::string_view number = choice.substr(1, end - 1);
    std::string_view const digits = number.starts_with('-') ? number.substr(1) : number;
    auto const dot = digits.find('.');
    bool const well_formed =
        !digits.empty() && digits.front() != '.' &&
        std::all_of(digits.begin(), digits.end(),
                    [](char c) { return (c >= '0' && c <= '9') || c == '.'; }) &&
        (dot == std::string_view::npos ||
         (dot <= 2 && digits.find('.', dot + 1) == std::string_view::npos));
    if (!well_formed)
        return std::nullopt;
    double value = 0;
    if (std::from_chars(number.data(), number.data() + number.size(), value).ec != std::errc{})
        return std::nullopt;
    return weight_prefix{value, choice.substr(end + 1)};
}

// Splits a multiple-choice block: every `=` becomes `~=` and the block is split on `~` (G-13).
std::vector<parsed_option> read_choices(std::string_view answers, text_format fallback) {
    std::string block;
    for (char const c : answers)
        block += c == '=' ? std::string_view("~=") : std::string_view(&c, 1);
    std::vector<parsed_option> options;
    std::size_t start = 0;
    for (std::size_t piece = 0; start <= block.size(); ++piece) {
        auto const end = std::min(block.find('~', start), block.size());
        std::string_view choice = trim_ascii(std::string_view(block).substr(start, end - start));
        start = end + 1;
        if (piece == 0 && choice.empty())
            continue;
        double weight = 0;
        if (choice.starts_with('=')) {
            weight = 100;
            choice.remove_prefix(1);
        } else if (auto const prefix = read_weight(choice)) {
            weight = prefix->percent;
            choice = prefix->rest;
        }
        auto const hash = choice.find('#');
        options.push_back(
            {with_format(choice.substr(0, hash), fallback), weight,
             with_format(hash == std::string_view::npos ? "" : choice.substr(hash + 1), fallback)});
    }
    return options;
}

// An `=` glued to the text before it (`#x=y`, `href="…"`) is most likely meant literally, but
// Moodle splits a new choice there all the same (G-11).
bool has_glued_equals(std::string_view answers) {
    for (std::size_t i = 1; i < answers.size(); ++i) {
        if (answers[i] == '=' && answers[i - 1] != '~' &&
            blanks.find(answers[i - 1]) == std::string_view::npos)
            return true;
    }
    return false;
}

// `{1:MC:~a~=b}` and the like: Moodle's embedded-answers (cloze) syntax, not GIFT (G-22).
bool is_cloze(std::string_view answers) {
    auto const colon = answers.find(':');
    if (colon == std::string_view::npos)
        return false;
    auto const digits = answers.substr(0, colon);
    auto const type_end = answers.find(':', colon + 1);
    if (type_end == std::string_view::npos || type_end == colon + 1)
        return false;
    auto const type = answers.substr(colon + 1, type_end - colon - 1);
    return std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
           std::all_of(type.begin(), type.end(),
                       [](char c) { return (c >= 'A' && c <= 'Z') || c == '_'; });
}

struct comment_token {
    std::string_view key; ///< "id" or "tag"
    std::string value;
    std::size_t end; ///< where its closing `]` is
};

// The first `[id:…]` or `[tag:…]` token of a comment line from `from`, `\]` standing for `]`; a
// token that does not close on its line is ignored (G-3). Like Moodle's regular expression, an
// unclosed value closes at its last `\]`. Both keys are looked for in one pass, so a token
// inside another one's value (`[id:[tag:x]`) is part of that value. Values are normalized
// (NFC, whitespace collapsed), as the writer cannot keep line breaks in them.
std::optional<comment_token> next_token(std::string_view line, std::size_t from) {
    for (auto pos = line.find('[', from); pos != std::string_view::npos;
         pos = line.find('[', pos + 1)) {
        auto const rest = line.substr(pos + 1);
        std::string_view const key = rest.starts_with("id:")    ? "id"
                                     : rest.starts_with("tag:") ? "tag"
                                                                : "";
        if (key.empty())
            continue;
        std::string value;
        std::optional<std::pair<std::size_t, std::size_t>> last_escape; // (value size, line pos)
        std::size_t i = pos + key.size() + 2;
        for (; i < line.size() && line[i] != ']'; ++i) {
            if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == ']') {
                last_escape = {value.size(), i + 1};
                value += ']';
                ++i;
            } else {
                value += line[i];
            }
        }
        if (i == line.size()) {
            if (!last_escape)
                return std::nullopt;
            value.resize(last_escape->first);
            value += '\\';
            i = last_escape->second;
        }
        return comment_token{key, normalize_text(value), i};
    }
    return std::nullopt;
}

// The topic of a `$CATEGORY:` path: its last segment, without Moodle's `$course$/top` root. In a
// run of slashes, `//` is a literal `/`, and an odd run starts with the separator.
std::string category_topic(std::string_view path) {
    std::vector<std::string> segments(1);
    for (std::size_t i = 0; i < path.size();) {
        if (path[i] != '/') {
            segments.back() += path[i++];
            continue;
        }
        auto const run_end = std::min(path.find_first_not_of('/', i), path.size());
        auto const run = run_end - i;
        if (run % 2 == 1)
            segments.emplace_back();
        segments.back().append(run / 2, '/');
        i = run_end;
    }
    for (auto& segment : segments)
        segment = std::string(trim_ascii(segment));
    auto first = segments.begin();
    if (first->size() >= 2 && first->front() == '$' && first->back() == '$') {
        ++first;
        if (first != segments.end() && *first == "top")
            ++first;
    }
    auto const last = std::find_if(segments.rbegin(), std::make_reverse_iterator(first),
                                   [](std::string const& s) { return !s.empty(); });
    return last == std::make_reverse_iterator(first) ? std::string() : *last;
}

struct metadata {
    std::string id;
    std::vector<std::string> tags;
    std::optional<cognitive_level> level;
    bool tags_dropped = false;
};

constexpr std::size_t max_tags = 100; ///< per question, so a hostile file cannot pile up tags

// A question type PhòngThi does not grade, as the skip warning names it.
struct question_kind {
    std::string_view vi;
    std::string_view en;
};
constexpr question_kind description_kind{"phần mô tả (không có khối đáp án)",
                                         "a description (it has no answer block)"};
constexpr question_kind essay_kind{"câu tự luận", "an essay question"};
constexpr question_kind numerical_kind{"câu hỏi dạng số", "a numerical question"};
constexpr question_kind matching_kind{"câu ghép đôi", "a matching question"};
constexpr question_kind short_answer_kind{"câu trả lời ngắn", "a short-answer question"};
constexpr question_kind cloze_kind{"câu điền khuyết nhiều chỗ trống (cloze)",
                                   "a cloze question (embedded answers)"};

// Calls f(line, number) for every line, 1-based; old Mac files end lines with a lone CR (F-1).
template <typename F> void for_each_line(std::string_view text, F&& f) {
    char const end_of_line = text.find('\n') == std::string_view::npos ? '\r' : '\n';
    int number = 1;
    for (std::size_t start = 0; start <= text.size(); ++number) {
        auto const end = std::min(text.find(end_of_line, start), text.size());
        if (!f(text.substr(start, end - start), number))
            return;
        start = end + 1;
    }
}

// Reads a file line by line; only the block being read is held, so memory stays bounded.
class gift_reader {
public:
    explicit gift_reader(std::string_view file_name) : file_(file_name) {}

    bank_import read(std::string_view text);

private:
    void read_line(std::string_view line, int number);
    void read_comment(std::string_view line, int number);
    void end_block();
    void read_question(std::string_view text, int line);
    void keep(question q, formatted_text const& stem, std::vector<parsed_option> const& options,
              formatted_text const& general, int number, std::string const& field);
    void skip(question_kind kind, std::string_view hint_vi, std::string_view hint_en, int line,
              int number, std::string const& field);
    void report(int line, int number, std::string field, std::string code, std::string vi,
                std::string en, severity level);

    bank_import result_;
    std::string file_;
    std::string topic_;
    int count_ = 0;
    bool stopped_ = false;
    // The block being gathered: its comment metadata and its other lines, trimmed and joined
    // with '\n' (G-1); block_line_ is the line of its first text line, 0 while there is none.
    metadata meta_;
    std::string block_;
    int block_line_ = 0;
};

void gift_reader::report(int line, int number, std::string field, std::string code, std::string vi,
                         std::string en, severity level) {
    add_problem(result_, {file_, line, std::move(field), std::move(code), std::move(vi),
                          std::move(en), number, level});
}

bank_import gift_reader::read(std::string_view text) {
    if (text.size() > import_limits::file_bytes) {
        std::string const limit = std::to_string(import_limits::file_bytes >> 20);
        report(0, 0, "", "file_too_large", "Tệp quá lớn (tối đa " + limit + " MB)",
               "The file is too large (at most " + limit + " MB)", severity::error);
        return std::move(result_);
    }
    if (text.starts_with(utf8_bom))
        text.remove_prefix(utf8_bom.size());
    if (!is_valid_utf8(text)) {
        for_each_line(text, [this](std::string_view line, int number) {
            if (is_valid_utf8(line))
                return true;
            std::string const where = std::to_string(number);
            report(number, 0, "", "not_utf8",
                   "Tệp không dùng mã hóa UTF-8 (byte lỗi đầu tiên ở dòng " + where +
                       "). Tệp GIFT phải được lưu ở dạng UTF-8.",
                   "The file does not use UTF-8 character encoding (first bad byte on line " +
                       where + "). GIFT files must use UTF-8.",
                   severity::error);
            return false;
        });
        return std::move(result_);
    }
    for_each_line(text, [this](std::string_view line, int number) {
        read_line(trim_ascii(line), number);
        return !stopped_;
    });
    end_block();
    return std::move(result_);
}

void gift_reader::read_line(std::string_view line, int number) {
    if (line.empty()) // questions are separated by blank lines (G-1)
        return end_block();
    if (line.starts_with("//"))
        return read_comment(line, number);
    if (block_line_ == 0 && line.starts_with("$CATEGORY:")) {
        topic_ = category_topic(unescape(line.substr(10)));
        return;
    }
    if (block_line_ == 0)
        block_line_ = number;
    else
        block_ += '\n';
    block_ += line;
}

void gift_reader::read_comment(std::string_view line, int number) {
    for (auto token = next_token(line, 0); token; token = next_token(line, token->end + 1)) {
        if (token->value.empty())
            continue;
        if (token->key == "id") {
            if (meta_.id.empty())
                meta_.id = std::move(token->value);
        } else if (auto const level = parse_level(token->value)) {
            meta_.level = meta_.level.value_or(*level);
        } else if (meta_.tags.size() < max_tags) {
            meta_.tags.push_back(std::move(token->value));
        } else if (!meta_.tags_dropped) {
            meta_.tags_dropped = true;
            std::string const limit = std::to_string(max_tags);
            report(number, 0, "tags", "too_many_tags",
                   "Chỉ giữ " + limit + " thẻ [tag:…] đầu tiên của một câu hỏi",
                   "Only the first " + limit + " [tag:…] tags of a question are kept",
                   severity::warning);
        }
    }
}

void gift_reader::end_block() {
    if (block_line_ != 0 && !stopped_)
        read_question(block_, block_line_);
    meta_ = {};
    block_.clear();
    block_line_ = 0;
}

void gift_reader::read_question(std::string_view text, int line) {
    int const number = ++count_;
    if (static_cast<std::size_t>(number) > import_limits::questions) {
        std::string const limit = std::to_string(import_limits::questions);
        report(line, number, "", "too_many_questions",
               "Tệp có hơn " + limit + " câu hỏi; phần còn lại không được đọc",
               "The file has more than " + limit + " questions; the rest was not read",
               severity::error);
        stopped_ = true;
        return;
    }
    std::string const field = "questions[" + std::to_string(number - 1) + "]";
    std::string const body = protect_escapes(text);
    std::string_view rest = trim_ascii(body);
    if (rest.starts_with("::")) {
        rest.remove_prefix(2);
        if (auto const end = rest.find("::"); end != std::string_view::npos)
            rest = trim_ascii(rest.substr(end + 2));
    }
    auto const open = rest.find('{');
    auto const close = rest.find('}');
    if (open == std::string_view::npos && close == std::string_view::npos)
        return skip(description_kind, "", "", line, number, field);
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
        std::string const n = std::to_string(number);
        std::string const l = std::to_string(line);
        return report(line, number, field, "brace_error",
                      "Câu " + n + " (dòng " + l +
                          ") thiếu dấu { hoặc } của khối đáp án; nếu dấu ngoặc nhọn là chữ, "
                          "hãy viết \\{ hoặc \\}",
                      "Question " + n + " (line " + l +
                          ") is missing the { or } of its answer block; write \\{ or \\} for "
                          "a literal brace",
                      severity::error);
    }
    std::string_view answers = trim_ascii(rest.substr(open + 1, close - open - 1));
    // Text after the block makes it a blank in the sentence (missing-word style, G-7).
    std::string const stem_text = std::string(rest.substr(0, open)) +
                                  std::string(rest.ends_with('}') ? "" : blank) +
                                  std::string(rest.substr(close + 1));
    if (is_cloze(answers))
        return skip(cloze_kind, "", "", line, number, field);
    if (stem_text.find_first_of("{}") != std::string::npos)
        return skip(
            cloze_kind,
            "Câu này có nhiều khối đáp án {…}; nếu dấu ngoặc nhọn là chữ, hãy viết \\{ và \\}.",
            "It has several {…} answer blocks; write \\{ and \\} for literal braces.", line, number,
            field);
    formatted_text const stem = with_format(stem_text, text_format::plain);
    formatted_text general{"", stem.format};
    if (auto const mark = answers.rfind("####"); mark != std::string_view::npos) {
        general = with_format(answers.substr(mark + 4), stem.format);
        answers = trim_ascii(answers.substr(0, mark));
    }
    question q;
    q.external_id = meta_.id;
    q.topic = topic_;
    q.tags = meta_.tags;
    q.level = meta_.level.value_or(cognitive_level::nhan_biet);
    q.source_file = file_;
    q.source_line = line;
    // The question type, in Moodle's order (G-9).
    if (answers.empty())
        return skip(essay_kind, "", "", line, number, field);
    if (answers.starts_with('#'))
        return skip(numerical_kind, "", "", line, number, field);
    if (answers.find('~') != std::string_view::npos) {
        if (has_glued_equals(answers))
            report(line, number, field + ".options", "unescaped_equals",
                   "Dấu = không có \\ đứng trước đã tách ra một phương án mới (kể cả khi nằm trong "
                   "phản hồi hay thuộc tính HTML); nếu đó là chữ, hãy viết \\=",
                   "An '=' without a backslash starts a new choice (even inside feedback or an "
                   "HTML attribute); write \\= for a literal '='",
                   severity::warning);
        return keep(std::move(q), stem, read_choices(answers, stem.format), general, number, field);
    }
    if (answers.find('=') != std::string_view::npos && answers.find("->") != std::string_view::npos)
        return skip(matching_kind, "", "", line, number, field);
    auto const hash = answers.find('#');
    std::string_view const truth =
        hash == std::string_view::npos ? answers : trim_ascii(answers.substr(0, hash));
    if (truth != "T" && truth != "TRUE" && truth != "F" && truth != "FALSE") {
        std::string const folded = fold_case(restore_escapes(truth));
        bool const looks_true_false = folded == "t" || folded == "true" || folded == "f" ||
                                      folded == "false" || folded == "đúng" || folded == "sai";
        return skip(short_answer_kind,
                    looks_true_false ? "Câu đúng/sai phải viết {T} hoặc {F} bằng chữ in hoa." : "",
                    looks_true_false ? "A true/false answer must be {T} or {F} in capitals." : "",
                    line, number, field);
    }
    // The first `#` is the feedback for the wrong answer, the second for the right one (G-15).
    std::string_view const tail = hash == std::string_view::npos ? "" : answers.substr(hash + 1);
    auto const second = tail.find('#');
    formatted_text const wrong = with_format(tail.substr(0, second), stem.format);
    formatted_text const right =
        with_format(second == std::string_view::npos ? "" : tail.substr(second + 1), stem.format);
    bool const is_true = truth.starts_with('T');
    q.shuffle_options = false;
    keep(std::move(q), stem,
         {{{std::string(true_label), text_format::plain},
           is_true ? 100.0 : 0.0,
           is_true ? right : wrong},
          {{std::string(false_label), text_format::plain},
           is_true ? 0.0 : 100.0,
           is_true ? wrong : right}},
         general, number, field);
}

// The field of the first text over import_limits::text_bytes, if any.
std::optional<std::string> oversized_text(question const& q) {
    auto const over = [](std::string const& text) {
        return text.size() > import_limits::text_bytes;
    };
    if (over(q.stem))
        return ".stem";
    if (over(q.explanation))
        return ".explanation";
    if (over(q.external_id))
        return ".id";
    if (over(q.topic))
        return ".topic";
    if (std::any_of(q.tags.begin(), q.tags.end(), over))
        return ".tags";
    for (std::size_t i = 0; i < q.options.size(); ++i) {
        std::string const where = ".options[" + std::to_string(i) + "]";
        if (over(q.options[i].text))
            return where + ".text";
        if (over(q.options[i].feedback))
            return where + ".feedback";
    }
    return std::nullopt;
}

void gift_reader::keep(question q, formatted_text const& stem,
                       std::vector<parsed_option> const& options, formatted_text const& general,
                       int number, std::string const& field) {
    auto const is_html = [](formatted_text const& t) { return t.format == text_format::html; };
    bool const html = is_html(stem) || is_html(general) ||
                      std::any_of(options.begin(), options.end(), [&](parsed_option const& o) {
                          return is_html(o.text) || is_html(o.feedback);
                      });
    // In an HTML question a text written as plain is escaped, so it still shows as written.
    auto const render = [html](formatted_text const& t) {
        return html && t.format == text_format::plain ? html_escape(t.text) : t.text;
    };
    q.format = html ? text_format::html : text_format::plain;
    q.stem = render(stem);
    q.explanation = render(general);
    for (auto const& o : options) {
        if (!o.text.text.empty()) // Moodle drops blank choices when it saves (F-4)
            q.options.push_back({render(o.text), o.weight, render(o.feedback)});
    }
    if (auto const where = oversized_text(q)) {
        std::string const limit = std::to_string(import_limits::text_bytes >> 10);
        return report(q.source_line, number, field + *where, "text_too_long",
                      "Văn bản dài quá " + limit + " KB",
                      "The text is longer than " + limit + " KB", severity::error);
    }
    bool const refers_to_files =
        std::any_of(q.options.begin(), q.options.end(), [](option const& o) {
            return o.text.find(plugin_file_prefix) != std::string::npos;
        });
    if (refers_to_files || q.stem.find(plugin_file_prefix) != std::string::npos)
        report(q.source_line, number, field, "missing_media",
               "Câu hỏi dùng tệp đính kèm (@@PLUGINFILE@@) mà tệp GIFT không chứa được nên hình "
               "ảnh sẽ không hiển thị; hãy nhập từ tệp Moodle XML hoặc thêm lại hình",
               "The question refers to an attached file (@@PLUGINFILE@@) that a GIFT file cannot "
               "carry, so the picture will not show; import Moodle XML instead or add the picture "
               "again",
               severity::warning);
    accept_question(result_, std::move(q), number, field);
}

void gift_reader::skip(question_kind kind, std::string_view hint_vi, std::string_view hint_en,
                       int line, int number, std::string const& field) {
    std::string const n = std::to_string(number);
    std::string const l = std::to_string(line);
    std::string vi = "Câu " + n + " (dòng " + l + ") là " + std::string(kind.vi) +
                     "; PhòngThi chỉ chấm câu trắc nghiệm và câu đúng/sai nên đã bỏ qua câu này.";
    std::string en = "Question " + n + " (line " + l + ") is " + std::string(kind.en) +
                     "; PhòngThi only grades multiple-choice and true/false questions, so it was "
                     "skipped.";
    if (!hint_vi.empty()) {
        (vi += ' ') += hint_vi;
        (en += ' ') += hint_en;
    }
    report(line, number, field, "unsupported_type", std::move(vi), std::move(en),
           severity::warning);
}

// `[key:value]` for a metadata comment; `]` is escaped, and a final backslash is kept away
// from the closing bracket.
std::string metadata_token(std::string_view key, std::string_view value) {
    std::string out = "[" + std::string(key) + ":";
    for (char const c : value) {
        if (c == ']')
            out += "\\]";
        else
            out += c == '\n' || c == '\r' ? ' ' : c;
    }
    if (out.ends_with('\\'))
        out += ' ';
    return out + "]";
}

std::string percent(double weight) {
    std::array<char, 512> buffer{}; // room for any double in fixed notation
    auto const end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), weight,
                                   std::chars_format::fixed)
                         .ptr;
    return std::string(buffer.data(), end);
}

// A text that would start like a weight or a format tag gets the question's own format tag in
// front, so that it reads back as written.
std::string guarded(std::string_view text, std::string_view format_tag) {
    std::string out = escape(text);
    return out.starts_with('[') || out.starts_with('%') ? std::string(format_tag) + out : out;
}

// The right answer when the question is a true/false pair as read_gift() makes it.
std::optional<bool> true_false_answer(question const& q) {
    if (q.options.size() != 2 || q.options[0].text != true_label ||
        q.options[1].text != false_label)
        return std::nullopt;
    if (q.options[0].weight == 100 && q.options[1].weight == 0)
        return true;
    if (q.options[0].weight == 0 && q.options[1].weight == 100)
        return false;
    return std::nullopt;
}

void write_question(std::string& out, question const& q) {
    std::string_view const tag = q.format == text_format::html ? "[html]" : "[plain]";
    out += "//";
    if (!q.external_id.empty())
        (out += ' ') += metadata_token("id", q.external_id);
    (out += ' ') += metadata_token("tag", level_key(q.level));
    for (auto const& t : q.tags)
        (out += ' ') += metadata_token("tag", t);
    ((out += '\n') += tag) += escape(q.stem);
    if (auto const is_true = true_false_answer(q)) {
        auto const& right = q.options[*is_true ? 0 : 1];
        auto const& wrong = q.options[*is_true ? 1 : 0];
        out += *is_true ? "{TRUE" : "{FALSE";
        if (!wrong.feedback.empty() || !right.feedback.empty())
            (out += '#') += guarded(wrong.feedback, tag);
        if (!right.feedback.empty())
            (out += '#') += guarded(right.feedback, tag);
    } else {
        out += "{\n";
        bool right_written = false;
        for (auto const& o : q.options) {
            out += '\t';
            if (o.weight == 100 && !right_written) {
                out += '=';
                right_written = true;
            } else {
                out += '~';
                if (o.weight != 0)
                    ((out += '%') += percent(o.weight)) += '%';
            }
            out += guarded(o.text, tag);
            if (!o.feedback.empty())
                (out += '#') += guarded(o.feedback, tag);
            out += '\n';
        }
        out += '\t';
    }
    if (!q.explanation.empty())
        (out += "####") += guarded(q.explanation, tag);
    out += "}\n\n";
}

} // namespace

bank_import read_gift(std::string_view text, std::string_view file_name) {
    return gift_reader(file_name).read(text);
}

std::string write_gift(std::vector<question> const& questions) {
    std::string out;
    std::string topic;
    for (auto const& q : questions) {
        if (q.topic != topic) {
            // `/` separates Moodle's category path, so a `/` in the name is written `//`.
            std::string path = "$course$/top";
            if (!q.topic.empty())
                path += '/';
            for (char const c : q.topic)
                path.append(c == '/' ? 2 : 1, c);
            (out += "$CATEGORY: ") += escape(path);
            out += "\n\n";
            topic = q.topic;
        }
        write_question(out, q);
    }
    return out;
}

} // namespace phongthi::bank
