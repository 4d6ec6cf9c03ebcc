#include "question-bank/csv_bank.hpp"

#include "question-bank/format_constants.hpp"
#include "question-bank/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <variant>

namespace phongthi::bank {

namespace {

constexpr std::size_t header_search_rows = 10; // title rows allowed above the header
constexpr std::string_view field_separators = ",;\t";
// A cell starting with one of these is run as a formula by spreadsheets (OWASP: CSV injection).
constexpr std::string_view formula_starts = "=+-@\t\r";
constexpr std::string_view option_letters = "ABCDEFGHIJ";
static_assert(option_letters.size() == max_options);

// `ignored` columns are known and skipped quietly (STT); `unknown` ones draw a warning.
enum class role { id, topic, level, stem, option, answer, points, explanation, ignored, unknown };

struct header_alias {
    std::string_view name; // folded: lower case, NFC
    role what;
};

// Headers as lecturers write them, with and without diacritics, and Moodle qformat_csv's.
constexpr std::array header_aliases{
    header_alias{"mã", role::id},
    header_alias{"ma", role::id},
    header_alias{"mã câu hỏi", role::id},
    header_alias{"ma cau hoi", role::id},
    header_alias{"id", role::id},
    header_alias{"code", role::id},
    header_alias{"questionname", role::id},
    header_alias{"question name", role::id},
    header_alias{"chuyên đề", role::topic},
    header_alias{"chuyen de", role::topic},
    header_alias{"chủ đề", role::topic},
    header_alias{"chu de", role::topic},
    header_alias{"topic", role::topic},
    header_alias{"category", role::topic},
    header_alias{"mức độ", role::level},
    header_alias{"muc do", role::level},
    header_alias{"cấp độ", role::level},
    header_alias{"cap do", role::level},
    header_alias{"level", role::level},
    header_alias{"câu hỏi", role::stem},
    header_alias{"cau hoi", role::stem},
    header_alias{"nội dung", role::stem},
    header_alias{"noi dung", role::stem},
    header_alias{"nội dung câu hỏi", role::stem},
    header_alias{"noi dung cau hoi", role::stem},
    header_alias{"question", role::stem},
    header_alias{"question text", role::stem},
    header_alias{"questiontext", role::stem},
    header_alias{"stem", role::stem},
    header_alias{"đáp án", role::answer},
    header_alias{"dap an", role::answer},
    header_alias{"đáp án đúng", role::answer},
    header_alias{"dap an dung", role::answer},
    header_alias{"answer", role::answer},
    header_alias{"answers", role::answer},
    header_alias{"correct answer", role::answer},
    header_alias{"điểm", role::points},
    header_alias{"diem", role::points},
    header_alias{"points", role::points},
    header_alias{"point", role::points},
    header_alias{"mark", role::points},
    header_alias{"defaultmark", role::points},
    header_alias{"giải thích", role::explanation},
    header_alias{"giai thich", role::explanation},
    header_alias{"lời giải", role::explanation},
    header_alias{"loi giai", role::explanation},
    header_alias{"explanation", role::explanation},
    header_alias{"general feedback", role::explanation},
    header_alias{"stt", role::ignored},
    header_alias{"tt", role::ignored},
    header_alias{"no.", role::ignored},
};

// "Phương án B", "Option B", "Đáp án B", "Phương án 2" name option columns; so does a bare "B".
constexpr std::array<std::string_view, 8> option_prefixes{"phương án ", "phuong an ", "option ",
                                                          "lựa chọn ",  "lua chon ",  "choice ",
                                                          "đáp án ",    "dap an "};

struct column {
    std::size_t index = 0;
    role what = role::ignored;
    int option = -1; // 0 for A
    std::string title;
};

struct table_header {
    int line = 0;
    std::size_t width = 0; // cells in the header row, up to the last titled one
    std::vector<column> columns;

