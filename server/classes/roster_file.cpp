#include "server/classes/roster_file.hpp"

#include "question-bank/csv_bank.hpp"
#include "question-bank/text.hpp"
#include "question-bank/xlsx_bank.hpp"
#include "scoring/report_text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <map>

namespace phongthi::server {

namespace {

// The roster's columns; family and given are the two halves of a name split as "Họ đệm | Tên".
enum class roster_column {
    full_name,
    family_name,
    given_name,
    birth_date,
    gender,
    unit,
    position,
    phone,
    list_number,
    unknown
};

struct roster_alias {
    std::string_view key; // plain_key() of the header
    roster_column what;
};

constexpr std::array roster_aliases{
    roster_alias{"hovaten", roster_column::full_name},
    roster_alias{"hoten", roster_column::full_name},
    roster_alias{"hovatenhocvien", roster_column::full_name},
    roster_alias{"hotenhocvien", roster_column::full_name},
    roster_alias{"fullname", roster_column::full_name},
    roster_alias{"name", roster_column::full_name},
    roster_alias{"ho", roster_column::family_name},
    roster_alias{"hodem", roster_column::family_name},
    roster_alias{"hovatendem", roster_column::family_name},
    roster_alias{"ten", roster_column::given_name},
    roster_alias{"ngaysinh", roster_column::birth_date},
    roster_alias{"ngaythangnamsinh", roster_column::birth_date},
    roster_alias{"sinhngay", roster_column::birth_date},
    roster_alias{"birthdate", roster_column::birth_date},
    roster_alias{"dateofbirth", roster_column::birth_date},
    roster_alias{"gioitinh", roster_column::gender},
    roster_alias{"phai", roster_column::gender},
    roster_alias{"gender", roster_column::gender},
    roster_alias{"sex", roster_column::gender},
    roster_alias{"donvi", roster_column::unit},
    roster_alias{"chibo", roster_column::unit},
    roster_alias{"donvichibo", roster_column::unit},
    roster_alias{"chibodonvi", roster_column::unit},
    roster_alias{"donvicongtac", roster_column::unit},
    roster_alias{"unit", roster_column::unit},
    roster_alias{"chucvu", roster_column::position},
    roster_alias{"chucdanh", roster_column::position},
    roster_alias{"position", roster_column::position},
    roster_alias{"sodienthoai", roster_column::phone},
    roster_alias{"dienthoai", roster_column::phone},
    roster_alias{"sdt", roster_column::phone},
    roster_alias{"phone", roster_column::phone},
    roster_alias{"stt", roster_column::list_number},
    roster_alias{"tt", roster_column::list_number},
    roster_alias{"sothutu", roster_column::list_number},
    roster_alias{"no", roster_column::list_number},
};

constexpr std::size_t roster_header_search_rows = 10;
constexpr std::size_t max_name_bytes = 800; // 200 Vietnamese characters

roster_column roster_column_of(std::string_view title) {
    if (!bank::is_valid_utf8(title))
        return roster_column::unknown;
    // "Ngày sinh (dd/mm/yyyy)": the note in brackets is not part of the name.
    std::string const key = plain_key(title.substr(0, title.find('(')));
    for (auto const& alias : roster_aliases) {
        if (alias.key == key)
            return alias.what;
    }
    return roster_column::unknown;
}

bool is_roster_sheet(std::string_view name) {
    std::string const key = plain_key(name);
    return key == "danhsach" || key == "danhsachhocvien" || key == "hocvien" || key == "roster";
}

std::string_view field_of(roster_column what) {
    switch (what) {
    case roster_column::full_name:
    case roster_column::family_name:
    case roster_column::given_name:
        return "full_name";
    case roster_column::birth_date:
        return "birth_date";
    case roster_column::gender:
        return "gender";
    case roster_column::unit:
        return "unit";
    case roster_column::position:
        return "position";
    case roster_column::phone:
        return "phone";
    case roster_column::list_number:
        return "list_number";
    case roster_column::unknown:
        break;
    }
    return "";
}

struct roster_header {
    int row = 0;
    std::map<roster_column, std::size_t> columns; // the first column of each kind
};

std::optional<roster_header> header_of_row(bank::table_row const& row) {
    roster_header header{row.line, {}};
    for (std::size_t i = 0; i < row.cells.size(); ++i)
        header.columns.emplace(roster_column_of(row.cells[i]), i);
    bool const named = header.columns.contains(roster_column::full_name) ||
                       (header.columns.contains(roster_column::family_name) &&
                        header.columns.contains(roster_column::given_name));
    if (!named || !header.columns.contains(roster_column::birth_date))
        return std::nullopt;
    return header;
}

/// Digits, with spaces, dots, dashes and brackets dropped; a leading 0 that a spreadsheet lost
/// (nine digits starting 3, 5, 7, 8 or 9) put back; "" when it is not a phone number.
std::string clean_phone(std::string_view text) {
    std::string phone;
    for (char const c : text) {
        if ((c >= '0' && c <= '9') || (c == '+' && phone.empty()))
            phone += c;
        else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')')
            return "";
    }
    if (phone.size() == 9 && std::string_view("35789").find(phone[0]) != std::string_view::npos)
        phone.insert(phone.begin(), '0');
    std::size_t const digits = phone.size() - (phone.starts_with('+') ? 1 : 0);
    return digits >= 8 && digits <= 15 ? phone : "";
}

/// Reads the rows below a header into `into`.
class roster_reader {
public:
    explicit roster_reader(roster_file& into) : into_(into) {}

