#include "question-bank/json_bank.hpp"

#include "question-bank/base64.hpp"
#include "question-bank/text.hpp"

#include <nlohmann/json.hpp>

namespace phongthi::bank {

namespace {

using json = nlohmann::json;

constexpr std::string_view format_name = "phongthi-bank";
constexpr int format_version = 1;

// Thrown while reading one question; caught per question so the others still load.
struct field_error {
    std::string field;
    std::string code;
    std::string message_vi;
    std::string message_en;
};

int line_of(std::string_view text, std::size_t byte) {
    int line = 1;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i)
        line += text[i] == '\n' ? 1 : 0;
    return line;
}

// The 1-based line where each element of the top-level "questions" array starts. Only called on
// text that parsed, so a light scan that skips strings and counts brackets is enough.
std::vector<int> question_lines(std::string_view text) {
    std::vector<int> lines;
    int line = 1;
    int depth = 0;
    int array_depth = 0; // depth inside the questions array once it is found
    bool expect_element = false;
    std::string_view key; // the last string read in the root object
    for (std::size_t i = 0; i < text.size(); ++i) {
        char const c = text[i];
        if (c == '\n') {
            ++line;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r')
            continue;
        if (expect_element && depth == array_depth && c != ']') {
            lines.push_back(line);
            expect_element = false;
        }
        if (c == '"') {
            std::size_t const start = i + 1;
            for (++i; i < text.size() && text[i] != '"'; ++i)
                i += text[i] == '\\' ? 1 : 0;
            if (depth == 1)
                key = text.substr(start, i - start);
        } else if (c == '{' || c == '[') {
            ++depth;
            if (c == '[' && depth == 2 && array_depth == 0 && key == "questions") {
                array_depth = depth;
                expect_element = true;
            }
        } else if (c == '}' || c == ']') {
            if (depth-- == array_depth)
                return lines;
        } else if (c == ',' && depth == array_depth) {
            expect_element = true;
        }
    }
    return lines;
}

std::string text_field(json const& object, std::string_view key, std::string const& field,
                       bool required) {
    auto const it = object.find(key);
    if (it == object.end() || it->is_null()) {
        if (required)
            throw field_error{field, "missing_field", "Thiếu trường bắt buộc",
                              "A required field is missing"};
        return {};
    }
    if (!it->is_string())
        throw field_error{field, "not_text", "Trường này phải là chuỗi văn bản",
                          "This field must be a string"};
    auto const& value = it->get_ref<std::string const&>();
    if (!is_valid_utf8(value))
        throw field_error{field, "bad_utf8", "Văn bản không phải UTF-8 hợp lệ",
                          "The text is not valid UTF-8"};
    return value;
}

double number_field(json const& object, std::string_view key, std::string const& field,
                    double fallback) {
    auto const it = object.find(key);
    if (it == object.end() || it->is_null())
        return fallback;
    if (!it->is_number())
        throw field_error{field, "not_number", "Trường này phải là số",
                          "This field must be a number"};
    return it->get<double>();
}

question read_question(json const& item, std::string const& field) {
    if (!item.is_object())
        throw field_error{field, "not_object", "Mỗi câu hỏi phải là một đối tượng JSON",
                          "Each question must be a JSON object"};
    question q;
    q.external_id = text_field(item, "id", field + ".id", false);
    q.topic = text_field(item, "topic", field + ".topic", false);
    std::string const level = text_field(item, "level", field + ".level", false);
    if (!level.empty()) {
        auto const parsed = parse_level(level);
        if (!parsed)
            throw field_error{field + ".level", "unknown_level",
                              "Mức độ \"" + level +
                                  "\" không hợp lệ (nhận biết, thông hiểu, vận dụng, vận dụng cao)",
                              "Unknown level \"" + level +
                                  "\" (nhan_biet, thong_hieu, van_dung, van_dung_cao)"};
        q.level = *parsed;
    }
    q.stem = text_field(item, "stem", field + ".stem", true);
    q.points = number_field(item, "points", field + ".points", 1);
    q.explanation = text_field(item, "explanation", field + ".explanation", false);
    if (auto const it = item.find("shuffle_options"); it != item.end()) {
        if (!it->is_boolean())
            throw field_error{field + ".shuffle_options", "not_boolean",
                              "Trường này phải là true hoặc false",
                              "This field must be true or false"};
        q.shuffle_options = it->get<bool>();
    }
    if (auto const it = item.find("tags"); it != item.end()) {
        if (!it->is_array())
            throw field_error{field + ".tags", "not_array", "Trường này phải là một mảng",
                              "This field must be an array"};
        for (std::size_t i = 0; i < it->size(); ++i) {
            std::string const where = field + ".tags[" + std::to_string(i) + "]";
            if (!(*it)[i].is_string())
                throw field_error{where, "not_text", "Trường này phải là chuỗi văn bản",
                                  "This field must be a string"};
            q.tags.push_back((*it)[i].get<std::string>());
        }
    }
    std::string const format = text_field(item, "format", field + ".format", false);
    if (!format.empty() && format != "plain" && format != "html")
        throw field_error{field + ".format", "unknown_format",
                          "Định dạng văn bản phải là plain hoặc html",
                          "The text format must be plain or html"};
    q.format = format == "html" ? text_format::html : text_format::plain;
    if (auto const media = item.find("media"); media != item.end()) {
        if (!media->is_array())
            throw field_error{field + ".media", "not_array", "Trường này phải là một mảng",
                              "This field must be an array"};
        for (std::size_t i = 0; i < media->size(); ++i) {
            std::string const where = field + ".media[" + std::to_string(i) + "]";
            if (!(*media)[i].is_object())
                throw field_error{where, "not_object", "Mỗi tệp phải là một đối tượng JSON",
                                  "Each file must be a JSON object"};
            auto data = base64_decode(text_field((*media)[i], "data", where + ".data", true));
            if (!data || data->size() > import_limits::media_bytes)
                throw field_error{where + ".data", "bad_media",
                                  "Dữ liệu tệp không phải base64 hợp lệ hoặc quá lớn",
                                  "The file data is not valid base64 or is too large"};
            q.media.push_back({text_field((*media)[i], "name", where + ".name", true),
                               text_field((*media)[i], "mime_type", where + ".mime_type", true),
                               std::move(*data)});
        }
    }
    auto const options = item.find("options");
    if (options == item.end() || !options->is_array())
        throw field_error{field + ".options", "missing_options",
                          "Thiếu danh sách phương án (options)", "The options list is missing"};
    for (std::size_t i = 0; i < options->size(); ++i) {
        std::string const where = field + ".options[" + std::to_string(i) + "]";
        auto const& entry = (*options)[i];
        if (!entry.is_object())
            throw field_error{where, "not_object", "Mỗi phương án phải là một đối tượng JSON",
                              "Each option must be a JSON object"};
        option o;
        o.text = text_field(entry, "text", where + ".text", true);
        o.weight = number_field(entry, "weight", where + ".weight", 0);
        o.feedback = text_field(entry, "feedback", where + ".feedback", false);
        q.options.push_back(std::move(o));
    }
    return q;
}

problem at(std::string_view file, int line, field_error e) {
    return problem{std::string(file),       line,
                   std::move(e.field),      std::move(e.code),
                   std::move(e.message_vi), std::move(e.message_en)};
}

} // namespace

bank_import read_json_bank(std::string_view text, std::string_view file_name) {
    bank_import result;
    json document;
    try {
        document = json::parse(text);
    } catch (json::parse_error const& e) {
        int const line = line_of(text, e.byte);
        result.problems.push_back(
            at(file_name, line,
               {"", "json_syntax", "Lỗi cú pháp JSON ở dòng " + std::to_string(line),
                "JSON syntax error at line " + std::to_string(line)}));
        return result;
    }
    try {
        if (!document.is_object() || document.value("format", "") != format_name)
            throw field_error{"format", "not_a_bank",
                              "Tệp không phải ngân hàng câu hỏi PhòngThi (thiếu \"format\": "
                              "\"phongthi-bank\")",
                              "Not a PhòngThi bank (\"format\": \"phongthi-bank\" is missing)"};
        if (number_field(document, "version", "version", format_version) > format_version)
            throw field_error{"version", "newer_format",
                              "Tệp được tạo bởi phiên bản PhòngThi mới hơn",
                              "The file was written by a newer PhòngThi"};
        result.name = normalize_text(text_field(document, "name", "name", false));
        result.description =
            normalize_text(text_field(document, "description", "description", false));
        auto const questions = document.find("questions");
        if (questions == document.end() || !questions->is_array())
            throw field_error{"questions", "missing_questions",
                              "Thiếu danh sách câu hỏi (questions)",
                              "The questions list is missing"};
        std::vector<int> const lines = question_lines(text);
        for (std::size_t i = 0; i < questions->size(); ++i) {
            std::string const field = "questions[" + std::to_string(i) + "]";
            int const line = i < lines.size() ? lines[i] : 0;
            try {
                question q = read_question((*questions)[i], field);
                q.source_file = file_name;
                q.source_line = line;
                accept_question(result, std::move(q), static_cast<int>(i) + 1, field);
            } catch (field_error& e) {
                problem p = at(file_name, line, std::move(e));
                p.question_number = static_cast<int>(i) + 1;
                result.problems.push_back(std::move(p));
            }
        }
    } catch (field_error& e) {
        result.problems.push_back(at(file_name, 0, std::move(e)));
    }
    return result;
}

json question_to_json(question const& q) {
    json options = json::array();
    for (auto const& o : q.options) {
        json entry{{"text", o.text}, {"weight", o.weight}};
        if (!o.feedback.empty())
            entry["feedback"] = o.feedback;
        options.push_back(std::move(entry));
    }
    json item{{"topic", q.topic},   {"level", level_key(q.level)},
              {"stem", q.stem},     {"options", std::move(options)},
              {"points", q.points}, {"shuffle_options", q.shuffle_options}};
    if (!q.external_id.empty())
        item["id"] = q.external_id;
    if (!q.tags.empty())
        item["tags"] = q.tags;
    if (!q.explanation.empty())
        item["explanation"] = q.explanation;
    if (q.format == text_format::html)
        item["format"] = "html";
    if (!q.media.empty()) {
        json media = json::array();
        for (auto const& file : q.media)
            media.push_back({{"name", file.name},
                             {"mime_type", file.mime_type},
                             {"data", base64_encode(file.data)}});
        item["media"] = std::move(media);
    }
    return item;
}

bank_import read_json_question(json const& item, std::string_view source) {
    bank_import result;
    try {
        question q = read_question(item, "question");
        q.source_file = source;
        accept_question(result, std::move(q), 1, "question");
    } catch (field_error& e) {
        problem p = at(source, 0, std::move(e));
        p.question_number = 1;
        result.problems.push_back(std::move(p));
    }
    return result;
}

std::string write_json_bank(std::string_view name, std::string_view description,
                            std::vector<question> const& questions) {
    json items = json::array();
    for (auto const& q : questions)
        items.push_back(question_to_json(q));
    json document{{"format", format_name},
                  {"version", format_version},
                  {"name", name},
                  {"description", description},
                  {"questions", std::move(items)}};
    return document.dump(2) + "\n";
}

} // namespace phongthi::bank
