#include "question-bank/bank_formats.hpp"
#include "question-bank/format_constants.hpp"

#include "question-bank/aiken.hpp"
#include "question-bank/csv_bank.hpp"
#include "question-bank/docx_bank.hpp"
#include "question-bank/gift.hpp"
#include "question-bank/import_report.hpp"
#include "question-bank/json_bank.hpp"
#include "question-bank/moodle_xml.hpp"
#include "question-bank/xlsx_bank.hpp"

#include <array>
#include <stdexcept>

namespace phongthi::bank {

namespace {

struct format_info {
    bank_format format;
    std::string_view key;
    std::string_view extension;
    std::string_view mime_type;
};

constexpr std::array<format_info, 7> formats{{
    {bank_format::json, "json", ".json", "application/json"},
    {bank_format::gift, "gift", ".gift.txt", "text/plain; charset=utf-8"},
    {bank_format::aiken, "aiken", ".aiken.txt", "text/plain; charset=utf-8"},
    {bank_format::moodle_xml, "xml", ".xml", "application/xml"},
    {bank_format::csv, "csv", ".csv", "text/csv; charset=utf-8"},
    {bank_format::xlsx, "xlsx", ".xlsx",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {bank_format::docx, "docx", ".docx",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
}};

format_info const& info(bank_format format) {
    return formats[static_cast<std::size_t>(format)];
}

bool ends_with_folded(std::string_view name, std::string_view suffix) {
    if (name.size() < suffix.size())
        return false;
    for (std::size_t i = 0; i < suffix.size(); ++i) {
        char c = name[name.size() - suffix.size() + i];
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        if (c != suffix[i])
            return false;
    }
    return true;
}

std::string_view skip_bom_and_space(std::string_view bytes) {
    if (bytes.starts_with(utf8_bom))
        bytes.remove_prefix(3);
    while (!bytes.empty() && (bytes.front() == ' ' || bytes.front() == '\n' ||
                              bytes.front() == '\r' || bytes.front() == '\t'))
        bytes.remove_prefix(1);
    return bytes;
}

std::optional<bank_format> detect_by_content(std::string_view bytes) {
    if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4))
        return std::nullopt; // a zip: docx or xlsx, told apart only by the name
    std::string_view const text = skip_bom_and_space(bytes);
    if (text.starts_with("{") || text.starts_with("["))
        return bank_format::json;
    if (text.starts_with("<?xml") || text.starts_with("<quiz"))
        return bank_format::moodle_xml;
    if (text.find("ANSWER:") != std::string_view::npos)
        return bank_format::aiken;
    if (text.find('{') != std::string_view::npos && text.find('}') != std::string_view::npos)
        return bank_format::gift;
    return std::nullopt;
}

} // namespace

std::string_view format_key(bank_format format) {
    return info(format).key;
}
std::string_view format_extension(bank_format format) {
    return info(format).extension;
}
std::string_view format_mime_type(bank_format format) {
    return info(format).mime_type;
}

std::optional<bank_format> parse_format(std::string_view key) {
    for (auto const& f : formats) {
        if (f.key == key)
            return f.format;
    }
    if (key == "moodle_xml" || key == "moodlexml")
        return bank_format::moodle_xml;
    return std::nullopt;
}

std::optional<bank_format> detect_format(std::string_view file_name, std::string_view bytes) {
    static constexpr std::array<std::pair<std::string_view, bank_format>, 8> by_extension{{
        {".json", bank_format::json},
        {".gift", bank_format::gift},
        {".gift.txt", bank_format::gift},
        {".aiken.txt", bank_format::aiken},
        {".xml", bank_format::moodle_xml},
        {".csv", bank_format::csv},
        {".xlsx", bank_format::xlsx},
        {".docx", bank_format::docx},
    }};
    for (auto const& [extension, format] : by_extension) {
        if (ends_with_folded(file_name, extension))
            return format;
    }
    return detect_by_content(bytes);
}

bank_import read_bank(std::string_view bytes, std::string_view file_name,
                      std::optional<bank_format> format) {
    bank_import result;
    if (bytes.size() > import_limits::file_bytes) {
        add_problem(result,
                    {std::string(file_name), 0, "", "file_too_large", "Tệp quá lớn (tối đa 64 MB)",
                     "The file is too large (64 MB at most)", 0, severity::error});
        return result;
    }
    if (!format)
        format = detect_format(file_name, bytes);
    if (!format) {
        add_problem(result, {std::string(file_name), 0, "", "unknown_format",
                             "Không nhận ra định dạng tệp; hãy chọn định dạng (json, gift, aiken, "
                             "xml, csv, xlsx, docx)",
                             "Unknown file format; choose one (json, gift, aiken, xml, csv, xlsx, "
                             "docx)",
                             0, severity::error});
        return result;
    }
    switch (*format) {
    case bank_format::json:
        result = read_json_bank(bytes, file_name);
        break;
    case bank_format::gift:
        result = read_gift(bytes, file_name);
        break;
    case bank_format::aiken:
        result = read_aiken(bytes, file_name);
        break;
    case bank_format::moodle_xml:
        result = read_moodle_xml(bytes, file_name);
        break;
    case bank_format::csv:
        result = read_csv_bank(bytes, file_name);
        break;
    case bank_format::xlsx:
        result = read_xlsx_bank(bytes, file_name);
        break;
    case bank_format::docx:
        result = read_docx_bank(bytes, file_name);
        break;
    }
    report_duplicates(result);
    return result;
}

bank_export write_bank(std::vector<question> const& questions, bank_format format,
                       std::string_view name) {
    switch (format) {
    case bank_format::json:
        return {write_json_bank(name, "", questions), {}};
    case bank_format::gift:
        return {write_gift(questions), {}};
    case bank_format::aiken:
        return write_aiken(questions);
    case bank_format::moodle_xml:
        return {write_moodle_xml(questions), {}};
    case bank_format::csv:
        return {write_csv_bank(questions), {}};
    case bank_format::xlsx:
        return {write_xlsx_bank(questions), {}};
    case bank_format::docx:
        break;
    }
    throw std::invalid_argument("a bank cannot be written as .docx");
}

} // namespace phongthi::bank
