#include "question-bank/moodle_xml.hpp"

#include "question-bank/base64.hpp"
#include "question-bank/format_constants.hpp"
#include "question-bank/media_type.hpp"
#include "question-bank/text.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>

namespace phongthi::bank {

namespace {

// pugixml spends about 64 bytes per node; refusing files with more '<' than this bounds the
// parsed tree to ~256 MB however the file is built (deep nesting, millions of empty elements).
constexpr std::size_t max_markup = 4'000'000;

constexpr std::size_t name_length = 80; // code points of the stem in a written <name>

// Thrown while reading one question; caught per question so the others still load.
struct question_error {
    int line;
    std::string field;
    std::string code;
    std::string message_vi;
    std::string message_en;
};

// A text and whether the file marked it as HTML.
struct xml_rich_text {
    std::string text;
    bool html = false;
};

struct draft_option {
    xml_rich_text text;
    xml_rich_text feedback;
    double weight = 0;
};

// A question whose texts still carry their own formats; finish() picks the question's format.
struct draft {
    question q;
    xml_rich_text stem;
    xml_rich_text explanation;
    std::vector<draft_option> options;
};

// Question types we skip, with their names for the warning.
struct type_name {
    std::string_view type;
    std::string_view vi;
    std::string_view en;
};

constexpr std::array<type_name, 10> skipped_types{{
    {"shortanswer", "trả lời ngắn", "short answer"},
    {"numerical", "câu trả lời số", "numerical"},
    {"matching", "ghép đôi", "matching"},
    {"match", "ghép đôi", "matching"},
    {"essay", "tự luận", "essay"},
    {"description", "đoạn mô tả, không chấm điểm", "description, not graded"},
    {"cloze", "điền khuyết Cloze", "Cloze"},
    {"multianswer", "điền khuyết Cloze", "Cloze"},
    {"calculated", "câu tính toán", "calculated"},
    {"ddwtos", "kéo thả từ vào chỗ trống", "drag and drop into text"},
}};

// The grades Moodle accepts, in percent (EXPECTATIONS F-3), with their negatives.
constexpr std::array<double, 21> moodle_grades{
    100, 90, 83.33333, 80,       75,       70,   66.66667, 60, 50, 40, 33.33333,
    30,  25, 20,       16.66667, 14.28571, 12.5, 11.11111, 10, 5,  0};

bool is_moodle_grade(double weight) {
    return std::any_of(moodle_grades.begin(), moodle_grades.end(),
                       [&](double grade) { return std::abs(std::abs(weight) - grade) <= 0.001; });
}

// Moodle's trans_single(): "false", "0" or empty mean no; anything else yes.
bool moodle_bool(std::string_view text) {
    text = trim_ascii(text);
    return !(text.empty() || text == "false" || text == "0");
}

// The format attribute, read as Moodle does: the plain kinds are named, anything else is HTML.
bool is_html(pugi::xml_node element, bool fallback) {
    auto const format = element.attribute("format");
    if (!format)
        return fallback;
    std::string_view const name = format.value();
    return name != "plain_text" && name != "moodle_auto_format" && name != "markdown" &&
           name != "wiki_like";
}

// The segments of a category path; "//" is a literal slash inside a name, as Moodle writes it.
std::vector<std::string> category_segments(std::string_view path) {
    std::vector<std::string> segments(1);
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] != '/')
            segments.back() += path[i];
        else if (i + 1 < path.size() && path[i + 1] == '/')
            segments.back() += path[i++];
        else
            segments.emplace_back();
    }
    for (auto& segment : segments)
        segment = std::string(trim_ascii(segment));
    return segments;
}

// "$course$/top/Điều lệ Đảng" -> "Điều lệ Đảng"; the context and "top" alone give no topic.
std::string topic_of(std::string_view path) {
    auto segments = category_segments(path);
    auto first = segments.begin();
    if (first != segments.end() && first->size() >= 2 && first->front() == '$' &&
        first->back() == '$')
        ++first;
    if (first != segments.end() && *first == "top")
        ++first;
    auto const last = std::find_if(segments.rbegin(), std::make_reverse_iterator(first),
                                   [](std::string const& s) { return !s.empty(); });
    return last == std::make_reverse_iterator(first) ? std::string() : *last;
}

