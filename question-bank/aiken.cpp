#include "question-bank/aiken.hpp"

#include "question-bank/csv_bank.hpp"
#include "question-bank/text.hpp"

#include <algorithm>
#include <optional>
#include <utility>

namespace phongthi::bank {

namespace {

constexpr std::string_view answer_prefix = "ANSWER:";

bool is_choice(std::string_view line) {
    return line.size() >= 2 && line[0] >= 'A' && line[0] <= 'Z' &&
           (line[1] == '.' || line[1] == ')');
}

// "Answer: B", "ANSWER : B", "Đáp án: B": meant as the answer line, but not Aiken's "ANSWER:".
bool is_answer_lookalike(std::string_view line) {
    constexpr std::size_t longest_keyword = 16;
    auto const colon = line.find(':');
    if (colon == std::string_view::npos || colon > longest_keyword)
        return false;
    std::string const keyword = fold_case(line.substr(0, colon));
    return keyword == "answer" || keyword == "đáp án" || keyword == "dap an";
}

// Moodle's Aiken state machine, with an error for every line it would silently drop.
class aiken_parser {
public:
    aiken_parser(bank_import& into, std::string_view file_name)
        : into_(into), file_name_(file_name) {}

    // Reads one line (already trimmed and not blank); false once the question limit is passed.
    bool read(std::string_view line, int number) {
        if (line.size() > import_limits::text_bytes)
            return on_long_line(number);
        if (line.starts_with(answer_prefix))
            on_answer(trim_ascii(line.substr(answer_prefix.size())), number);
        else if (is_choice(line))
            on_choice(line, number);
        else if (is_answer_lookalike(line))
            on_lookalike(number);
        else
            return on_text(line, number);
        return true;
    }

    // Reports a question left open at the end of the file, and a file with no question at all.
    void finish() {
        if (open_ && !open_->broken)
            fail(open_->q.source_line, open_->number, "question_not_finished",
                 "Câu hỏi bắt đầu ở dòng " + std::to_string(open_->q.source_line) +
                     " chưa có dòng \"ANSWER: …\" cho đến hết tệp; câu hỏi này bị bỏ qua",
                 "The question started on line " + std::to_string(open_->q.source_line) +
                     " has no \"ANSWER: …\" line before the end of the file; it is skipped");
        if (count_ == 0)
            fail(0, 0, "no_questions", "Tệp không có câu hỏi Aiken nào",
                 "The file holds no Aiken question");
    }

private:
    struct open_question {
        question q;
        int number = 0;
        bool broken = false; // already reported: its remaining lines are passed over quietly
    };

    void fail(int line, int number, std::string code, std::string vi, std::string en) {
        std::string field = number > 0 ? "questions[" + std::to_string(number - 1) + "]" : "";
        add_problem(into_, {std::string(file_name_), line, std::move(field), std::move(code),
                            std::move(vi), std::move(en), number, severity::error});
    }

    void break_open(int line, std::string code, std::string vi, std::string en) {
        fail(line, open_->number, std::move(code), std::move(vi), std::move(en));
        open_->broken = true;
    }

    bool on_long_line(int line) {
        std::string const vi = "Dòng " + std::to_string(line) + " quá dài (tối đa 64 KB)";
        std::string const en = "Line " + std::to_string(line) + " is too long (64 KB at most)";
        if (open_) {
            if (!open_->broken)
                break_open(line, "line_too_long", vi, en);
            return true;
        }
        if (!start(line, ""))
            return false;
        break_open(line, "line_too_long", vi, en);
        return true;
    }

    void on_answer(std::string_view answer, int line) {
        if (!open_) {
            fail(line, 0, "answer_without_question",
                 "Dòng ANSWER ở dòng " + std::to_string(line) +
                     " không thuộc câu hỏi nào (câu hỏi chưa được bắt đầu)",
                 "The ANSWER on line " + std::to_string(line) +
                     " belongs to no question (question not started)");
            return;
        }
        auto current = std::move(*open_);
        open_.reset();
        if (current.broken)
            return;
        auto& options = current.q.options;
        std::string const shown = "\"" + std::string(answer) + "\"";
        bool const letters_only =
            !answer.empty() && std::all_of(answer.begin(), answer.end(), [](char c) {
                return (c >= 'A' && c <= 'Z') || c == ',' || c == ';' || c == ' ';
            });
        if (letters_only && answer.find_first_of(", ;") != std::string_view::npos) {
            fail(line, current.number, "multiple_answers",
                 "Aiken chỉ cho phép một đáp án đúng; dòng " + std::to_string(line) + " ghi " +
                     shown,
                 "Aiken allows one right answer only; line " + std::to_string(line) + " reads " +
                     shown);
            return;
        }
        if (answer.size() != 1 || answer[0] < 'A' || answer[0] > 'Z') {
            fail(line, current.number, "bad_answer",
                 "Dòng " + std::to_string(line) + ": đáp án " + shown +
                     " phải là một chữ cái in hoa (A, B, C…) sau \"ANSWER:\"",
                 "Line " + std::to_string(line) + ": the answer " + shown +
                     " must be one capital letter (A, B, C…) after \"ANSWER:\"");
            return;
        }
        auto const index = static_cast<std::size_t>(answer[0] - 'A');
        if (index < options.size()) {
            options[index].weight = 100;
        } else if (options.size() >= min_options) {
            std::string const last(1, static_cast<char>('A' + options.size() - 1));
            fail(line, current.number, "answer_out_of_range",
                 "Dòng " + std::to_string(line) + ": đáp án " + shown +
                     " không có trong các phương án (A–" + last + ")",
                 "Line " + std::to_string(line) + ": the answer " + shown +
                     " names no choice (only A–" + last + ")");
            return;
        }
        accept_question(into_, std::move(current.q), current.number,
                        "questions[" + std::to_string(current.number - 1) + "]");
    }