    column const* find(role what) const {
        auto const it = std::find_if(columns.begin(), columns.end(),
                                     [what](column const& c) { return c.what == what; });
        return it == columns.end() ? nullptr : &*it;
    }
};

bool blank_row(table_row const& row) {
    return std::all_of(row.cells.begin(), row.cells.end(),
                       [](std::string const& cell) { return trim_ascii(cell).empty(); });
}

std::string column_name(std::size_t index) {
    std::string name;
    for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26)
        name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
    return name;
}

std::string column_field(table_place const& place, column const& c) {
    std::string field = place.sheet.empty() ? "" : "sheet " + std::string(place.sheet) + ", ";
    field += "column " + column_name(c.index);
    if (!c.title.empty())
        field += " (" + c.title + ")";
    return field;
}

std::string row_field(table_place const& place, int line) {
    std::string const where = place.sheet.empty() ? "line " : "row ";
    std::string field = place.sheet.empty() ? "" : "sheet " + std::string(place.sheet) + ", ";
    return field + where + std::to_string(line);
}

int letter_index(std::string_view folded) {
    if (folded.size() != 1)
        return -1;
    auto const at = option_letters.find(static_cast<char>(folded[0] - 'a' + 'A'));
    return folded[0] >= 'a' && at != std::string_view::npos ? static_cast<int>(at) : -1;
}

// The option a folded header names (0 for A), or -1.
int option_of(std::string_view folded) {
    if (int const letter = letter_index(folded); letter >= 0)
        return letter;
    for (auto const prefix : option_prefixes) {
        if (!folded.starts_with(prefix))
            continue;
        std::string_view const rest = folded.substr(prefix.size());
        if (int const letter = letter_index(rest); letter >= 0)
            return letter;
        int number = 0;
        auto const [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), number);
        if (ec == std::errc() && end == rest.data() + rest.size() && number >= 1 &&
            number <= static_cast<int>(max_options))
            return number - 1;
    }
    return -1;
}

column classify(std::string const& title, std::size_t index) {
    if (!is_valid_utf8(title))
        return {index, role::unknown, -1, "?"};
    std::string const folded = fold_case(title);
    column c{index, role::unknown, -1, normalize_text(title)};
    for (auto const& alias : header_aliases) {
        if (folded == alias.name) {
            c.what = alias.what;
            return c;
        }
    }
    // Moodle qformat_csv numbers its answer columns: "Answer 1", "Answer 2".
    if (folded.starts_with("answer ") && folded.size() > 7 &&
        std::all_of(folded.begin() + 7, folded.end(),
                    [](char ch) { return ch >= '0' && ch <= '9'; })) {
        c.what = role::answer;
        return c;
    }
    if (int const option = option_of(folded); option >= 0) {
        c.what = role::option;
        c.option = option;
    }
    return c;
}

table_header header_of(table_row const& row) {
    table_header header;
    header.line = row.line;
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
        if (trim_ascii(row.cells[i]).empty())
            continue;
        header.width = i + 1;
        header.columns.push_back(classify(row.cells[i], i));
    }
    return header;
}

bool usable_header(table_header const& header) {
    return header.find(role::stem) != nullptr && header.find(role::answer) != nullptr;
}

problem table_problem(table_place const& place, int line, std::string field, std::string code,
                      std::string vi, std::string en, int number = 0,
                      severity level = severity::error) {
    return problem{std::string(place.file_name),
                   line,
                   std::move(field),
                   std::move(code),
                   std::move(vi),
                   std::move(en),
                   number,
                   level};
}

std::string const expected_columns_vi =
    "Cần có cột \"Câu hỏi\" (hoặc \"Nội dung\"), các cột phương án \"A\", \"B\"… và cột \"Đáp "
    "án\"; có thể thêm \"Mã\", \"Chuyên đề\", \"Mức độ\", \"Điểm\", \"Giải thích\".";
