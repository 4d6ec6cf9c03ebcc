#include "question-bank/xlsx_bank.hpp"

#include "question-bank/csv_bank.hpp"
#include "question-bank/ooxml.hpp"
#include "question-bank/text.hpp"

#include <pugixml.hpp>
#include <xlsxwriter.h>
#include <zip.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace phongthi::bank {

namespace {

using ooxml::child;
using ooxml::local_name;
using ooxml::megabytes;

constexpr std::string_view sheet_name = "Câu hỏi";

// Ends the reading of a workbook with one problem about the file.
struct xlsx_error {
    std::string field;
    std::string code;
    std::string vi;
    std::string en;
};

xlsx_error damaged(std::string const& part) {
    return {part, "xlsx_damaged", "Phần \"" + part + "\" của tệp Excel bị hỏng hoặc không đọc được",
            "Part \"" + part + "\" of the Excel file is damaged or unreadable"};
}

xlsx_error too_large(std::string const& part) {
    return {part, "xlsx_too_large",
            "Tệp Excel giải nén ra quá lớn (phần \"" + part +
                "\"; tối đa 128 MB mỗi phần, 256 MB tất cả): có thể là tệp độc hại (zip bomb)",
            "The Excel file unpacks too large (part \"" + part +
                "\"; 128 MB a part, 256 MB in all at most): it may be hostile (a zip bomb)"};
}

// A part over import_limits::xml_part_bytes; `sheet` names the sheet it holds, if one.
xlsx_error part_too_large(std::string const& part, std::string const& sheet) {
    std::string const limit = megabytes(import_limits::xml_part_bytes);
    std::string const vi = sheet.empty() ? "" : " (trang tính \"" + sheet + "\")";
    std::string const en = sheet.empty() ? "" : " (sheet \"" + sheet + "\")";
    return {part, "xlsx_part_too_large",
            "Phần \"" + part + "\"" + vi + " của tệp Excel giải nén ra hơn " + limit +
                " (giới hạn cho mỗi trang tính và bảng chuỗi dùng chung)",
            "Part \"" + part + "\"" + en + " of the Excel file unpacks to more than " + limit +
                " (the limit for each sheet and for the shared strings)"};
}

// A zip archive read from memory; every member read is checked against import_limits.
class zip_reader {
public:
    explicit zip_reader(std::string_view bytes) {
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
        if (source != nullptr)
            zip_ = zip_open_from_source(source, ZIP_RDONLY, &error);
        zip_error_fini(&error);
        if (zip_ == nullptr) {
            if (source != nullptr)
                zip_source_free(source);
            throw xlsx_error{"", "not_xlsx",
                             "Tệp không phải bảng tính Excel .xlsx (tệp .xls cũ hãy mở bằng Excel "
                             "rồi lưu lại dạng .xlsx)",
                             "The file is not an Excel .xlsx workbook (open an old .xls in Excel "
                             "and save it as .xlsx)"};
        }
        try {
            check_declared_sizes();
        } catch (...) {
            zip_discard(zip_);
            throw;
        }
    }
    zip_reader(zip_reader const&) = delete;
    zip_reader& operator=(zip_reader const&) = delete;
    ~zip_reader() { zip_discard(zip_); }

    bool has(std::string const& name) const {
        return zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE) >= 0;
    }

    // The member's bytes; throws xlsx_error when it is missing, damaged or too large: over
    // `part_limit` (part_too_large(), naming `sheet`) or over the file's budget (a zip bomb).
    std::string read(std::string const& name,
                     std::size_t part_limit = import_limits::xml_part_bytes,
                     std::string const& sheet = {}) {
        zip_int64_t const index = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
        if (index < 0)
            throw xlsx_error{name, "xlsx_missing_part", "Tệp Excel thiếu phần \"" + name + "\"",
                             "The Excel file lacks its part \"" + name + "\""};
        zip_stat_t stat;
        if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &stat) != 0)
            throw damaged(name);
        std::size_t const limit =
            std::min(import_limits::member_bytes, import_limits::unpacked_bytes - unpacked_);
        std::size_t const declared = (stat.valid & ZIP_STAT_SIZE) != 0 ? stat.size : limit;
        if (declared > part_limit && part_limit < limit)
            throw part_too_large(name, sheet);
        if (declared > limit)
            throw too_large(name);
        std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(
            zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0), &zip_fclose);
        if (!file)
            throw damaged(name);
        std::string data;
        constexpr std::size_t reserve_at_most = 16 * 1024 * 1024;
        data.reserve(std::min(declared, reserve_at_most));
        std::array<char, 64 * 1024> chunk{};
        while (true) {
            zip_int64_t const got = zip_fread(file.get(), chunk.data(), chunk.size());
            if (got < 0)
                throw damaged(name);
            if (got == 0)
                break;
            if (data.size() + static_cast<std::size_t>(got) > declared)
                throw too_large(name); // more than the header said: never trust it
            if (data.size() + static_cast<std::size_t>(got) > part_limit)
                throw part_too_large(name, sheet);
            data.append(chunk.data(), static_cast<std::size_t>(got));
        }
        unpacked_ += data.size();
        return data;
    }

