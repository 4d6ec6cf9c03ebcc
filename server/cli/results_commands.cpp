// `phongthi results`, `phongthi stats` and `phongthi exam fix-key` on the data directory: the
// class table, the item analysis, and a key correction that regrades, as the API gives them.
#include "question-bank/csv_bank.hpp"
#include "question-bank/question.hpp"
#include "scoring/classification.hpp"
#include "server/api/api_support.hpp"
#include "server/banks/bank_store.hpp"
#include "server/bundles/bundle_import.hpp"
#include "server/cli/cli_support.hpp"
#include "server/cli/commands.hpp"
#include "server/exams/exam_store.hpp"
#include "server/results/correction_input.hpp"
#include "server/results/exam_results.hpp"
#include "server/store/data_store.hpp"

#include <algorithm>
#include <charconv>
#include <iostream>
#include <map>

namespace phongthi::server {

namespace {

/// A number as people write it: at most two decimals, no trailing zeros; "-" for null.
std::string number_text(json const& value) {
    if (!value.is_number())
        return "-";
    char buffer[32];
    auto const end = std::to_chars(buffer, buffer + sizeof buffer, value.get<double>(),
                                   std::chars_format::fixed, 2)
                         .ptr;
    std::string text(buffer, end);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.')
        text.pop_back();
    return text == "-0" ? "0" : text;
}

/// A share as a whole percentage, "50%"; "-" for null.
std::string percent_text(json const& share) {
    return share.is_number()
               ? std::to_string(static_cast<int>(share.get<double>() * 100 + 0.5)) + "%"
               : "-";
}

/// Milliseconds as m:ss, or h:mm:ss from an hour on; empty for null.
std::string duration_text(json const& ms) {
    if (!ms.is_number_integer())
        return "";
    auto const seconds = ms.get<std::int64_t>() / 1000;
    auto const two = [](std::int64_t n) { return (n < 10 ? "0" : "") + std::to_string(n); };
    auto const hours = seconds / 3600, minutes = seconds / 60 % 60;
    return hours > 0 ? std::to_string(hours) + ":" + two(minutes) + ":" + two(seconds % 60)
                     : std::to_string(minutes) + ":" + two(seconds % 60);
}

/// Columns a UTF-8 text takes on a terminal: one per character, none for the combining marks
/// U+0300..U+036F (Vietnamese text not in NFC).
std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto const c = static_cast<unsigned char>(text[i]);
        auto const next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
        bool const combining = c == 0xCC || (c == 0xCD && next < 0xB0);
        width += (c & 0xC0) != 0x80 && !combining ? 1 : 0;
    }
    return width;
}

/// Prints rows (the first is the header) in columns two spaces apart; an empty cell shows "-".
void print_table(std::vector<std::vector<std::string>> const& rows) {
    std::vector<std::size_t> widths;
    for (auto const& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c) {
            widths.resize(std::max(widths.size(), c + 1));
            widths[c] = std::max(widths[c], display_width(row[c].empty() ? "-" : row[c]));
        }
    for (auto const& row : rows) {
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c) {
            auto const& cell = row[c].empty() ? std::string("-") : row[c];
            line += cell;
            if (c + 1 < row.size())
                line += std::string(widths[c] - display_width(cell) + 2, ' ');
        }
        std::cout << line << "\n";
    }
}

/// The class of a results row in `lang`, or why it has none (absent, or the attempt's state).
std::string class_text(json const& row, language lang) {
    auto const& c = row["classification"];
    if (c.is_object())
        return c[lang == language::en ? "en" : "vi"].get<std::string>();
    if (row["state"] == "absent")
        return lang == language::en ? "absent" : "vắng thi";
    return "(" + row["state"].get<std::string>() + ")";
}