// Maps byte offsets to 1-based lines. Offsets are asked for mostly in document order, so a cursor
// moving on from the last offset counts each newline about once and keeps no table (bounded
// memory on huge files).
class line_counter {
public:
    explicit line_counter(std::string_view text) : text_(text) {}

    int line_of(std::ptrdiff_t offset) {
        if (offset < 0)
            return 0;
        auto const target = std::min(static_cast<std::size_t>(offset), text_.size());
        auto const low = std::min(target, position_);
        auto const newlines = static_cast<int>(std::count(
            text_.begin() + static_cast<std::ptrdiff_t>(low),
            text_.begin() + static_cast<std::ptrdiff_t>(std::max(target, position_)), '\n'));
        line_ += target < position_ ? -newlines : newlines;
        position_ = target;
        return line_;
    }

private:
    std::string_view text_;
    std::size_t position_ = 0;
    int line_ = 1;
};

// Reads one parsed <quiz>; holds the running category and question count.
class xml_reader {
public:
    xml_reader(std::string_view text, std::string_view file_name)
        : file_(file_name), lines_(text) {}

    bank_import read(pugi::xml_node quiz) {
        int element = 0;
        for (auto node : quiz.children("question")) {
            std::string const field = "question[" + std::to_string(++element) + "]";
            std::string const type = node.attribute("type").value();
            if (type == "category") {
                read_category(node, field);
                continue;
            }
            if (static_cast<std::size_t>(number_) == import_limits::questions) {
                file_problem(node, "too_many_questions",
                             "Tệp có quá " + std::to_string(import_limits::questions) +
                                 " câu hỏi; hãy chia thành nhiều tệp nhỏ hơn",
                             "The file has more than " + std::to_string(import_limits::questions) +
                                 " questions; split it into smaller files");
                return std::move(result_);
            }
            ++number_;
            read_question(node, type, field);
        }
        if (number_ == 0)
            file_problem(quiz, "no_questions", "Tệp không có câu hỏi nào",
                         "The file holds no questions");
        return std::move(result_);
    }

private:
    void read_category(pugi::xml_node node, std::string const& field) {
        try {
            auto const category = node.child("category");
            topic_ = topic_of(read_text(category, text_of(category), field + ".category.text"));
        } catch (question_error& e) {
            report(std::move(e), 0);
        }
    }

    void read_question(pugi::xml_node node, std::string const& type, std::string const& field) {
        question_line_ = line(node);
        try {
            std::optional<draft> found;
            if (type == "multichoice")
                found = read_multichoice(node, field);
            else if (type == "truefalse")
                found = read_truefalse(node, field);
            if (!found) {
                skip(type, field);
                return;
            }
            question q = finish(std::move(*found));
            q.topic = topic_;
            q.source_file = file_;
            q.source_line = question_line_;
            accept_question(result_, std::move(q), number_, field);
        } catch (question_error& e) {
            report(std::move(e), number_);
        }
    }

    void report(question_error e, int number) {
        result_.problems.push_back({file_, e.line, std::move(e.field), std::move(e.code),
                                    std::move(e.message_vi), std::move(e.message_en), number,
                                    severity::error});
    }

