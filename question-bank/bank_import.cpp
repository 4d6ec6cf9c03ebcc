#include "question-bank/bank_import.hpp"

#include <algorithm>
#include <stdexcept>

namespace phongthi::bank {

bool bank_import::has_errors() const {
    return std::any_of(problems.begin(), problems.end(),
                       [](problem const& p) { return p.level == severity::error; });
}

void accept_question(bank_import& into, question q, int question_number, std::string_view field) {
    try {
        normalize(q);
    } catch (std::invalid_argument const&) {
        into.problems.push_back({q.source_file, q.source_line, std::string(field), "bad_utf8",
                                 "Văn bản không phải UTF-8 hợp lệ", "The text is not valid UTF-8",
                                 question_number, severity::error});
        return;
    }
    auto found = validate(q, field);
    bool const usable = std::none_of(found.begin(), found.end(),
                                     [](problem const& p) { return p.level == severity::error; });
    for (auto& p : found) {
        p.file = q.source_file;
        p.line = q.source_line;
        p.question_number = question_number;
        into.problems.push_back(std::move(p));
    }
    if (usable)
        into.questions.push_back(std::move(q));
}

void add_problem(bank_import& into, problem p) {
    into.problems.push_back(std::move(p));
}

} // namespace phongthi::bank