/// The class table of exam_results::results: a header row, then one row per learner.
std::vector<std::vector<std::string>> class_table(json const& results, language lang) {
    bool const en = lang == language::en;
    std::vector<std::vector<std::string>> table{
        en ? std::vector<std::string>{"No.", "Full name", "Date of birth", "Unit", "Variant",
                                      "Score", "Class", "Rank", "Time"}
           : std::vector<std::string>{"STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Mã đề", "Điểm",
                                      "Xếp loại", "Hạng", "Thời gian"}};
    int n = 0;
    for (auto const& row : results["rows"]) {
        ++n;
        auto const list_number = row["list_number"].get<int>();
        auto const unit = row["unit"].get<std::string>();
        table.push_back({std::to_string(list_number > 0 ? list_number : n),
                         row["full_name"].get<std::string>(), row["birth_date"].get<std::string>(),
                         unit.empty() ? row["unit_code"].get<std::string>() : unit,
                         row["variant"].is_string() ? row["variant"].get<std::string>() : "",
                         row["score"].is_number() ? number_text(row["score"]) : "",
                         class_text(row, lang),
                         row["class_rank"].is_number() ? row["class_rank"].dump() : "",
                         duration_text(row["time_used_ms"])});
    }
    return table;
}

/// The summary of exam_results::results: the counts, then the learners in each class of the
/// default rules (counted from the rows, best class first).
void print_summary(json const& results, language lang) {
    bool const en = lang == language::en;
    auto const& s = results["summary"];
    std::map<std::string, int> per_class;
    int absent = 0;
    for (auto const& row : results["rows"]) {
        absent += row["state"] == "absent" ? 1 : 0;
        if (row["classification"].is_object())
            ++per_class[row["classification"]["key"].get<std::string>()];
    }
    auto const not_graded = s["learners"].get<int>() - s["graded"].get<int>() - absent;
    std::cout << "\n"
              << (en ? "learners " : "sĩ số ") << s["learners"] << (en ? ", graded " : ", có điểm ")
              << s["graded"] << (en ? ", absent " : ", vắng thi ") << absent;
    if (not_graded > 0)
        std::cout << (en ? ", not graded " : ", chưa có điểm ") << not_graded;
    std::cout << (en ? ", mean " : ", điểm trung bình ") << number_text(s["mean"])
              << (en ? ", passed " : ", đạt ") << s["passed"] << " ("
              << percent_text(s["pass_rate"]) << ")\n"
              << (en ? "classes: " : "xếp loại: ");
    auto const rules = scoring::default_rules();
    auto labels = std::vector<scoring::grade_label>();
    for (auto const& band : rules.bands)
        labels.push_back(band.label);
    labels.push_back(rules.fail);
    for (std::size_t i = 0; i < labels.size(); ++i)
        std::cout << (i ? ", " : "") << (en ? labels[i].en : labels[i].vi) << " "
                  << per_class[labels[i].key];
    std::cout << "\n";
}

/// A report of exam_results (results or statistics) on the --data directory; throws when there
/// is no such exam.
json exam_report(command_args const& args, std::int64_t exam_id,
                 std::optional<json> (*report)(store::database&, std::int64_t)) {
    store::data_store data(data_dir_of(args));
    auto found = data.read_side().with([&](store::database& db) { return report(db, exam_id); });
    if (!found)
        throw std::runtime_error("no exam " + std::to_string(exam_id));
    return std::move(*found);
}

int show_results(command_args const& args, std::int64_t exam_id) {
    auto const lang = language_of(args);
    if (args.flag("json") && args.flag("csv"))
        throw usage_error("--json and --csv cannot go together");
    auto const results = exam_report(args, exam_id, exam_results::results);
    if (args.flag("json")) {
        std::cout << results.dump(2) << "\n";
    } else if (args.flag("csv")) {
        std::cout << bank::write_csv_table(class_table(results, lang));
    } else {
        auto const& exam = results["exam"];
        std::cout << (lang == language::en ? "exam " : "bài thi ") << exam["id"] << ": "
                  << exam["title"].get<std::string>() << " (" << exam["state"].get<std::string>()
                  << (lang == language::en ? ", scale " : ", thang điểm ")
                  << number_text(exam["scale"]) << ")\n\n";
        print_table(class_table(results, lang));
        print_summary(results, lang);
    }
    return 0;
}