    void skip(std::string const& type, std::string const& field) {
        int const at = question_line_;
        std::string const place_vi =
            "Câu " + std::to_string(number_) + " (dòng " + std::to_string(at) + "): ";
        std::string const place_en =
            "Question " + std::to_string(number_) + " (line " + std::to_string(at) + "): ";
        auto const known = std::find_if(skipped_types.begin(), skipped_types.end(),
                                        [&](type_name const& t) { return t.type == type; });
        std::string const shown = type.empty() ? "?" : type;
        std::string const gloss_vi =
            known == skipped_types.end() ? "" : " (" + std::string(known->vi) + ")";
        std::string const gloss_en =
            known == skipped_types.end() ? "" : " (" + std::string(known->en) + ")";
        result_.problems.push_back(
            {file_, at, field + ".type", "unsupported_type",
             place_vi + "loại câu hỏi \"" + shown + "\"" + gloss_vi +
                 " không được hỗ trợ; PhòngThi chỉ chấm câu trắc nghiệm và câu đúng/sai, nên đã "
                 "bỏ qua câu này",
             place_en + "question type \"" + shown + "\"" + gloss_en +
                 " is not supported; PhòngThi grades only multiple choice and true/false, so the "
                 "question was skipped",
             number_, severity::warning});
    }

    // The parts every graded type shares: texts, points, id, tags and level, files.
    draft read_headers(pugi::xml_node node, std::string const& field) {
        draft d;
        auto const text = node.child("questiontext");
        d.stem = read_rich(text, true, field + ".questiontext");
        read_files(text, d.q, field + ".questiontext");
        auto const general = node.child("generalfeedback");
        d.explanation = read_rich(general, d.stem.html, field + ".generalfeedback");
        read_files(general, d.q, field + ".generalfeedback");
        if (auto const grade = node.child("defaultgrade"))
            d.q.points = read_number(grade, grade.child_value(), field + ".defaultgrade");
        d.q.external_id = read_text(node, node.child_value("idnumber"), field + ".idnumber");
        int index = 0;
        bool have_level = false;
        for (auto tag : node.child("tags").children("tag")) {
            std::string const where = field + ".tags.tag[" + std::to_string(++index) + "]";
            std::string value = read_text(tag, text_of(tag), where);
            auto const level = have_level ? std::nullopt : parse_level(value);
            if (level) {
                d.q.level = *level;
                have_level = true;
            } else if (!value.empty()) {
                d.q.tags.push_back(std::move(value));
            }
        }
        return d;
    }

    draft read_multichoice(pugi::xml_node node, std::string const& field) {
        draft d = read_headers(node, field);
        bool const single = !node.child("single") || moodle_bool(node.child_value("single"));
        d.q.shuffle_options = moodle_bool(node.child_value("shuffleanswers"));
        int index = 0;
        for (auto answer : node.children("answer")) {
            std::string const where = field + ".answer[" + std::to_string(++index) + "]";
            draft_option o = read_answer(answer, d, where);
            // Moodle drops blank choices when it saves a question (EXPECTATIONS F-4).
            if (!o.text.text.empty())
                d.options.push_back(std::move(o));
        }
        std::string off_scale;
        for (auto const& o : d.options) {
            if (!is_moodle_grade(o.weight))
                off_scale += (off_scale.empty() ? "" : ", ") + shortest_number(o.weight);
        }
        if (!off_scale.empty())
            result_.problems.push_back(
                {file_, question_line_, field + ".answer", "moodle_grade",
                 "Trọng số " + off_scale +
                     " không thuộc thang điểm Moodle chấp nhận (100, 90, 83.33333, 80, 75, 70, "
                     "66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, "
                     "11.11111, 10, 5, 0 và các số âm tương ứng)",
                 "Weights " + off_scale +
                     " are not grades Moodle accepts (100, 90, 83.33333, 80, 75, 70, 66.66667, "
                     "60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, "
                     "5, 0 and their negatives)",
                 number_, severity::warning});
        bool const any_positive = std::any_of(d.options.begin(), d.options.end(),
                                              [](draft_option const& o) { return o.weight > 0; });
        bool const full_mark = std::any_of(d.options.begin(), d.options.end(),
                                           [](draft_option const& o) { return o.weight >= 99.99; });
        if (single && any_positive && !full_mark)
            throw question_error{question_line_, field + ".single", "single_without_full_mark",
                                 "Câu một đáp án (<single>true</single>) phải có một phương án "
                                 "đạt 100%",
                                 "A single-answer question (<single>true</single>) needs one "
                                 "option worth 100%"};
        return d;
    }