    void read(std::function<bool(bank::table_row&)> const& next_row) {
        bank::table_row row;
        std::optional<roster_header> header;
        std::size_t searched = 0;
        while (!header) {
            if (!next_row(row) || (!blank(row) && ++searched > roster_header_search_rows))
                return fail_file("missing_columns",
                                 "Không tìm thấy dòng tiêu đề: cần có cột \"Họ và tên\" và cột "
                                 "\"Ngày sinh\"; có thể thêm \"Giới tính\", \"Đơn vị\", \"Chức "
                                 "vụ\", \"Số điện thoại\", \"STT\"",
                                 "No header row was found: the columns \"Họ và tên\" (full name) "
                                 "and \"Ngày sinh\" (birth date) are needed; \"Giới tính\", \"Đơn "
                                 "vị\", \"Chức vụ\", \"Số điện thoại\" and \"STT\" are optional");
            if (!blank(row))
                header = header_of_row(row);
        }
        note_columns(row, *header);
        std::size_t count = 0;
        while (next_row(row)) {
            if (blank(row))
                continue;
            if (++count > max_roster_rows)
                return add(
                    row.line, "", "too_many_rows",
                    "Danh sách có quá nhiều dòng (tối đa " + std::to_string(max_roster_rows) + ")",
                    "The list has too many rows (" + std::to_string(max_roster_rows) + " at most)");
            read_row(*header, row, static_cast<int>(count));
        }
        if (count == 0)
            add(header->row, "", "no_learners", "Không có học viên nào dưới dòng tiêu đề",
                "There are no learners below the header row");
    }

private:
    static bool blank(bank::table_row const& row) {
        return std::all_of(row.cells.begin(), row.cells.end(), [](std::string const& cell) {
            return cell.find_first_not_of(" \t\r\n") == std::string::npos;
        });
    }

    void add(int row, std::string_view field, std::string code, std::string vi, std::string en,
             bool error = true) {
        into_.problems.push_back(
            {row, std::string(field), std::move(code), std::move(vi), std::move(en), error});
    }

    void fail_file(std::string code, std::string vi, std::string en) {
        add(0, "", std::move(code), std::move(vi), std::move(en));
    }

    void note_columns(bank::table_row const& row, roster_header const& header) {
        into_.has_gender = header.columns.contains(roster_column::gender);
        into_.has_unit = header.columns.contains(roster_column::unit);
        into_.has_position = header.columns.contains(roster_column::position);
        into_.has_phone = header.columns.contains(roster_column::phone);
        for (std::size_t i = 0; i < row.cells.size(); ++i) {
            std::string const title = bank::is_valid_utf8(row.cells[i])
                                          ? bank::normalize_text(row.cells[i])
                                          : std::string("?");
            if (title.empty() || roster_column_of(row.cells[i]) != roster_column::unknown)
                continue;
            add(header.row, "", "unknown_column",
                "Cột \"" + title + "\" không dùng đến, được bỏ qua",
                "Column \"" + title + "\" is not used and is ignored", false);
        }
    }

