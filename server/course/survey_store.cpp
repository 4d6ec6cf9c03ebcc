#include "server/course/survey_store.hpp"

#include "server/accounts/account_store.hpp"
#include "server/store/database.hpp"

#include <nlohmann/json.hpp>

namespace phongthi::server::survey_store {

namespace {

using nlohmann::json;

constexpr std::string_view survey_columns =
    "SELECT s.id, s.exam_id, s.title, s.items, s.comment, s.closed, "
    "(SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = s.id) FROM surveys s ";

survey_record read_survey(store::statement const& row) {
    survey_record survey{row.column_int64(0),
                         row.column_int64(1),
                         row.column_text(2),
                         {},
                         row.column_int64(4) != 0,
                         row.column_int64(5) != 0,
                         static_cast<int>(row.column_int64(6))};
    for (auto const& item : json::parse(row.column_text(3)))
        survey.items.push_back(item.get<std::string>());
    return survey;
}

void audit_survey(store::database& db, actor const& who, std::string_view action,
                  std::int64_t exam_id, json const& detail, std::int64_t now) {
    account_store::append_audit(db, who, action, "exam:" + std::to_string(exam_id), detail.dump(),
                                now);
}

bool survey_exam_exists(store::database& db, std::int64_t exam_id) {
    auto query = db.prepare("SELECT 1 FROM exams WHERE id = ?1");
    query.bind(1, exam_id);
    return query.step();
}

} // namespace

std::optional<survey_record> survey_of_exam(store::database& db, std::int64_t exam_id) {
    auto query = db.prepare(std::string(survey_columns) + "WHERE s.exam_id = ?1");
    query.bind(1, exam_id);
    if (!query.step())
        return std::nullopt;
    return read_survey(query);
}

survey_result save_survey(store::database& db, std::int64_t exam_id, survey_fields const& fields,
                          actor const& who, std::int64_t now) {
    if (!survey_exam_exists(db, exam_id))
        return survey_result::no_exam;
    auto const existing = survey_of_exam(db, exam_id);
    if (existing && existing->responses > 0)
        return survey_result::has_responses;
    std::string const items = json(fields.items).dump();
    if (existing) {
        db.prepare("UPDATE surveys SET title = ?2, items = ?3, comment = ?4, updated_at = ?5 "
                   "WHERE id = ?1")
            .bind_all(existing->id, fields.title, items, fields.comment ? 1 : 0, now)
            .run();
    } else {
        auto insert = db.prepare("INSERT INTO surveys (exam_id, title, items, comment, "
                                 "created_by, created_at, updated_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
        insert.bind_all(exam_id, fields.title, items, fields.comment ? 1 : 0);
        if (who.user_id)
            insert.bind(5, *who.user_id);
        else
            insert.bind(5, nullptr);
        insert.bind(6, now).run();
    }
    audit_survey(db, who, existing ? "survey.update" : "survey.create", exam_id,
                 {{"title", fields.title}, {"items", fields.items.size()}}, now);
    return survey_result::saved;
}

survey_result set_closed(store::database& db, std::int64_t exam_id, bool closed, actor const& who,
                         std::int64_t now) {
    auto const survey = survey_of_exam(db, exam_id);
    if (!survey)
        return survey_result::no_survey;
    if (survey->closed == closed)
        return survey_result::unchanged;
    db.prepare("UPDATE surveys SET closed = ?2, updated_at = ?3 WHERE id = ?1")
        .bind_all(survey->id, closed ? 1 : 0, now)
        .run();
    audit_survey(db, who, closed ? "survey.close" : "survey.reopen", exam_id,
                 {{"title", survey->title}}, now);
    return survey_result::saved;
}

bool has_answered(store::database& db, std::int64_t survey_id, std::int64_t user_id) {
    auto query =
        db.prepare("SELECT 1 FROM survey_respondents WHERE survey_id = ?1 AND user_id = ?2");
    query.bind(1, survey_id).bind(2, user_id);
    return query.step();
}

bool finished_exam(store::database& db, std::int64_t exam_id, std::int64_t user_id) {
    auto query = db.prepare("SELECT 1 FROM attempts WHERE exam_id = ?1 AND user_id = ?2 AND "
                            "state IN ('submitted', 'auto_submitted')");
    query.bind(1, exam_id).bind(2, user_id);
    return query.step();
}

survey_result record_answer(store::database& db, std::int64_t exam_id, std::int64_t user_id,
                            survey_answer const& answer) {
    auto const survey = survey_of_exam(db, exam_id);
    if (!survey)
        return survey_result::no_survey;
    if (survey->closed)
        return survey_result::closed;
    if (!finished_exam(db, exam_id, user_id))
        return survey_result::not_finished;
    if (has_answered(db, survey->id, user_id))
        return survey_result::already_answered;
    db.prepare("INSERT INTO survey_respondents (survey_id, user_id) VALUES (?1, ?2)")
        .bind_all(survey->id, user_id)
        .run();
    // A random id: rows in id order are in no particular order of time or of respondents.
    auto insert = db.prepare("INSERT INTO survey_responses (id, survey_id, answers, comment) "
                             "VALUES (random() & 9223372036854775807, ?1, ?2, ?3)");
    insert.bind_all(survey->id, json(answer.values).dump());
    if (survey->comment && !answer.comment.empty())
        insert.bind(3, answer.comment);
    else
        insert.bind(3, nullptr);
    insert.run();
    return survey_result::saved;
}

std::vector<survey_answer> responses(store::database& db, std::int64_t survey_id) {
    auto query = db.prepare(
        "SELECT answers, comment FROM survey_responses WHERE survey_id = ?1 ORDER BY id");
    query.bind(1, survey_id);
    std::vector<survey_answer> list;
    while (query.step())
        list.push_back({json::parse(query.column_text(0)).get<std::vector<int>>(),
                        query.is_null(1) ? std::string() : query.column_text(1)});
    return list;
}

std::vector<open_survey> surveys_for(store::database& db, std::int64_t user_id) {
    auto query = db.prepare(
        std::string(survey_columns) +
        ", exams e WHERE e.id = s.exam_id AND s.closed = 0 AND EXISTS (SELECT 1 FROM attempts a "
        "WHERE a.exam_id = s.exam_id AND a.user_id = ?1 AND a.state IN ('submitted', "
        "'auto_submitted')) ORDER BY s.exam_id DESC");
    query.bind(1, user_id);
    std::vector<open_survey> list;
    while (query.step())
        list.push_back({read_survey(query), {}, false});
    auto title = db.prepare("SELECT title FROM exams WHERE id = ?1");
    for (auto& entry : list) {
        title.reset();
        title.bind(1, entry.survey.exam_id);
        if (title.step())
            entry.exam_title = title.column_text(0);
        entry.answered = has_answered(db, entry.survey.id, user_id);
    }
    return list;
}

} // namespace phongthi::server::survey_store