    void on_choice(std::string_view line, int number) {
        if (!open_) {
            fail(number, 0, "choice_without_question",
                 "Phương án ở dòng " + std::to_string(number) +
                     " không thuộc câu hỏi nào (câu hỏi chưa được bắt đầu). Nếu đây là câu hỏi "
                     "bắt đầu bằng \"A.\" hay \"I)\", hãy viết lại để không bị hiểu thành "
                     "phương án",
                 "The choice on line " + std::to_string(number) +
                     " belongs to no question (question not started). If it is a question that "
                     "begins with \"A.\" or \"I)\", reword it so it is not read as a choice");
            return;
        }
        auto& options = open_->q.options;
        char const expected = static_cast<char>('A' + std::min<std::size_t>(options.size(), 26));
        if (!open_->broken && line[0] != expected)
            break_open(number, "choice_label",
                       "Phương án ở dòng " + std::to_string(number) + " có nhãn " + line[0] +
                           " nhưng theo thứ tự phải là " + expected,
                       "The choice on line " + std::to_string(number) + " is labelled " + line[0] +
                           " but should be " + expected + " in order");
        options.push_back({std::string(trim_ascii(line.substr(2))), 0, ""});
    }

    void on_lookalike(int line) {
        std::string const vi = "Dòng " + std::to_string(line) +
                               " phải viết đúng \"ANSWER: X\" (chữ in hoa); \"Answer:\" hay "
                               "\"Đáp án:\" không được Aiken nhận";
        std::string const en = "Line " + std::to_string(line) +
                               " must read exactly \"ANSWER: X\" (upper case); \"Answer:\" or "
                               "\"Đáp án:\" is not Aiken";
        if (!open_) {
            fail(line, 0, "answer_keyword", vi, en);
            return;
        }
        if (!open_->broken)
            fail(line, open_->number, "answer_keyword", vi, en);
        open_.reset();
    }

    bool on_text(std::string_view line, int number) {
        if (open_ && open_->q.options.empty()) {
            if (!open_->broken)
                break_open(number, "stem_multiline",
                           "Dòng " + std::to_string(number) +
                               " là dòng thứ hai của câu hỏi bắt đầu ở dòng " +
                               std::to_string(open_->q.source_line) +
                               ": trong Aiken, câu hỏi phải nằm trên một dòng và ngay sau đó là "
                               "các phương án A), B)…; câu hỏi này bị bỏ qua",
                           "Line " + std::to_string(number) +
                               " is a second line of the question started on line " +
                               std::to_string(open_->q.source_line) +
                               ": an Aiken question must fit on one line, followed by its choices "
                               "A), B)…; it is skipped");
            return true;
        }
        if (open_ && !open_->broken)
            fail(number, open_->number, "question_not_finished",
                 "Câu hỏi bắt đầu ở dòng " + std::to_string(open_->q.source_line) +
                     " chưa có dòng \"ANSWER: …\" thì câu hỏi tiếp theo đã bắt đầu ở dòng " +
                     std::to_string(number) + "; câu hỏi này bị bỏ qua",
                 "The question started on line " + std::to_string(open_->q.source_line) +
                     " was not completed with \"ANSWER: …\" before the next question start on "
                     "line " +
                     std::to_string(number) + "; it is skipped");
        return start(number, line);
    }

    bool start(int line, std::string_view stem) {
        if (++count_ > import_limits::questions) {
            fail(line, 0, "too_many_questions", "Tệp có quá nhiều câu hỏi (tối đa 100 000)",
                 "The file has too many questions (100,000 at most)");
            open_.reset();
            return false;
        }
        open_ = open_question{};
        open_->q.stem = stem;
        open_->q.source_file = file_name_;
        open_->q.source_line = line;
        open_->number = static_cast<int>(count_);
        return true;
    }

