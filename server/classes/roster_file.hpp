#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace phongthi::server {

/// A problem with a roster: its row (as the spreadsheet numbers it; 0 for the whole file), the
/// field (full_name, birth_date, gender, unit, position, phone, list_number; "" for the row or
/// file), a stable code and the message in both languages.
struct roster_problem {
    int row = 0;
    std::string field;
    std::string code;
    std::string vi;
    std::string en;
    bool error = true; ///< false: a warning, the import still goes ahead
};

/// One learner as the roster lists them, checked and normalized.
struct roster_row {
    int row = 0;         ///< the spreadsheet's row (or the CSV line)
    int list_number = 0; ///< STT, or the learner's place in the file
    std::string full_name;
    std::string birth_date; ///< 'YYYY-MM-DD'
    std::string gender;     ///< "male" | "female" | ""
    std::string unit;       ///< code or name as written; "" for none
    std::string position;
    std::string phone;
};

/// A roster file read: its usable rows, the optional columns it has (an absent column leaves
/// the stored value alone on re-import), and every problem found.
struct roster_file {
    std::vector<roster_row> rows;
    std::vector<roster_problem> problems;
    bool has_gender = false;
    bool has_unit = false;
    bool has_position = false;
    bool has_phone = false;
    bool has_errors() const;
};

/// The most learners one roster may list.
constexpr std::size_t max_roster_rows = 2000;

/// Reads a class list from a CSV (UTF-8, with or without BOM; `,` `;` or TAB) or an XLSX file
/// (`format` "csv" or "xlsx"). Headers in Vietnamese with or without diacritics, any case, or in
/// English: Họ và tên / Họ tên (required), Ngày sinh (required: dd/mm/yyyy, d/m/yyyy,
/// yyyy-mm-dd or an Excel date), Giới tính (Nam/Nữ), Đơn vị / Chi bộ, Chức vụ, Số điện thoại,
/// STT. Title rows above the header are skipped. Problems name the row and the field; two rows
/// for the same person (name and birth date) are an error on the second. Any thread.
roster_file read_roster(std::string_view bytes, std::string_view format,
                        std::string_view file_name);

/// `text` as a matching key: Vietnamese letters without their marks (đ as d), in lower case,
/// with every character but a-z and 0-9 dropped: "Chi bộ Sở Y tế" → "chiboyte", "Đỗ Thị Hà" →
/// "dothiha". Any thread.
std::string plain_key(std::string_view text);

/// A birth date as a roster writes it (dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd,
/// or an Excel day serial such as 32874) as 'YYYY-MM-DD'; "" when it is not a real day between
/// 1900 and today. Any thread.
std::string parse_roster_date(std::string_view text);

} // namespace phongthi::server