std::string const expected_columns_en =
    "The columns needed are \"Question\" (or \"Stem\"), option columns \"A\", \"B\"… and "
    "\"Answer\"; \"ID\", \"Topic\", \"Level\", \"Points\" and \"Explanation\" are optional. Moodle "
    "qformat_csv files (questionname, questiontext, A–D, Answer 1, Answer 2) are read too.";

// Reports unknown and repeated columns and option columns with a gap; false on an error.
bool check_header(bank_import& into, table_place const& place, table_header const& header) {
    bool ok = true;
    std::array<column const*, max_options> options{};
    for (auto const& c : header.columns) {
        std::string const field = column_field(place, c);
        if (c.what == role::unknown) {
            add_problem(into, table_problem(place, header.line, field, "unknown_column",
                                            "Cột \"" + c.title + "\" không dùng đến, được bỏ qua",
                                            "Column \"" + c.title + "\" is not used and is ignored",
                                            0, severity::warning));
            continue;
        }
        bool const single = c.what != role::answer && c.what != role::ignored;
        bool const repeated = c.what == role::option
                                  ? options[static_cast<std::size_t>(c.option)] != nullptr
                                  : single && header.find(c.what) != &c;
        if (repeated) {
            add_problem(into, table_problem(place, header.line, field, "duplicate_column",
                                            "Cột \"" + c.title + "\" bị lặp lại",
                                            "Column \"" + c.title + "\" appears twice"));
            ok = false;
        }
        if (c.what == role::option)
            options[static_cast<std::size_t>(c.option)] = &c;
    }
    auto const count = static_cast<std::size_t>(std::find(options.begin(), options.end(), nullptr) -
                                                options.begin());
    bool const gap = std::any_of(options.begin() + static_cast<std::ptrdiff_t>(count),
                                 options.end(), [](column const* c) { return c != nullptr; });
    if (count < min_options || gap) {
        add_problem(into, table_problem(place, header.line, "", "option_columns",
                                        "Các cột phương án phải liền nhau từ A (ít nhất A và B). " +
                                            expected_columns_vi,
                                        "The option columns must run from A without a gap (at "
                                        "least A and B). " +
                                            expected_columns_en));
        ok = false;
    }
    return ok;
}

std::optional<double> parse_number(std::string_view text) {
    std::string value(trim_ascii(text));
    if (value.find('.') == std::string::npos)
        std::replace(value.begin(), value.end(), ',', '.'); // "1,5" as Vietnamese write it
    double number = 0;
    auto const [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (value.empty() || ec != std::errc() || end != value.data() + value.size())
        return std::nullopt;
    return number;
}

// Why an answer cell could not be read, in both languages.
struct answer_error {
    std::string code;
    std::string vi;
    std::string en;
};

// Reads "B", "A,C", "AC", "a; c" (shares of 100) or "A=60, B=40, C=-100" (weights).
std::variant<std::vector<double>, answer_error> parse_answer(std::string_view text,
                                                             std::size_t option_count) {
    std::string compact;
    for (char const c : text) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            compact += c;
    }
    std::string const shown = "\"" + std::string(trim_ascii(text)) + "\"";
    if (compact.empty())
        return answer_error{"missing_answer", "Chưa ghi đáp án đúng", "The answer is missing"};
    std::vector<double> weights(option_count, 0);
    auto const letter = [&](char c) -> std::optional<std::size_t> {
        char const upper = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        auto const at = option_letters.find(upper);
        if (at == std::string_view::npos)
            return std::nullopt;
        return at;
    };
    auto const out_of_range = [&](std::size_t at) {
        std::string const last(1, option_letters[option_count - 1]);
        std::string const name(1, option_letters[at]);
        return answer_error{"answer_out_of_range",
                            "Đáp án " + name + " không có phương án tương ứng (chỉ có A–" + last +
                                ")",
                            "Answer " + name + " names no option (only A–" + last + ")"};
    };
    bool const weighted = compact.find_first_of("=:") != std::string::npos;
    if (!weighted) {
        std::vector<std::size_t> chosen;
        for (char const c : compact) {
            if (c == ',' || c == ';' || c == '/' || c == '+')
                continue;
            auto const at = letter(c);
            if (!at)
                return answer_error{"bad_answer",
                                    "Đáp án " + shown +
                                        " không hợp lệ; hãy ghi chữ cái của phương án đúng, ví dụ "
                                        "\"B\" hoặc \"A,C\"",
                                    "Answer " + shown +
                                        " is not valid; write the letters of the right options, "
                                        "e.g. \"B\" or \"A,C\""};
            if (*at >= option_count)
                return out_of_range(*at);
            if (std::find(chosen.begin(), chosen.end(), *at) == chosen.end())
                chosen.push_back(*at);
        }
        for (auto const at : chosen)
            weights[at] = 100.0 / static_cast<double>(chosen.size());
        return weights;
    }
    std::size_t start = 0;
    while (start <= compact.size()) {
        std::size_t const end = std::min(compact.find_first_of(",;", start), compact.size());
        std::string_view const item = std::string_view(compact).substr(start, end - start);
        start = end + 1;
        if (item.empty())
            continue;
        auto const at = letter(item[0]);
        auto const weight = item.size() > 2 && (item[1] == '=' || item[1] == ':')
                                ? parse_number(item.substr(2))
                                : std::nullopt;
        if (!at || !weight)
            return answer_error{
                "bad_answer",
                "Đáp án " + shown + " không hợp lệ; trọng số ghi theo dạng \"A=50, B=50, C=-100\"",
                "Answer " + shown + " is not valid; weights are written \"A=50, B=50, C=-100\""};
        if (*at >= option_count)
            return out_of_range(*at);
        weights[*at] = *weight;
    }
    return weights;
}