private:
    // A first check only: read() also counts what really comes out.
    void check_declared_sizes() {
        std::size_t declared = 0;
        zip_int64_t const count = zip_get_num_entries(zip_, 0);
        for (zip_int64_t i = 0; i < count; ++i) {
            zip_stat_t stat;
            if (zip_stat_index(zip_, static_cast<zip_uint64_t>(i), 0, &stat) != 0 ||
                (stat.valid & ZIP_STAT_SIZE) == 0)
                continue;
            declared += std::min<zip_uint64_t>(stat.size, import_limits::unpacked_bytes + 1);
            if (declared > import_limits::unpacked_bytes)
                throw too_large(stat.name != nullptr ? stat.name : "?");
        }
    }

    zip_t* zip_ = nullptr;
    std::size_t unpacked_ = 0;
};

// An XML part parsed in place; the document keeps pointers into `text`.
struct xml_part {
    std::string text;
    pugi::xml_document document;
};

// Parses after bounding what pugixml will allocate: at most import_limits::xml_markup elements
// and attributes.
void parse_part(xml_part& part, std::string const& name) {
    auto const markup = static_cast<std::size_t>(std::count_if(
        part.text.begin(), part.text.end(), [](char c) { return c == '<' || c == '='; }));
    if (markup > import_limits::xml_markup)
        throw xlsx_error{name, "xlsx_too_complex",
                         "Phần \"" + name + "\" của tệp Excel có hơn " +
                             std::to_string(import_limits::xml_markup) + " thẻ và thuộc tính XML",
                         "Part \"" + name + "\" of the Excel file has more than " +
                             std::to_string(import_limits::xml_markup) +
                             " XML elements and attributes"};
    auto const result = part.document.load_buffer_inplace(
        part.text.data(), part.text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single,
        pugi::encoding_utf8);
    if (!result)
        throw xlsx_error{name, "xlsx_bad_xml",
                         "Phần \"" + name + "\" của tệp Excel không phải XML hợp lệ (" +
                             result.description() + ")",
                         "Part \"" + name + "\" of the Excel file is not valid XML (" +
                             result.description() + ")"};
}

pugi::xml_node next_element(pugi::xml_node node, std::string_view name) {
    while (node && !(node.type() == pugi::node_element && local_name(node) == name))
        node = node.next_sibling();
    return node;
}

// The attribute "r:id" whatever the prefix of the relationships namespace.
std::string_view relation_id(pugi::xml_node node) {
    for (auto a = node.first_attribute(); a; a = a.next_attribute()) {
        std::string_view const name = a.name();
        if (name.size() > 3 && name.ends_with(":id"))
            return a.value();
    }
    return {};
}

// Appends at most one byte past import_limits::text_bytes: enough for the mapping to report the
// cell too large without holding all of it.
void append_capped(std::string& into, std::string_view text) {
    std::size_t const room =
        import_limits::text_bytes + 1 - std::min(into.size(), import_limits::text_bytes + 1);
    into.append(text.substr(0, room));
}