void print_question(json const& q) {
    std::cout << "\nquestion " << q["question_id"] << " (" << q["topic"].get<std::string>() << "), "
              << q["candidates"] << " candidates" << (q["voided"] == true ? ", voided" : "")
              << "\n  " << q["stem"].get<std::string>() << "\n  difficulty "
              << number_text(q["difficulty"]) << ", corrected point-biserial "
              << number_text(q["corrected_point_biserial"]) << ", flags: ";
    std::string flags;
    for (auto const& flag : q["flags"])
        flags += (flags.empty() ? "" : ", ") + flag.get<std::string>();
    std::cout << (flags.empty() ? "none" : flags) << "\n";
    for (std::size_t o = 0; o < q["options"].size(); ++o) {
        auto const& option = q["options"][o];
        std::cout << "   " << (option["key"] == true ? '*' : ' ') << " "
                  << static_cast<char>('A' + o) << ". " << option["text"].get<std::string>()
                  << "   " << option["chosen"] << " (" << percent_text(option["share"]) << ")\n";
    }
}

int show_statistics(command_args const& args, std::int64_t exam_id) {
    auto const stats = exam_report(args, exam_id, exam_results::statistics);
    if (args.flag("json")) {
        std::cout << stats.dump(2) << "\n";
        return 0;
    }
    auto const& t = stats["test"];
    std::cout << "exam " << stats["exam"]["id"] << ": " << stats["exam"]["title"].get<std::string>()
              << "\nattempts " << stats["attempts"] << ", questions analysed "
              << t["questions_analysed"] << " of " << stats["questions"].size() << "\nmean "
              << number_text(t["mean"]) << ", standard deviation "
              << number_text(t["standard_deviation"]) << ", KR-20 " << number_text(t["kr20"])
              << ", alpha " << number_text(t["alpha"]) << ", standard error "
              << number_text(t["standard_error"]) << "\n";
    for (auto const& question : stats["questions"])
        print_question(question);
    return 0;
}

/// The option indexes of "A,C": letters A.. of the question's options as stored.
json option_indexes(std::string const& letters) {
    json indexes = json::array();
    std::size_t start = 0;
    for (;;) {
        auto const comma = letters.find(',', start);
        auto const letter = letters.substr(start, comma - start);
        if (letter.size() != 1 || letter[0] < 'A' ||
            letter[0] >= static_cast<char>('A' + bank::max_options))
            throw usage_error("--correct takes option letters A to J separated by commas, not \"" +
                              letter + "\"");
        indexes.push_back(letter[0] - 'A');
        if (comma == std::string::npos)
            return indexes;
        start = comma + 1;
    }
}

/// The correction body the API would be given, from --question, --correct|--void|--restore
/// and --reason.
json correction_body(command_args const& args) {
    auto const question = parse_id(args.required("question"));
    if (!question)
        throw usage_error("--question must be a question id (a number)");
    json body = {{"question_id", *question}, {"reason", args.required("reason")}};
    auto const correct = args.value("correct");
    auto const mode = args.value("void");
    if ((correct ? 1 : 0) + (mode ? 1 : 0) + (args.flag("restore") ? 1 : 0) != 1)
        throw usage_error("give one of --correct, --void and --restore");
    if (correct)
        body["correct"] = option_indexes(*correct);
    else if (mode)
        body["void"] = *mode;
    else
        body["restore"] = true;
    return body;
}

/// What is wrong with the --option behind a field correction_input names.
std::string problem_of(std::string_view field, std::size_t options) {
    if (field == "reason")
        return "--reason must hold 1 to " + std::to_string(correction_input::max_reason_bytes) +
               " bytes";
    if (field == "void")
        return "--void is full_credit or drop";
    return "--correct: the question has " + std::to_string(options) + " options, A to " +
           std::string(1, static_cast<char>('A' + std::max<std::size_t>(options, 1) - 1));
}