// Turns one data row into a question, or reports why it cannot.
void read_row(bank_import& into, table_place const& place, table_header const& header,
              table_row const& row, int number) {
    std::vector<problem> found;
    auto const fail = [&](column const& c, std::string code, std::string vi, std::string en) {
        found.push_back(table_problem(place, row.line, column_field(place, c), std::move(code),
                                      std::move(vi), std::move(en), number));
    };
    auto const cell = [&](column const& c) -> std::string const& {
        static std::string const empty;
        return c.index < row.cells.size() ? row.cells[c.index] : empty;
    };
    for (auto const& c : header.columns) {
        if (c.what == role::ignored || c.what == role::unknown)
            continue;
        if (cell(c).size() > import_limits::text_bytes)
            fail(c, "cell_too_large", "Ô quá dài (tối đa 64 KB)",
                 "The cell is too long (64 KB at most)");
        else if (!is_valid_utf8(cell(c)))
            fail(c, "bad_utf8", "Văn bản không phải UTF-8 hợp lệ", "The text is not valid UTF-8");
    }
    if (!found.empty()) {
        for (auto& p : found)
            add_problem(into, std::move(p));
        return;
    }
    question q;
    q.source_file = place.file_name;
    q.source_line = row.line;
    std::vector<column const*> options;
    for (auto const& c : header.columns) {
        std::string const& value = cell(c);
        switch (c.what) {
        case role::id:
            q.external_id = trim_ascii(value);
            break;
        case role::topic:
            q.topic = value;
            break;
        case role::stem:
            q.stem = value;
            break;
        case role::explanation:
            q.explanation = value;
            break;
        case role::level:
            if (trim_ascii(value).empty())
                break;
            if (auto const level = parse_level(value))
                q.level = *level;
            else
                fail(c, "unknown_level",
                     "Mức độ \"" + value +
                         "\" không hợp lệ (Nhận biết, Thông hiểu, Vận dụng, Vận dụng cao)",
                     "Unknown level \"" + value +
                         "\" (nhan_biet, thong_hieu, van_dung, van_dung_cao)");
            break;
        case role::points:
            if (trim_ascii(value).empty())
                break;
            if (auto const points = parse_number(value))
                q.points = *points;
            else
                fail(c, "bad_points", "Điểm \"" + value + "\" không phải là số",
                     "Points \"" + value + "\" is not a number");
            break;
        case role::option:
            if (options.size() <= static_cast<std::size_t>(c.option))
                options.resize(static_cast<std::size_t>(c.option) + 1, nullptr);
            options[static_cast<std::size_t>(c.option)] = &c;
            break;
        case role::answer:
        case role::ignored:
        case role::unknown:
            break;
        }
    }
    // The options are A.. up to the last filled one; an empty one before it would shift letters.
    std::size_t count = 0;
    for (std::size_t i = 0; i < options.size(); ++i) {
        if (!trim_ascii(cell(*options[i])).empty())
            count = i + 1;
    }
    for (std::size_t i = 0; i < count; ++i) {
        if (trim_ascii(cell(*options[i])).empty())
            fail(*options[i], "empty_option",
                 "Phương án " + std::string(1, option_letters[i]) +
                     " để trống trong khi các phương án sau có nội dung",
                 "Option " + std::string(1, option_letters[i]) +
                     " is empty while later options are filled");
        q.options.push_back({cell(*options[i]), 0, ""});
    }
    std::string answer;
    column const* answer_column = nullptr;
    for (auto const& c : header.columns) {
        if (c.what != role::answer)
            continue;
        answer_column = answer_column ? answer_column : &c;
        if (!trim_ascii(cell(c)).empty())
            answer += (answer.empty() ? "" : ",") + cell(c);
    }
    if (count > 0) {
        auto parsed = parse_answer(answer, count);
        if (auto* error = std::get_if<answer_error>(&parsed)) {
            fail(*answer_column, std::move(error->code), std::move(error->vi),
                 std::move(error->en));
        } else {
            auto const& weights = std::get<std::vector<double>>(parsed);
            for (std::size_t i = 0; i < count; ++i)
                q.options[i].weight = weights[i];
        }
    }
    for (std::size_t i = header.width; i < row.cells.size(); ++i) {
        if (trim_ascii(row.cells[i]).empty())
            continue;
        found.push_back(table_problem(
            place, row.line, column_field(place, column{i, role::ignored, -1, ""}), "extra_cells",
            "Dòng có ô nằm ngoài các cột có tiêu đề và bị bỏ qua (nội dung có dấu phẩy mà không "
            "đặt "
            "trong ngoặc kép?)",
            "The row has cells beyond the titled columns; they are ignored (text with a comma not "
            "in double quotes?)",
            number, severity::warning));
        break;
    }
    bool const usable = std::none_of(found.begin(), found.end(),
                                     [](problem const& p) { return p.level == severity::error; });
    for (auto& p : found)
        add_problem(into, std::move(p));
    if (usable)
        accept_question(into, std::move(q), number, row_field(place, row.line));
}