    void read_row(roster_header const& header, bank::table_row const& row, int place) {
        auto const cell = [&](roster_column what) -> std::string {
            auto const at = header.columns.find(what);
            if (at == header.columns.end() || at->second >= row.cells.size())
                return "";
            std::string const& raw = row.cells[at->second];
            return bank::is_valid_utf8(raw) ? bank::normalize_text(raw) : std::string("\xFF");
        };
        std::size_t const before = into_.problems.size();
        auto const fail = [&](roster_column what, std::string code, std::string vi,
                              std::string en) {
            add(row.line, field_of(what), std::move(code), std::move(vi), std::move(en));
        };
        for (auto const& [what, index] : header.columns) {
            if (what != roster_column::unknown && index < row.cells.size() &&
                !bank::is_valid_utf8(row.cells[index]))
                fail(what, "bad_utf8", "Văn bản không phải UTF-8 hợp lệ",
                     "The text is not valid UTF-8");
        }
        if (into_.problems.size() > before)
            return;
        roster_row out;
        out.row = row.line;
        out.list_number = place;
        out.full_name = cell(roster_column::full_name);
        if (out.full_name.empty())
            out.full_name = bank::normalize_text(cell(roster_column::family_name) + " " +
                                                 cell(roster_column::given_name));
        if (out.full_name.empty())
            fail(roster_column::full_name, "missing_name", "Thiếu họ và tên",
                 "The full name is missing");
        else if (out.full_name.size() > max_name_bytes)
            fail(roster_column::full_name, "name_too_long", "Họ và tên quá dài (tối đa 200 ký tự)",
                 "The full name is too long (200 characters at most)");
        std::string const date = cell(roster_column::birth_date);
        out.birth_date = parse_roster_date(date);
        if (date.empty())
            fail(roster_column::birth_date, "missing_birth_date", "Thiếu ngày sinh",
                 "The birth date is missing");
        else if (out.birth_date.empty())
            fail(roster_column::birth_date, "bad_date",
                 "Ngày sinh \"" + date + "\" không hợp lệ (viết dd/mm/yyyy, ví dụ 05/03/1990)",
                 "Birth date \"" + date + "\" is not valid (write dd/mm/yyyy, e.g. 05/03/1990)");
        std::string const gender = cell(roster_column::gender);
        std::string const gender_key = plain_key(gender);
        if (gender_key == "nam" || gender_key == "male" || gender_key == "m")
            out.gender = "male";
        else if (gender_key == "nu" || gender_key == "female" || gender_key == "f")
            out.gender = "female";
        else if (!gender.empty())
            fail(roster_column::gender, "bad_gender",
                 "Giới tính \"" + gender + "\" không hợp lệ (ghi Nam hoặc Nữ)",
                 "Gender \"" + gender + "\" is not valid (write Nam or Nữ)");
        out.unit = cell(roster_column::unit);
        out.position = cell(roster_column::position);
        if (out.position.size() > max_name_bytes || out.unit.size() > max_name_bytes)
            fail(out.unit.size() > max_name_bytes ? roster_column::unit : roster_column::position,
                 "text_too_long", "Nội dung quá dài (tối đa 200 ký tự)",
                 "The text is too long (200 characters at most)");
        std::string const phone = cell(roster_column::phone);
        out.phone = clean_phone(phone);
        if (!phone.empty() && out.phone.empty())
            fail(roster_column::phone, "bad_phone", "Số điện thoại \"" + phone + "\" không hợp lệ",
                 "Phone number \"" + phone + "\" is not valid");
        std::string const number = cell(roster_column::list_number);
        int stated = 0;
        auto const [end, ec] =
            std::from_chars(number.data(), number.data() + number.size(), stated);
        if (!number.empty() && ec == std::errc() && end == number.data() + number.size() &&
            stated > 0 && stated < 100000)
            out.list_number = stated;
        if (into_.problems.size() > before)
            return;
        std::string const person = bank::fold_case(out.full_name) + "|" + out.birth_date;
        auto const [first, added] = seen_.emplace(person, out.row);
        if (!added)
            return fail(roster_column::full_name, "duplicate_row",
                        "Trùng với dòng " + std::to_string(first->second) +
                            " (cùng họ tên và ngày sinh)",
                        "Same person as row " + std::to_string(first->second) +
                            " (same full name and birth date)");
        into_.rows.push_back(std::move(out));
    }