    // True/false becomes the options "Đúng" and "Sai". As in Moodle, answers not literally
    // "true"/"false" (old localised exports) are taken as true first, then false.
    draft read_truefalse(pugi::xml_node node, std::string const& field) {
        draft d = read_headers(node, field);
        d.q.shuffle_options = false;
        draft_option yes{{std::string(true_label), false}, {}, 0};
        draft_option no{{std::string(false_label), false}, {}, 0};
        bool true_correct = false;
        bool relabelled = false;
        int index = 0;
        for (auto answer : node.children("answer")) {
            std::string const where = field + ".answer[" + std::to_string(++index) + "]";
            draft_option o = read_answer(answer, d, where);
            bool is_true = o.text.text == "true";
            if (o.text.text != "true" && o.text.text != "false") {
                relabelled = true;
                is_true = index == 1;
            }
            bool const full = o.weight == 100;
            (is_true ? yes : no).feedback = std::move(o.feedback);
            true_correct = is_true ? full : !full;
        }
        if (index == 0)
            throw question_error{question_line_, field + ".answer", "missing_answers",
                                 "Câu đúng/sai không có phương án (<answer>) nào",
                                 "The true/false question has no <answer>"};
        if (relabelled)
            result_.problems.push_back(
                {file_, question_line_, field + ".answer", "truefalse_labels",
                 "Phương án của câu đúng/sai không ghi \"true\"/\"false\"; đã coi phương án thứ "
                 "nhất là Đúng, thứ hai là Sai",
                 "The true/false answers are not \"true\"/\"false\"; the first was taken as true "
                 "and the second as false",
                 number_, severity::warning});
        (true_correct ? yes : no).weight = 100;
        d.options = {std::move(yes), std::move(no)};
        return d;
    }

    draft_option read_answer(pugi::xml_node answer, draft& d, std::string const& field) {
        draft_option o;
        o.text = read_rich(answer, d.stem.html, field);
        auto const feedback = answer.child("feedback");
        o.feedback = read_rich(feedback, d.stem.html, field + ".feedback");
        if (auto const fraction = answer.attribute("fraction"))
            o.weight = read_number(answer, fraction.value(), field + ".fraction");
        read_files(answer, d.q, field);
        read_files(feedback, d.q, field + ".feedback");
        return o;
    }

    // The <text> of `element` with its format (`fallback_html` when it has none).
    xml_rich_text read_rich(pugi::xml_node element, bool fallback_html, std::string const& field) {
        return {read_text(element, text_of(element), field + ".text"),
                is_html(element, fallback_html)};
    }

    // The base64 <file>s of `element` as media; a repeated name is kept once, as in Moodle.
    void read_files(pugi::xml_node element, question& q, std::string const& field) {
        int index = 0;
        for (auto file : element.children("file")) {
            std::string const where = field + ".file[" + std::to_string(++index) + "]";
            std::string name = read_text(file, file.attribute("name").value(), where + ".name");
            std::string_view const encoded = file.child_value();
            if (name.empty() || std::string_view(file.attribute("encoding").value()) != "base64")
                throw question_error{line(file), where, "bad_media",
                                     "Tệp đính kèm phải có tên và mã hóa base64",
                                     "An attached file needs a name and base64 encoding"};
            auto data = base64_decode(encoded);
            if (!data)
                throw question_error{line(file), where, "bad_media",
                                     "Dữ liệu của tệp \"" + name + "\" không phải base64 hợp lệ",
                                     "The data of file \"" + name + "\" is not valid base64"};
            if (data->size() > import_limits::media_bytes)
                throw question_error{
                    line(file), where, "media_too_large",
                    "Tệp đính kèm \"" + name + "\" lớn hơn " +
                        std::to_string(import_limits::media_bytes / (1024 * 1024)) + " MB",
                    "The attached file \"" + name + "\" is larger than " +
                        std::to_string(import_limits::media_bytes / (1024 * 1024)) + " MB"};
            bool const seen = std::any_of(q.media.begin(), q.media.end(),
                                          [&](media_file const& m) { return m.name == name; });
            if (!seen) {
                std::string mime_type(media_type_of(name));
                q.media.push_back({std::move(name), std::move(mime_type), std::move(*data)});
            }
        }
    }