std::string correction_text(exam_results::correction_request const& request) {
    if (request.void_mode)
        return "voided (" + *request.void_mode + ")";
    if (!request.weights)
        return "original key restored";
    std::string key;
    for (std::size_t o = 0; o < request.weights->size(); ++o)
        if ((*request.weights)[o] > 0)
            key += (key.empty() ? "" : ",") + std::string(1, static_cast<char>('A' + o));
    return "key now " + key;
}

/// Checks that the correction fits a question on the exam's papers (throws what is wrong).
void check_correction(store::database& db, std::int64_t exam_id,
                      correction_input::parsed& correction) {
    if (!exam_store::find_exam(db, exam_id))
        throw std::runtime_error("no exam " + std::to_string(exam_id));
    if (bundle_import::is_imported(db, exam_id))
        throw std::runtime_error("exam " + std::to_string(exam_id) +
                                 " was imported from another server's result bundle: read-only");
    auto const question_id = correction.request->question_id;
    auto const question = bank_store::find_question(db, question_id);
    if (!question || !exam_results::question_in_exam(db, exam_id, question_id))
        throw std::runtime_error("question " + std::to_string(question_id) +
                                 " is not on the papers of exam " + std::to_string(exam_id));
    auto const options = question->content.options.size();
    if (auto const field = correction_input::fit_to_question(correction, options); !field.empty())
        throw std::runtime_error(problem_of(field, options));
}

/// A classification and class rank as "Giỏi, rank 1"; "-" when none.
std::string standing_text(json const& classification, json const& rank) {
    if (!classification.is_object())
        return "-";
    return classification.value("vi", "") + (rank.is_number() ? ", rank " + rank.dump() : "");
}

int fix_key(command_args const& args, std::int64_t exam_id) {
    auto correction = correction_input::read(correction_body(args));
    if (!correction.request)
        throw usage_error(problem_of(correction.bad_field, 0));
    store::data_store data(data_dir_of(args));
    bool const dry_run = args.flag("dry-run");
    json outcome;
    if (dry_run)
        data.read_side().with([&](store::database& db) {
            check_correction(db, exam_id, correction);
            outcome = exam_results::preview_correction(db, exam_id, *correction.request, now_ms());
        });
    else
        data.write_side().write([&](store::database& db) {
            check_correction(db, exam_id, correction);
            outcome =
                exam_results::correct_key(db, exam_id, *correction.request, cli_actor(), now_ms());
        });
    std::cout << (dry_run ? "dry run, nothing written: " : "") << "exam " << exam_id
              << ", question " << correction.request->question_id << ": "
              << correction_text(*correction.request) << "\n"
              << (dry_run ? "would regrade " : "regraded ") << outcome["regraded"] << ", "
              << (dry_run ? "would change " : "changed ") << outcome["changed"] << "\n";
    for (auto const& change : outcome["attempts"]) {
        std::cout << "  attempt " << change["attempt"] << " (user " << change["user"]
                  << "): " << number_text(change["before"]) << " → "
                  << number_text(change["after"]);
        if (dry_run)
            std::cout << "; " << standing_text(change["class_before"], change["rank_before"])
                      << " → " << standing_text(change["class_after"], change["rank_after"]);
        std::cout << "\n";
    }
    return 0;
}

} // namespace

int run_results(int argc, char** argv, int first) {
    auto const id = positional_id(argc, argv, first, "the exam id");
    return show_results(command_args(argc, argv, first + 1, {"lang", "data"}, {"json", "csv"}), id);
}

int run_stats(int argc, char** argv, int first) {
    auto const id = positional_id(argc, argv, first, "the exam id");
    return show_statistics(command_args(argc, argv, first + 1, {"data"}, {"json"}), id);
}

int run_fix_key(int argc, char** argv, int first) {
    auto const id = positional_id(argc, argv, first, "the exam id");
    return fix_key(command_args(argc, argv, first + 1,
                                {"question", "correct", "void", "reason", "data"},
                                {"restore", "dry-run"}),
                   id);
}

} // namespace phongthi::server