// Excel writes characters XML cannot hold as _xHHHH_ (e.g. _x000D_ for a carriage return).
std::string decode_escapes(std::string_view text) {
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t const at = text.find("_x", pos);
        unsigned code = 0;
        bool const escape =
            at != std::string_view::npos && at + 7 <= text.size() && text[at + 6] == '_' &&
            std::from_chars(text.data() + at + 2, text.data() + at + 6, code, 16).ptr ==
                text.data() + at + 6;
        if (!escape) {
            std::size_t const end = at == std::string_view::npos ? text.size() : at + 2;
            out.append(text.substr(pos, end - pos));
            pos = end;
            continue;
        }
        out.append(text.substr(pos, at - pos));
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
        pos = at + 7;
    }
    return out;
}

// The text of a string item: one <t>, or the <t> of each rich-text run <r> (not the <rPh> hints).
std::string string_item(pugi::xml_node item) {
    std::string text;
    for (auto part = item.first_child(); part; part = part.next_sibling()) {
        if (local_name(part) == "t")
            append_capped(text, part.child_value());
        else if (local_name(part) == "r")
            append_capped(text, child(part, "t").child_value());
    }
    return decode_escapes(text);
}

std::vector<std::string> shared_strings(pugi::xml_node sst) {
    std::vector<std::string> strings;
    for (auto si = next_element(sst.first_child(), "si"); si;
         si = next_element(si.next_sibling(), "si"))
        strings.push_back(string_item(si));
    return strings;
}