    // The <text> child's pieces joined (Moodle splits CDATA around "]]>"), trimmed.
    static std::string text_of(pugi::xml_node element) {
        std::string out;
        for (auto piece : element.child("text").children()) {
            if (piece.type() == pugi::node_pcdata || piece.type() == pugi::node_cdata)
                out += piece.value();
        }
        return std::string(trim_ascii(out));
    }

    std::string read_text(pugi::xml_node node, std::string_view text, std::string const& field) {
        if (text.size() > import_limits::text_bytes)
            throw question_error{line(node), field, "text_too_long",
                                 "Văn bản dài quá " +
                                     std::to_string(import_limits::text_bytes / 1024) + " KB",
                                 "The text is longer than " +
                                     std::to_string(import_limits::text_bytes / 1024) + " KB"};
        return std::string(trim_ascii(text));
    }

    double read_number(pugi::xml_node node, std::string_view text, std::string const& field) {
        text = trim_ascii(text);
        double value = 0;
        auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || ec != std::errc() || end != text.data() + text.size())
            throw question_error{line(node), field, "not_number",
                                 "\"" + std::string(text.substr(0, 40)) + "\" không phải là số",
                                 "\"" + std::string(text.substr(0, 40)) + "\" is not a number"};
        return value;
    }

    // The question in one format: HTML when any non-empty text is HTML; the plain texts of such
    // a question are escaped so they still read as written.
    static question finish(draft d) {
        bool html = d.stem.html || (d.explanation.html && !d.explanation.text.empty());
        for (auto const& o : d.options) {
            html = html || (o.text.html && !o.text.text.empty()) ||
                   (o.feedback.html && !o.feedback.text.empty());
        }
        auto const as_written = [html](xml_rich_text& t) {
            return html && !t.html ? html_escape(t.text) : std::move(t.text);
        };
        question q = std::move(d.q);
        q.format = html ? text_format::html : text_format::plain;
        q.stem = as_written(d.stem);
        q.explanation = as_written(d.explanation);
        for (auto& o : d.options)
            q.options.push_back({as_written(o.text), o.weight, as_written(o.feedback)});
        return q;
    }

    int line(pugi::xml_node node) { return lines_.line_of(node.offset_debug()); }

    void file_problem(pugi::xml_node node, std::string code, std::string vi, std::string en) {
        result_.problems.push_back({file_, line(node), "", std::move(code), std::move(vi),
                                    std::move(en), 0, severity::error});
    }

    std::string file_;
    line_counter lines_;
    bank_import result_;
    std::string topic_;
    int number_ = 0;
    int question_line_ = 0;
};

bank_import refuse(std::string_view file_name, int line, std::string code, std::string vi,
                   std::string en) {
    bank_import result;
    result.problems.push_back({std::string(file_name), line, "", std::move(code), std::move(vi),
                               std::move(en), 0, severity::error});
    return result;
}

struct string_writer : pugi::xml_writer {
    std::string text;
    void write(void const* data, std::size_t size) override {
        text.append(static_cast<char const*>(data), size);
    }
};

// Appends <text> holding `value`; HTML goes in CDATA as Moodle writes it (pugixml splits "]]>").
void append_text(pugi::xml_node parent, std::string_view value, bool html) {
    auto text = parent.append_child("text");
    if (!value.empty())
        text.append_child(html ? pugi::node_cdata : pugi::node_pcdata)
            .set_value(value.data(), value.size());
}

void append_rich(pugi::xml_node parent, char const* name, std::string_view value, bool html) {
    auto element = parent.append_child(name);
    element.append_attribute("format") = html ? "html" : "plain_text";
    append_text(element, value, html);
}

void append_value(pugi::xml_node parent, char const* name, std::string_view value) {
    auto const text = std::string(value);
    parent.append_child(name).text().set(text.c_str());
}