// An RFC 4180 reader that yields one record at a time, so memory stays bounded by one row.
class csv_reader {
public:
    csv_reader(std::string_view text, char separator) : text_(text), separator_(separator) {}

    // Fills `row` with the next record; false at the end or on an unclosed quote.
    bool next(table_row& row) {
        if (pos_ >= text_.size())
            return false;
        row.line = line_;
        row.cells.clear();
        std::string cell;
        bool quoted = false;
        bool field_start = true; // nothing but spaces read in this field yet
        int quote_line = 0;
        auto const append = [&cell](char c) {
            if (cell.size() <= import_limits::text_bytes) // one byte over marks it too large
                cell += c;
        };
        auto const end_cell = [&] {
            if (row.cells.size() < max_table_columns)
                row.cells.push_back(std::move(cell));
            cell.clear();
            field_start = true;
        };
        while (pos_ < text_.size()) {
            char const c = text_[pos_++];
            if (quoted) {
                if (c == '"' && pos_ < text_.size() && text_[pos_] == '"') {
                    append('"');
                    ++pos_;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    line_ += c == '\n' || (c == '\r' && !at('\n')) ? 1 : 0;
                    append(c);
                }
            } else if (c == '"' && field_start) {
                quoted = true;
                field_start = false;
                quote_line = line_;
                cell.clear(); // spaces before the opening quote
            } else if (c == separator_) {
                end_cell();
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && at('\n'))
                    ++pos_;
                ++line_;
                end_cell();
                return true;
            } else {
                field_start = field_start && (c == ' ' || c == '\t');
                append(c);
            }
        }
        if (quoted) {
            unclosed_line_ = quote_line;
            return false;
        }
        end_cell();
        return true;
    }

    /// The line of a quote that the file never closed; 0 if none.
    int unclosed_line() const { return unclosed_line_; }