    roster_file& into_;
    std::map<std::string, int> seen_; // person key -> first row
};

} // namespace

bool roster_file::has_errors() const {
    return std::any_of(problems.begin(), problems.end(),
                       [](roster_problem const& p) { return p.error; });
}

std::string plain_key(std::string_view text) {
    std::string key;
    for (char const c : scoring::ascii_name(std::string(text))) {
        if (c >= 'A' && c <= 'Z')
            key += static_cast<char>(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            key += c;
    }
    return key;
}

std::string parse_roster_date(std::string_view text) {
    using namespace std::chrono;
    std::size_t const from = text.find_first_not_of(" \t\r\n");
    std::string const plain(from == std::string_view::npos
                                ? std::string_view()
                                : text.substr(from, text.find_last_not_of(" \t\r\n") + 1 - from));
    auto const number = [&](std::size_t begin, std::size_t end) {
        int value = 0;
        auto const [stop, ec] = std::from_chars(plain.data() + begin, plain.data() + end, value);
        return ec == std::errc() && stop == plain.data() + end && end > begin ? value : -1;
    };
    year_month_day day{};
    std::size_t const first = plain.find_first_of("/-.");
    bool const serial_form = plain.find_first_not_of("0123456789.") == std::string::npos &&
                             std::count(plain.begin(), plain.end(), '.') <= 1;
    if (serial_form) {
        // An Excel day serial (days since 1899-12-30), maybe with a time as a fraction.
        int const serial = number(0, first == std::string::npos ? plain.size() : first);
        if (serial < 61)
            return "";
        day = year_month_day{sys_days{year{1899} / December / 30} + days{serial}};
    } else {
        if (first == std::string::npos)
            return "";
        std::size_t const second = plain.find(plain[first], first + 1);
        if (second == std::string::npos)
            return "";
        int const a = number(0, first);
        int const b = number(first + 1, second);
        int const c = number(second + 1, plain.size());
        if (a < 0 || b < 0 || c < 0)
            return "";
        bool const iso = first == 4; // yyyy-mm-dd
        if (!iso && (plain.size() - second - 1 != 4 || first > 2 || second - first - 1 > 2))
            return "";
        int const y = iso ? a : c;
        int const d = iso ? c : a;
        day = year{y} / month{static_cast<unsigned>(b)} / static_cast<unsigned>(d);
    }
    auto const today = year_month_day{floor<days>(system_clock::now())};
    if (!day.ok() || day.year() < year{1900} || day > today)
        return "";
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(day.year()),
                  static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    return buffer;
}

roster_file read_roster(std::string_view bytes, std::string_view format,
                        std::string_view file_name) {
    roster_file result;
    bank::bank_import sink;
    roster_reader reader(result);
    auto const map_rows = [&reader](bank::table_place const&,
                                    std::function<bool(bank::table_row&)> const& next_row) {
        reader.read(next_row);
    };
    if (format == "xlsx")
        bank::read_xlsx_table(sink, bytes, file_name, is_roster_sheet, map_rows);
    else
        bank::read_csv_table(
            sink, bytes, file_name,
            [](std::string_view title) {
                return roster_column_of(title) != roster_column::unknown;
            },
            map_rows);
    for (auto& p : sink.problems)
        result.problems.push_back({p.line, "", std::move(p.code), std::move(p.message_vi),
                                   std::move(p.message_en), p.level == bank::severity::error});
    return result;
}

} // namespace phongthi::server