// Moodle needs a name: the first characters of the stem without tags (EXPECTATIONS F-5).
std::string question_name(question const& q, std::size_t position) {
    std::string name;
    std::size_t code_points = 0;
    bool in_tag = false;
    for (char const c : q.stem) {
        if (q.format == text_format::html && (c == '<' || (in_tag && c == '>'))) {
            in_tag = c == '<';
            continue;
        }
        if (in_tag)
            continue;
        bool const starts_code_point = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        if (starts_code_point && ++code_points > name_length)
            break;
        name += c;
    }
    name = std::string(trim_ascii(name));
    return name.empty() ? "Câu hỏi " + std::to_string(position) : name;
}

// "Đúng"/"Sai" with one of them right goes out as Moodle's own true/false type.
bool is_true_false(question const& q) {
    return q.options.size() == 2 && q.options[0].text == true_label &&
           q.options[1].text == false_label &&
           ((q.options[0].weight == 100 && q.options[1].weight == 0) ||
            (q.options[0].weight == 0 && q.options[1].weight == 100));
}

std::string category_path(std::string_view topic) {
    std::string path = "$course$/top";
    if (topic.empty())
        return path;
    path += '/';
    for (char const c : topic)
        path += c == '/' ? std::string("//") : std::string(1, c);
    return path;
}

void write_category(pugi::xml_node quiz, std::string_view topic) {
    auto node = quiz.append_child("question");
    node.append_attribute("type") = "category";
    append_text(node.append_child("category"), category_path(topic), false);
}

void write_question(pugi::xml_node quiz, question const& q, std::size_t position) {
    bool const true_false = is_true_false(q);
    // Media is referred to from HTML, so a plain question with files is written as HTML.
    bool const html = q.format == text_format::html || !q.media.empty();
    auto const as_html = [&](std::string const& text) {
        return q.format == text_format::plain && html ? html_escape(text) : text;
    };
    auto node = quiz.append_child("question");
    node.append_attribute("type") = true_false ? "truefalse" : "multichoice";
    append_text(node.append_child("name"), question_name(q, position), false);

    std::string stem = as_html(q.stem);
    for (auto const& file : q.media) {
        std::string const reference = std::string(plugin_file_prefix) + file.name;
        bool const referenced =
            stem.find(reference) != std::string::npos ||
            std::any_of(q.options.begin(), q.options.end(), [&](option const& o) {
                return o.text.find(reference) != std::string::npos ||
                       o.feedback.find(reference) != std::string::npos;
            });
        if (!referenced)
            stem += " <img src=\"" + html_escape(reference) + "\" alt=\"\">";
    }
    append_rich(node, "questiontext", stem, html);
    auto text = node.child("questiontext");
    for (auto const& file : q.media) {
        auto element = text.append_child("file");
        element.append_attribute("name") = file.name.c_str();
        element.append_attribute("path") = "/";
        element.append_attribute("encoding") = "base64";
        element.text().set(base64_encode(file.data).c_str());
    }
    append_rich(node, "generalfeedback", as_html(q.explanation), html);
    append_value(node, "defaultgrade", shortest_number(q.points));
    append_value(node, "penalty", true_false ? "1" : "0.3333333");
    append_value(node, "hidden", "0");
    if (!q.external_id.empty())
        append_value(node, "idnumber", q.external_id);
    if (!true_false) {
        append_value(node, "single", q.is_multiple_answer() ? "false" : "true");
        append_value(node, "shuffleanswers", q.shuffle_options ? "true" : "false");
        append_value(node, "answernumbering", "abc");
    }
    for (std::size_t i = 0; i < q.options.size(); ++i) {
        auto const& o = q.options[i];
        auto answer = node.append_child("answer");
        answer.append_attribute("fraction") = shortest_number(o.weight).c_str();
        if (true_false) {
            answer.append_attribute("format") = "moodle_auto_format";
            append_text(answer, i == 0 ? "true" : "false", false);
        } else {
            answer.append_attribute("format") = html ? "html" : "plain_text";
            append_text(answer, as_html(o.text), html);
        }
        append_rich(answer, "feedback", as_html(o.feedback), html);
    }
    auto tags = node.append_child("tags");
    append_text(tags.append_child("tag"), level_key(q.level), false);
    for (auto const& tag : q.tags)
        append_text(tags.append_child("tag"), tag, false);
}

} // namespace