private:
    bool at(char c) const { return pos_ < text_.size() && text_[pos_] == c; }

    std::string_view text_;
    char separator_;
    std::size_t pos_ = 0;
    int line_ = 1;
    int unclosed_line_ = 0;
};

// The separator used most on the first line that has any (outside quotes); ',' by default.
char most_used_separator(std::string_view text) {
    std::array<std::size_t, 3> counts{};
    bool quoted = false;
    std::size_t lines = 0;
    for (char const c : text) {
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && (c == '\n' || c == '\r')) {
            if (counts != std::array<std::size_t, 3>{} || ++lines >= header_search_rows)
                break;
        } else if (!quoted) {
            if (auto const at = field_separators.find(c); at != std::string_view::npos)
                ++counts[at];
        }
    }
    auto const best = std::max_element(counts.begin(), counts.end());
    return *best == 0 ? ',' : field_separators[static_cast<std::size_t>(best - counts.begin())];
}

// The most cells that `is_known` accepts in one of the first rows, split by `separator`.
std::size_t known_columns(std::string_view text, char separator,
                          std::function<bool(std::string_view)> const& is_known) {
    csv_reader reader(text, separator);
    table_row row;
    std::size_t most = 0;
    for (std::size_t rows = 0; rows < header_search_rows && reader.next(row); ++rows)
        most = std::max(most, static_cast<std::size_t>(
                                  std::count_if(row.cells.begin(), row.cells.end(), is_known)));
    return most;
}

// The separator that splits the header into the most known columns (Excel in a Vietnamese locale
// writes ';', and a title line above the header may hold commas); on a tie the one used most.
char detect_separator(std::string_view text,
                      std::function<bool(std::string_view)> const& is_known) {
    char best = most_used_separator(text);
    std::size_t best_known = known_columns(text, best, is_known);
    for (char const separator : field_separators) {
        if (std::size_t const known = known_columns(text, separator, is_known);
            known > best_known) {
            best = separator;
            best_known = known;
        }
    }
    return best;
}

// "B" or "A,C" when the right options share 100 equally and the others weigh 0, else weights.
std::string answer_text(question const& q) {
    std::vector<std::size_t> right;
    bool plain = true;
    for (std::size_t i = 0; i < q.options.size(); ++i) {
        if (q.options[i].weight > 0)
            right.push_back(i);
        else
            plain = plain && q.options[i].weight == 0;
    }
    for (auto const i : right)
        plain = plain && std::abs(q.options[i].weight * static_cast<double>(right.size()) - 100) <
                             0.01 * static_cast<double>(right.size());
    std::string text;
    for (std::size_t i = 0; i < q.options.size() && i < option_letters.size(); ++i) {
        if (plain && q.options[i].weight <= 0)
            continue;
        if (!plain && q.options[i].weight == 0)
            continue;
        text += (text.empty() ? "" : ",") + std::string(1, option_letters[i]);
        if (!plain)
            text += "=" + shortest_number(q.options[i].weight);
    }
    return text;
}