    bank_import& into_;
    std::string_view file_name_;
    std::optional<open_question> open_;
    std::size_t count_ = 0;
};

// Why Aiken cannot hold a question, in both languages.
struct aiken_check {
    std::string code;
    std::string vi;
    std::string en;
};

std::optional<aiken_check> cannot_hold(question const& q) {
    bool const valid_text =
        is_valid_utf8(q.stem) && std::all_of(q.options.begin(), q.options.end(),
                                             [](option const& o) { return is_valid_utf8(o.text); });
    if (!valid_text || q.options.size() < min_options || q.options.size() > max_options ||
        normalize_text(q.stem).empty() ||
        std::any_of(q.options.begin(), q.options.end(),
                    [](option const& o) { return normalize_text(o.text).empty(); }))
        return aiken_check{"aiken_invalid", "câu hỏi không hợp lệ (thiếu nội dung hoặc phương án)",
                           "the question is not valid (missing text or options)"};
    auto const right = std::count_if(q.options.begin(), q.options.end(),
                                     [](option const& o) { return o.weight == 100; });
    auto const wrong = std::count_if(q.options.begin(), q.options.end(),
                                     [](option const& o) { return o.weight == 0; });
    if (right != 1 || right + wrong != static_cast<std::ptrdiff_t>(q.options.size()))
        return aiken_check{"aiken_not_single",
                           "Aiken chỉ chứa câu hỏi một đáp án đúng (100%), các phương án sai 0%",
                           "Aiken holds single-answer questions only (one option at 100%, the "
                           "others at 0%)"};
    if (q.format == text_format::html || !q.media.empty())
        return aiken_check{"aiken_html",
                           "câu hỏi có định dạng HTML hoặc hình ảnh, Aiken chỉ chứa văn bản thuần",
                           "the question has HTML or pictures; Aiken holds plain text only"};
    std::string const stem = normalize_text(q.stem);
    if (is_choice(stem) || stem.starts_with(answer_prefix) || is_answer_lookalike(stem))
        return aiken_check{"aiken_ambiguous_stem",
                           "câu hỏi bắt đầu như một phương án (\"A.\") hoặc dòng đáp án, Aiken sẽ "
                           "đọc nhầm",
                           "the question begins like a choice (\"A.\") or an answer line, which "
                           "Aiken would misread"};
    return std::nullopt;
}

problem export_warning(std::size_t index, std::string code, std::string vi, std::string en) {
    return problem{"",
                   0,
                   "questions[" + std::to_string(index) + "]",
                   std::move(code),
                   std::move(vi),
                   std::move(en),
                   static_cast<int>(index) + 1,
                   severity::warning};
}

} // namespace

bank_import read_aiken(std::string_view text, std::string_view file_name) {
    bank_import result;
    auto const body = text_file_body(result, text, file_name, "Aiken");
    if (!body)
        return result;
    aiken_parser parser(result, file_name);
    int number = 0;
    std::size_t pos = 0;
    // Lines end at LF, CRLF or a lone CR, as Moodle splits every line on CR too.
    while (pos < body->size()) {
        std::size_t const end = std::min(body->find_first_of("\r\n", pos), body->size());
        std::string_view const line = trim_ascii(body->substr(pos, end - pos));
        pos = end +
              (end + 1 < body->size() && (*body)[end] == '\r' && (*body)[end + 1] == '\n' ? 2 : 1);
        ++number;
        if (!line.empty() && !parser.read(line, number))
            return result;
    }
    parser.finish();
    return result;
}

bank_export write_aiken(std::vector<question> const& questions) {
    bank_export out;
    for (std::size_t i = 0; i < questions.size(); ++i) {
        auto const& q = questions[i];
        std::string const number = std::to_string(i + 1);
        if (auto const why = cannot_hold(q)) {
            out.skipped.push_back(export_warning(
                i, why->code, "Câu hỏi số " + number + " không ghi được sang Aiken: " + why->vi,
                "Question " + number + " cannot be written as Aiken: " + why->en));
            continue;
        }
        out.bytes += normalize_text(q.stem) + "\n";
        std::size_t answer = 0;
        for (std::size_t k = 0; k < q.options.size(); ++k) {
            out.bytes += std::string(1, static_cast<char>('A' + k)) + ") " +
                         normalize_text(q.options[k].text) + "\n";
            answer = q.options[k].weight == 100 ? k : answer;
        }
        out.bytes += std::string(answer_prefix) + " " + static_cast<char>('A' + answer) + "\n\n";
        bool const feedback = !q.explanation.empty() ||
                              std::any_of(q.options.begin(), q.options.end(),
                                          [](option const& o) { return !o.feedback.empty(); });
        if (feedback)
            out.skipped.push_back(
                export_warning(i, "aiken_feedback_lost",
                               "Câu hỏi số " + number +
                                   " được ghi sang Aiken nhưng mất phần giải thích và "
                                   "phản hồi (Aiken không chứa được)",
                               "Question " + number +
                                   " is written as Aiken without its explanation and "
                                   "feedback (Aiken cannot hold them)"));
    }
    return out;
}

} // namespace phongthi::bank
