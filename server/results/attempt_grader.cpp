#include "server/results/attempt_grader.hpp"

#include "server/banks/bank_store.hpp"
#include "server/store/database.hpp"

namespace phongthi::server::attempt_grader {

namespace {

using json = nlohmann::json;

json grading_json(scoring::attempt_grade const& grade, json const& paper) {
    json questions = json::array();
    for (std::size_t i = 0; i < grade.questions.size(); ++i) {
        auto const& q = grade.questions[i];
        questions.push_back({{"q", i < paper.size() ? paper[i].value("q", std::int64_t{0}) : 0},
                             {"earned", q.earned},
                             {"fraction", q.fraction},
                             {"answered", q.answered},
                             {"correct", q.correct},
                             {"counted", q.counted}});
    }
    return {{"raw", grade.raw},
            {"max_raw", grade.max_raw},
            {"answered", grade.answered},
            {"correct", grade.correct},
            {"questions", std::move(questions)}};
}

} // namespace

scoring::grading_policy policy_of(exam_settings const& settings) {
    scoring::grading_policy policy;
    policy.multiple_answer = settings.multiple == multiple_scoring::partial
                                 ? scoring::multiple_answer_rule::partial
                                 : scoring::multiple_answer_rule::all_or_nothing;
    policy.negative_marking = settings.negative_marking;
    policy.scale = {settings.scale, settings.rounding_step};
    return policy;
}

std::vector<scoring::question_key>
keys_of(store::database& db, json const& paper,
        std::map<std::int64_t, key_corrections::correction> const& corrections) {
    std::vector<scoring::question_key> keys;
    for (auto const& item : paper) {
        scoring::question_key key;
        key.points = item.value("points", 1.0);
        auto const question_id = item.value("q", std::int64_t{0});
        if (auto const content = bank_store::load_revision(db, item.value("r", std::int64_t{0})))
            for (auto const& option : content->options)
                key.weights.push_back(option.weight);
        if (auto const fix = corrections.find(question_id); fix != corrections.end()) {
            if (fix->second.weights && fix->second.weights->size() == key.weights.size())
                key.weights = *fix->second.weights;
            if (fix->second.void_mode) {
                key.voided = true;
                key.void_as = *fix->second.void_mode == "drop" ? scoring::void_mode::drop
                                                               : scoring::void_mode::full_credit;
            }
        }
        keys.push_back(std::move(key));
    }
    return keys;
}

std::vector<std::vector<int>> choices_of(store::database& db, std::int64_t attempt_id,
                                         std::size_t positions) {
    std::vector<std::vector<int>> chosen(positions);
    for (auto const& answer : exam_store::attempt_answers(db, attempt_id))
        if (answer.position >= 0 && static_cast<std::size_t>(answer.position) < positions)
            chosen[static_cast<std::size_t>(answer.position)] = answer.choice;
    return chosen;
}

std::optional<scoring::attempt_grade>
grade(store::database& db, exam_store::attempt_record const& attempt, exam_settings const& settings,
      std::map<std::int64_t, key_corrections::correction> const& corrections) {
    if (attempt.state != "submitted" && attempt.state != "auto_submitted")
        return std::nullopt;
    auto const keys = keys_of(db, attempt.paper, corrections);
    auto const chosen = choices_of(db, attempt.id, keys.size());
    return scoring::grade_attempt(keys, chosen, policy_of(settings));
}

void store_grade(store::database& db, exam_store::attempt_record const& attempt,
                 scoring::attempt_grade const& grade) {
    db.prepare("UPDATE attempts SET raw_score = ?2, score = ?3, grading = ?4 WHERE id = ?1")
        .bind_all(attempt.id, grade.raw, grade.score, grading_json(grade, attempt.paper).dump())
        .run();
}

std::optional<scoring::attempt_grade> grade_and_store(store::database& db,
                                                      std::int64_t attempt_id) {
    auto const attempt = exam_store::find_attempt(db, attempt_id);
    auto const exam_id = attempt ? exam_store::exam_of_attempt(db, attempt_id) : std::nullopt;
    auto const exam = exam_id ? exam_store::find_exam(db, *exam_id) : std::nullopt;
    if (!exam)
        return std::nullopt;
    auto const grade_now = grade(db, *attempt, parse_exam_settings(exam->settings).value,
                                 key_corrections::current(db, exam->id));
    if (grade_now)
        store_grade(db, *attempt, *grade_now);
    return grade_now;
}

json result_json(scoring::attempt_grade const& grade, exam_settings const& settings) {
    return {{"score", grade.score},     {"scale", settings.scale},
            {"raw", grade.raw},         {"max_raw", grade.max_raw},
            {"correct", grade.correct}, {"passed", grade.score + 1e-9 >= settings.pass_mark}};
}

} // namespace phongthi::server::attempt_grader