std::string number_cell(std::string_view value) {
    double number = 0;
    auto const [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (ec != std::errc() || end != value.data() + value.size())
        return std::string(value);
    std::array<char, 32> shortest{}; // 0.1 stored as 0.10000000000000001 comes back as 0.1
    auto const written = std::to_chars(shortest.data(), shortest.data() + shortest.size(), number);
    return std::string(shortest.data(), written.ptr);
}

// The zero-based column of a reference like "C7"; nullopt when it has no letters.
std::optional<std::size_t> column_of(std::string_view reference) {
    std::size_t column = 0;
    std::size_t letters = 0;
    for (char const c : reference) {
        if (c < 'A' || c > 'Z')
            break;
        column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
        if (++letters > 3)
            return std::nullopt;
    }
    if (letters == 0)
        return std::nullopt;
    return column - 1;
}

std::string cell_text(pugi::xml_node cell, std::vector<std::string> const& strings,
                      std::string const& part) {
    std::string_view const type = cell.attribute("t").value();
    if (type == "inlineStr")
        return string_item(child(cell, "is"));
    std::string_view const value = child(cell, "v").child_value();
    if (type == "s") {
        std::size_t index = 0;
        auto const [end, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
        if (ec != std::errc() || end != value.data() + value.size() || index >= strings.size())
            throw damaged(part);
        return strings[index];
    }
    if (type == "b")
        return value == "1" ? "TRUE" : "FALSE";
    if (type == "str" || type == "e" || type == "d") {
        std::string text;
        append_capped(text, value);
        return decode_escapes(text);
    }
    return number_cell(value.substr(0, import_limits::text_bytes + 1));
}

// "xl/worksheets/sheet1.xml" from the folder of the part that names it and a relative target.
std::string resolve(std::string const& base_folder, std::string_view target) {
    std::string path =
        target.starts_with('/') ? std::string(target.substr(1)) : base_folder + std::string(target);
    std::vector<std::string> parts;
    std::istringstream segments(path);
    for (std::string segment; std::getline(segments, segment, '/');) {
        if (segment == "..") {
            if (!parts.empty())
                parts.pop_back();
        } else if (!segment.empty() && segment != ".") {
            parts.push_back(segment);
        }
    }
    std::string resolved;
    for (auto const& part : parts)
        resolved += (resolved.empty() ? "" : "/") + part;
    return resolved;
}

std::string folder_of(std::string const& path) {
    auto const slash = path.rfind('/');
    return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

// Relationship id -> {type, resolved target} of a part's .rels; empty when an optional one is
// missing.
std::map<std::string, std::pair<std::string, std::string>>
relations(zip_reader& zip, std::string const& part, bool required) {
    std::string const folder = folder_of(part);
    std::string const name = folder + "_rels/" + part.substr(folder.size()) + ".rels";
    std::map<std::string, std::pair<std::string, std::string>> found;
    if (!required && !zip.has(name))
        return found;
    xml_part rels{zip.read(name), {}};
    parse_part(rels, name);
    auto const root = rels.document.document_element();
    for (auto r = next_element(root.first_child(), "Relationship"); r;
         r = next_element(r.next_sibling(), "Relationship"))
        found[r.attribute("Id").value()] = {r.attribute("Type").value(),
                                            resolve(folder, r.attribute("Target").value())};
    return found;
}

bool is_question_sheet(std::string_view name) {
    if (!is_valid_utf8(name))
        return false;
    std::string const folded = fold_case(name);
    return folded == "câu hỏi" || folded == "cau hoi" || folded == "questions";
}

// Refuses a sheet of more than import_limits::sheet_rows rows or sheet_cells cells.
void check_sheet_size(pugi::xml_node data, std::string const& part, std::string const& sheet) {
    std::size_t rows = 0;
    std::size_t cells = 0;
    for (auto row = next_element(data.first_child(), "row"); row;
         row = next_element(row.next_sibling(), "row")) {
        ++rows;
        for (auto c = next_element(row.first_child(), "c"); c;
             c = next_element(c.next_sibling(), "c"))
            ++cells;
    }
    auto const refuse = [&](std::string const& what_vi, std::string const& what_en,
                            std::size_t limit) {
        std::string const n = std::to_string(limit);
        return xlsx_error{part, "xlsx_sheet_too_large",
                          "Trang tính \"" + sheet + "\" có hơn " + n + " " + what_vi,
                          "Sheet \"" + sheet + "\" has more than " + n + " " + what_en};
    };
    if (rows > import_limits::sheet_rows)
        throw refuse("dòng", "rows", import_limits::sheet_rows);
    if (cells > import_limits::sheet_cells)
        throw refuse("ô", "cells", import_limits::sheet_cells);
}

void read_workbook(std::string_view bytes, std::string_view file_name,
                   std::function<bool(std::string_view)> const& is_wanted_sheet,
                   table_mapper const& map_rows) {
    zip_reader zip(bytes);
    std::string workbook_part = "xl/workbook.xml";
    for (auto const& [id, relation] : relations(zip, "", false)) {
        if (relation.first.ends_with("/officeDocument"))
            workbook_part = relation.second;
    }
    xml_part workbook{zip.read(workbook_part), {}};
    parse_part(workbook, workbook_part);
    auto const sheets = child(workbook.document.document_element(), "sheets");
    pugi::xml_node chosen = next_element(sheets.first_child(), "sheet");
    for (auto s = chosen; s; s = next_element(s.next_sibling(), "sheet")) {
        if (is_wanted_sheet(s.attribute("name").value())) {
            chosen = s;
            break;
        }
    }
    if (!chosen)
        throw xlsx_error{workbook_part, "xlsx_no_sheet", "Tệp Excel không có trang tính nào",
                         "The Excel file has no worksheet"};
    auto const links = relations(zip, workbook_part, true);
    auto const sheet_link = links.find(std::string(relation_id(chosen)));
    if (sheet_link == links.end())
        throw damaged(workbook_part);
    std::vector<std::string> strings;
    for (auto const& [id, relation] : links) {
        if (!relation.first.ends_with("/sharedStrings"))
            continue;
        xml_part shared{zip.read(relation.second), {}};
        parse_part(shared, relation.second);
        strings = shared_strings(shared.document.document_element());
    }
    std::string const& sheet_part = sheet_link->second.second;
    std::string const name = chosen.attribute("name").value();
    xml_part sheet{zip.read(sheet_part, import_limits::xml_part_bytes, name), {}};
    parse_part(sheet, sheet_part);
    auto const data = child(sheet.document.document_element(), "sheetData");
    check_sheet_size(data, sheet_part, name);
    pugi::xml_node row_node = next_element(data.first_child(), "row");
    int previous_row = 0;
    map_rows({file_name, name}, [&](table_row& row) {
        if (!row_node)
            return false;
        int const number = row_node.attribute("r").as_int(previous_row + 1);
        row.line = number > 0 ? number : previous_row + 1;
        previous_row = row.line;
        row.cells.clear();
        std::size_t column = 0;
        for (auto c = next_element(row_node.first_child(), "c"); c;
             c = next_element(c.next_sibling(), "c")) {
            column = column_of(c.attribute("r").value()).value_or(column);
            if (column >= max_table_columns)
                break; // cells are in column order; no question column lies this far right
            if (row.cells.size() <= column)
                row.cells.resize(column + 1);
            row.cells[column] = cell_text(c, strings, sheet_part);
            ++column;
        }
        row_node = next_element(row_node.next_sibling(), "row");
        return true;
    });
}

// A file made with mkstemp in the system temp directory, removed when this goes out of scope.
class temporary_file {
public:
    temporary_file() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "phongthi-xlsx-XXXXXX").string();
        int const fd = mkstemp(pattern.data());
        if (fd < 0)
            throw std::runtime_error("cannot create a temporary file for the workbook");
        close(fd);
        path_ = std::move(pattern);
    }
    temporary_file(temporary_file const&) = delete;
    temporary_file& operator=(temporary_file const&) = delete;
    ~temporary_file() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }

    std::string const& path() const { return path_; }

private:
    std::string path_;
};

