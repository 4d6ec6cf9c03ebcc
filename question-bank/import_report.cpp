#include "question-bank/import_report.hpp"

#include "question-bank/text.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace phongthi::bank {

namespace {

std::string duplicate_key(question const& q) {
    std::vector<std::string> options;
    for (auto const& o : q.options)
        options.push_back(fold_case(o.text));
    std::sort(options.begin(), options.end());
    std::string key = fold_case(q.stem);
    for (auto const& o : options) {
        key += '\x1f';
        key += o;
    }
    return key;
}

nlohmann::json problem_json(problem const& p, message_language lang) {
    return {{"file", p.file},
            {"line", p.line},
            {"question", p.question_number},
            {"field", p.field},
            {"code", p.code},
            {"message", lang == message_language::en ? p.message_en : p.message_vi}};
}

} // namespace

void report_duplicates(bank_import& result) {
    std::unordered_map<std::string, std::size_t> first_seen;
    for (std::size_t i = 0; i < result.questions.size(); ++i) {
        auto const& q = result.questions[i];
        auto const [it, inserted] = first_seen.emplace(duplicate_key(q), i);
        if (inserted)
            continue;
        auto const& original = result.questions[it->second];
        std::string const where = original.source_line > 0 ? std::to_string(original.source_line)
                                                           : "#" + std::to_string(it->second + 1);
        result.problems.push_back({q.source_file, q.source_line, "stem", "duplicate",
                                   "Câu hỏi trùng với câu ở dòng " + where,
                                   "This question repeats the one at line " + where, 0,
                                   severity::warning});
    }
}

void report_existing_duplicates(bank_import& result, std::vector<question> const& existing) {
    std::unordered_set<std::string> keys;
    for (auto const& q : existing)
        keys.insert(duplicate_key(q));
    for (auto const& q : result.questions) {
        if (!keys.contains(duplicate_key(q)))
            continue;
        result.problems.push_back({q.source_file, q.source_line, "stem", "duplicate_in_bank",
                                   "Câu hỏi đã có trong ngân hàng này",
                                   "This question is already in the bank", 0, severity::warning});
    }
}

nlohmann::json import_report(bank_import const& result, message_language lang) {
    nlohmann::json questions = nlohmann::json::array();
    for (auto const& q : result.questions) {
        nlohmann::json options = nlohmann::json::array();
        for (auto const& o : q.options)
            options.push_back({{"text", o.text}, {"weight", o.weight}});
        questions.push_back({{"stem", q.stem},
                             {"options", std::move(options)},
                             {"topic", q.topic},
                             {"level", level_key(q.level)},
                             {"multiple", q.is_multiple_answer()},
                             {"points", q.points},
                             {"line", q.source_line}});
    }
    nlohmann::json errors = nlohmann::json::array();
    nlohmann::json warnings = nlohmann::json::array();
    for (auto const& p : result.problems)
        (p.level == severity::error ? errors : warnings).push_back(problem_json(p, lang));
    return {{"questions", std::move(questions)},
            {"errors", std::move(errors)},
            {"warnings", std::move(warnings)}};
}

} // namespace phongthi::bank