// "-1", "+2,5": a number, which a spreadsheet reads as a number and never as a formula.
bool is_number_text(std::string_view text) {
    if (!text.empty() && (text.front() == '-' || text.front() == '+'))
        text.remove_prefix(1);
    std::size_t digits = 0;
    bool point = false;
    for (char const c : text) {
        if (c >= '0' && c <= '9')
            ++digits;
        else if ((c == '.' || c == ',') && !point)
            point = true;
        else
            return false;
    }
    return digits > 0;
}

// Apostrophes before a formula character: what guard_cell() writes, or text that looks like it.
bool guarded(std::string_view cell) {
    std::size_t const text = cell.find_first_not_of('\'');
    return text > 0 && text != std::string_view::npos &&
           formula_starts.find(cell[text]) != std::string_view::npos;
}

// A text a spreadsheet would run as a formula gets a leading apostrophe; so does one that already
// looks guarded, so that reading it back (unguard_cell) gives the text exactly.
std::string guard_cell(std::string_view text) {
    bool const formula = !text.empty() &&
                         formula_starts.find(text.front()) != std::string_view::npos &&
                         !is_number_text(text);
    return formula || guarded(text) ? "'" + std::string(text) : std::string(text);
}

void unguard_cell(std::string& cell) {
    if (guarded(cell))
        cell.erase(0, 1);
}

std::string csv_cell(std::string_view text) {
    bool const quote = text.find_first_of(",;\t\"\r\n") != std::string_view::npos ||
                       (!text.empty() && (text.front() == ' ' || text.back() == ' '));
    if (!quote)
        return std::string(text);
    std::string cell = "\"";
    for (char const c : text)
        cell += c == '"' ? "\"\"" : std::string(1, c);
    return cell + "\"";
}

} // namespace

std::optional<std::string_view> text_file_body(bank_import& into, std::string_view bytes,
                                               std::string_view file_name,
                                               std::string_view format_name) {
    std::string const format(format_name);
    if (bytes.size() > import_limits::file_bytes) {
        add_problem(into,
                    {std::string(file_name), 0, "", "file_too_large", "Tệp quá lớn (tối đa 64 MB)",
                     "The file is too large (64 MB at most)", 0, severity::error});
        return std::nullopt;
    }
    if (bytes.starts_with(utf8_bom))
        bytes.remove_prefix(utf8_bom.size());
    if (is_valid_utf8(bytes))
        return bytes;
    // A multi-byte sequence never holds '\n', so the first invalid line can be found line by line.
    int line = 1;
    for (std::size_t start = 0; start < bytes.size(); ++line) {
        std::size_t const end = std::min(bytes.find('\n', start), bytes.size());
        if (!is_valid_utf8(bytes.substr(start, end - start)))
            break;
        start = end + 1;
    }
    add_problem(into, {std::string(file_name), line, "", "not_utf8",
                       "Tệp không dùng bảng mã UTF-8 (lỗi đầu tiên ở dòng " + std::to_string(line) +
                           "). Tệp " + format + " phải được lưu với bảng mã UTF-8.",
                       "The file is not UTF-8 encoded (first bad byte on line " +
                           std::to_string(line) + "). " + format + " files must use UTF-8.",
                       0, severity::error});
    return std::nullopt;
}

void read_question_table(bank_import& into, table_place const& place,
                         std::function<bool(table_row&)> const& next_row) {
    table_row row;
    std::optional<table_header> header;
    std::size_t searched = 0;
    int first_line = 0;
    auto const no_header = [&] {
        add_problem(into, table_problem(place, first_line, "", "missing_columns",
                                        "Không tìm thấy dòng tiêu đề. " + expected_columns_vi,
                                        "No header row was found. " + expected_columns_en));
    };
    while (!header) {
        if (!next_row(row))
            return no_header();
        if (blank_row(row))
            continue;
        first_line = first_line == 0 ? row.line : first_line;
        if (auto candidate = header_of(row); usable_header(candidate))
            header = std::move(candidate);
        else if (++searched >= header_search_rows)
            return no_header();
    }
    if (!check_header(into, place, *header))
        return;
    int number = 0;
    while (next_row(row)) {
        if (blank_row(row))
            continue;
        if (static_cast<std::size_t>(++number) > import_limits::questions) {
            add_problem(into, table_problem(place, row.line, "", "too_many_questions",
                                            "Tệp có quá nhiều câu hỏi (tối đa 100 000)",
                                            "The file has too many questions (100,000 at most)"));
            return;
        }
        read_row(into, place, *header, row, number);
    }
    if (number == 0)
        add_problem(into, table_problem(place, header->line, "", "no_questions",
                                        "Không có câu hỏi nào dưới dòng tiêu đề",
                                        "There are no questions below the header row"));
}