void check(lxw_error error) {
    if (error != LXW_NO_ERROR)
        throw std::runtime_error(std::string("cannot write the workbook: ") + lxw_strerror(error));
}

} // namespace

void read_xlsx_table(bank_import& into, std::string_view bytes, std::string_view file_name,
                     std::function<bool(std::string_view)> const& is_wanted_sheet,
                     table_mapper const& map_rows) {
    if (bytes.size() > import_limits::file_bytes) {
        add_problem(into,
                    {std::string(file_name), 0, "", "file_too_large", "Tệp quá lớn (tối đa 64 MB)",
                     "The file is too large (64 MB at most)", 0, severity::error});
        return;
    }
    try {
        read_workbook(bytes, file_name, is_wanted_sheet, map_rows);
    } catch (xlsx_error& e) {
        add_problem(into, {std::string(file_name), 0, std::move(e.field), std::move(e.code),
                           std::move(e.vi), std::move(e.en), 0, severity::error});
    }
}

bank_import read_xlsx_bank(std::string_view bytes, std::string_view file_name) {
    bank_import result;
    read_xlsx_table(
        result, bytes, file_name, is_question_sheet,
        [&result](table_place const& place, std::function<bool(table_row&)> const& next_row) {
            read_question_table(result, place, next_row);
        });
    return result;
}

std::string write_xlsx_bank(std::vector<question> const& questions) {
    question_table const table = make_question_table(questions);
    temporary_file file;
    lxw_workbook* workbook = workbook_new(file.path().c_str());
    if (workbook == nullptr)
        throw std::runtime_error("cannot create the workbook");
    // workbook_close() writes the file and frees the workbook, also when a cell failed.
    std::unique_ptr<lxw_workbook, decltype(&workbook_close)> owner(workbook, &workbook_close);
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, std::string(sheet_name).c_str());
    lxw_format* header = workbook_add_format(workbook);
    format_set_bold(header);
    format_set_bg_color(header, 0xDDEBF7);
    lxw_format* wrapped = workbook_add_format(workbook);
    format_set_text_wrap(wrapped);
    format_set_align(wrapped, LXW_ALIGN_VERTICAL_TOP);
    lxw_format* top = workbook_add_format(workbook);
    format_set_align(top, LXW_ALIGN_VERTICAL_TOP);
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
        auto const column = static_cast<lxw_col_t>(c);
        auto const& info = table.columns[c];
        check(worksheet_set_column(sheet, column, column, info.width,
                                   info.width >= 20 ? wrapped : top));
        check(worksheet_write_string(sheet, 0, column, info.header.c_str(), header));
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        auto const row = static_cast<lxw_row_t>(r + 1);
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            std::string const& text = table.rows[r][c];
            auto const column = static_cast<lxw_col_t>(c);
            double number = 0;
            auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
            if (table.columns[c].numeric && ec == std::errc() && end == text.data() + text.size())
                check(worksheet_write_number(sheet, row, column, number, nullptr));
            else if (!text.empty())
                check(worksheet_write_string(sheet, row, column, text.c_str(), nullptr));
        }
    }
    worksheet_freeze_panes(sheet, 1, 0);
    check(worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                               static_cast<lxw_col_t>(table.columns.size() - 1)));
    check(workbook_close(owner.release()));
    std::ifstream in(file.path(), std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read the workbook back");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

} // namespace phongthi::bank