bank_import read_moodle_xml(std::string_view text, std::string_view file_name) {
    if (text.size() > import_limits::file_bytes)
        return refuse(file_name, 0, "file_too_large",
                      "Tệp lớn hơn " + std::to_string(import_limits::file_bytes / (1024 * 1024)) +
                          " MB",
                      "The file is larger than " +
                          std::to_string(import_limits::file_bytes / (1024 * 1024)) + " MB");
    if (text.substr(0, utf8_bom.size()) == utf8_bom)
        text.remove_prefix(utf8_bom.size());
    if (!is_valid_utf8(text))
        return refuse(
            file_name, 0, "bad_utf8",
            "Tệp không dùng bảng mã UTF-8; hãy lưu lại tệp Moodle XML với bảng mã UTF-8",
            "The file does not use the UTF-8 encoding; save the Moodle XML file as UTF-8");
    if (static_cast<std::size_t>(std::count(text.begin(), text.end(), '<')) > max_markup)
        return refuse(file_name, 0, "too_much_markup",
                      "Tệp có quá nhiều thẻ XML; hãy chia thành nhiều tệp nhỏ hơn",
                      "The file has too many XML tags; split it into smaller files");
    pugi::xml_document document;
    // parse_doctype keeps a DOCTYPE as a node so it can be refused; pugixml never expands
    // entities or loads DTDs, so "billion laughs" files cost nothing before that.
    auto const parsed = document.load_buffer(
        text.data(), text.size(), pugi::parse_default | pugi::parse_doctype, pugi::encoding_utf8);
    line_counter lines(text);
    if (!parsed) {
        int const at = lines.line_of(parsed.offset);
        return refuse(file_name, at, "xml_syntax",
                      "Lỗi cú pháp XML ở dòng " + std::to_string(at) +
                          " (thẻ không khớp, tệp bị cắt cụt hoặc ký tự & < chưa được viết "
                          "thành &amp; &lt;)",
                      "XML syntax error at line " + std::to_string(at) + ": " +
                          parsed.description());
    }
    for (auto node : document.children()) {
        if (node.type() == pugi::node_doctype)
            return refuse(file_name, lines.line_of(node.offset_debug()), "xml_doctype",
                          "Tệp XML có khai báo DOCTYPE (có thể chứa thực thể độc hại) nên không "
                          "được nhận; hãy xuất lại tệp từ Moodle",
                          "The XML file has a DOCTYPE declaration (which may define hostile "
                          "entities) and is refused; export the file from Moodle again");
    }
    auto const quiz = document.document_element();
    if (std::string_view(quiz.name()) != "quiz")
        return refuse(file_name, lines.line_of(quiz.offset_debug()), "not_moodle_xml",
                      "Tệp không phải Moodle XML (phần tử gốc phải là <quiz>)",
                      "Not a Moodle XML file (the root element must be <quiz>)");
    return xml_reader(text, file_name).read(quiz);
}

std::string write_moodle_xml(std::vector<question> const& questions) {
    pugi::xml_document document;
    auto declaration = document.append_child(pugi::node_declaration);
    declaration.append_attribute("version") = "1.0";
    declaration.append_attribute("encoding") = "UTF-8";
    auto quiz = document.append_child("quiz");
    // A category is written whenever the topic changes; the first one only for a real topic.
    std::string topic;
    for (std::size_t i = 0; i < questions.size(); ++i) {
        if (questions[i].topic != topic) {
            topic = questions[i].topic;
            write_category(quiz, topic);
        }
        write_question(quiz, questions[i], i + 1);
    }
    string_writer out;
    document.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return std::move(out.text);
}

} // namespace phongthi::bank