void read_csv_table(bank_import& into, std::string_view bytes, std::string_view file_name,
                    std::function<bool(std::string_view)> const& is_known_header,
                    table_mapper const& map_rows) {
    auto const body = text_file_body(into, bytes, file_name, "CSV");
    if (!body)
        return;
    csv_reader reader(*body, detect_separator(*body, is_known_header));
    map_rows({file_name, ""}, [&reader](table_row& row) {
        if (!reader.next(row))
            return false;
        for (auto& cell : row.cells)
            unguard_cell(cell);
        return true;
    });
    if (int const line = reader.unclosed_line(); line > 0)
        add_problem(into, table_problem({file_name, ""}, line, "", "unclosed_quote",
                                        "Dấu ngoặc kép mở ở dòng " + std::to_string(line) +
                                            " không được đóng cho đến hết tệp",
                                        "The double quote opened on line " + std::to_string(line) +
                                            " is never closed before the end of the file"));
}

bank_import read_csv_bank(std::string_view text, std::string_view file_name) {
    bank_import result;
    read_csv_table(
        result, text, file_name,
        [](std::string_view title) {
            return classify(std::string(title), 0).what != role::unknown;
        },
        [&result](table_place const& place, std::function<bool(table_row&)> const& next_row) {
            read_question_table(result, place, next_row);
        });
    return result;
}

question_table make_question_table(std::vector<question> const& questions) {
    std::size_t option_count = 4;
    for (auto const& q : questions)
        option_count = std::max(option_count, std::min(q.options.size(), max_options));
    question_table table;
    table.columns = {
        {"Mã", 10, false}, {"Chuyên đề", 20, false}, {"Mức độ", 14, false}, {"Câu hỏi", 60, false}};
    for (std::size_t i = 0; i < option_count; ++i)
        table.columns.push_back({std::string(1, option_letters[i]), 25, false});
    table.columns.push_back({"Đáp án", 10, false});
    table.columns.push_back({"Điểm", 8, true});
    table.columns.push_back({"Giải thích", 40, false});
    for (auto const& q : questions) {
        std::vector<std::string> row{q.external_id, q.topic, std::string(level_label(q.level)),
                                     q.stem};
        for (std::size_t i = 0; i < option_count; ++i)
            row.push_back(i < q.options.size() ? q.options[i].text : "");
        row.push_back(answer_text(q));
        row.push_back(shortest_number(q.points));
        row.push_back(q.explanation);
        table.rows.push_back(std::move(row));
    }
    return table;
}

std::string write_csv_table(std::vector<std::vector<std::string>> const& rows) {
    std::string text(utf8_bom);
    for (auto const& cells : rows) {
        for (std::size_t i = 0; i < cells.size(); ++i)
            text += (i == 0 ? "" : ",") + csv_cell(guard_cell(cells[i]));
        text += "\r\n";
    }
    return text;
}

std::string write_csv_bank(std::vector<question> const& questions) {
    question_table table = make_question_table(questions);
    std::vector<std::string> header;
    for (auto const& c : table.columns)
        header.push_back(c.header);
    table.rows.insert(table.rows.begin(), std::move(header));
    return write_csv_table(table.rows);
}

} // namespace phongthi::bank
