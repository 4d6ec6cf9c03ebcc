#include "server/bundles/bundle_document.hpp"

#include "question-bank/base64.hpp"
#include "server/accounts/account_store.hpp"
#include "server/api/api_support.hpp"
#include "server/bundles/bundle_file.hpp"
#include "server/exams/exam_store.hpp"
#include "server/results/exam_results.hpp"
#include "server/store/database.hpp"

#include <set>

namespace phongthi::server::bundle_document {

namespace {

using json = nlohmann::json;

/// The rows of a query of exam ?1 whose one column is a JSON object (SQLite's json_object).
json json_rows(store::database& db, std::string_view sql, std::int64_t exam_id) {
    auto query = db.prepare(sql);
    query.bind(1, exam_id);
    json rows = json::array();
    while (query.step())
        rows.push_back(json::parse(query.column_text(0)));
    return rows;
}

constexpr std::string_view exam_sql =
    "SELECT json_object('id', id, 'title', title, 'state', state, 'settings', json(settings), "
    "'opens_at', opens_at, 'closes_at', closes_at, 'started_at', started_at, 'created_at', "
    "created_at) FROM exams WHERE id = ?1";

constexpr std::string_view class_sql =
    "SELECT json_object('id', c.id, 'code', c.code, 'name', c.name, 'starts_on', c.starts_on, "
    "'ends_on', c.ends_on, 'unit', u.code, 'course', json_object('code', co.code, 'name', "
    "co.name, 'kind', co.kind, 'starts_on', co.starts_on, 'ends_on', co.ends_on)) "
    "FROM classes c JOIN courses co ON co.id = c.course_id LEFT JOIN units u ON u.id = c.unit_id "
    "WHERE c.id = (SELECT class_id FROM exams WHERE id = ?1)";

/// The learners: candidates enrolled in the class or with an attempt at the exam.
constexpr std::string_view learner_ids_sql =
    "(SELECT e.user_id FROM enrollments e WHERE e.class_id = "
    "(SELECT class_id FROM exams WHERE id = ?1) UNION "
    "SELECT a.user_id FROM attempts a WHERE a.exam_id = ?1)";

std::string const units_sql =
    "SELECT json_object('code', code, 'name', name) FROM units WHERE id IN (SELECT unit_id FROM "
    "users WHERE role = 'candidate' AND id IN " +
    std::string(learner_ids_sql) +
    ") OR id = (SELECT unit_id FROM classes WHERE id = (SELECT class_id FROM exams WHERE id = ?1)) "
    "ORDER BY code";

std::string const learners_sql =
    "SELECT json_object('user', u.id, 'username', u.username, 'full_name', u.full_name, 'unit', "
    "un.code, 'birth_date', u.birth_date, 'gender', u.gender, 'position', u.position, "
    "'enrollment', CASE WHEN e.id IS NULL THEN NULL ELSE json_object('list_number', "
    "e.list_number, 'seat_label', e.seat_label, 'status', e.status, 'conduct_grade', "
    "e.conduct_grade, 'conduct_note', e.conduct_note, 'attendance_required', "
    "e.attendance_required, 'enrolled_at', e.enrolled_at) END) "
    "FROM users u LEFT JOIN units un ON un.id = u.unit_id "
    "LEFT JOIN enrollments e ON e.user_id = u.id AND e.class_id = (SELECT class_id FROM exams "
    "WHERE id = ?1) "
    "WHERE u.role = 'candidate' AND u.id IN " +
    std::string(learner_ids_sql) + " ORDER BY u.id";

constexpr std::string_view sessions_sql =
    "SELECT json_object('id', id, 'day', day, 'part', part, 'starts_at', starts_at, "
    "'late_after_minutes', late_after_minutes) FROM class_sessions WHERE class_id = (SELECT "
    "class_id FROM exams WHERE id = ?1) "
    "ORDER BY id";

constexpr std::string_view attendance_sql =
    "SELECT json_object('session', a.session_id, 'user', a.user_id, 'checked_in_at', "
    "a.checked_in_at, 'minutes_after_start', a.minutes_after_start, 'method', a.method) "
    "FROM attendance a JOIN class_sessions s ON s.id = a.session_id "
    "JOIN users u ON u.id = a.user_id "
    "WHERE s.class_id = (SELECT class_id FROM exams WHERE id = ?1) AND u.role = 'candidate' ORDER "
    "BY a.id";

constexpr std::string_view corrections_sql =
    "SELECT json_object('question', question_id, 'weights', json(weights), 'void_mode', "
    "void_mode, 'reason', reason, 'created_at', created_at) FROM key_corrections "
    "WHERE exam_id = ?1 ORDER BY id";

constexpr std::string_view attempts_sql =
    "SELECT json_object('id', a.id, 'user', a.user_id, 'attempt_number', a.attempt_number, "
    "'state', a.state, 'variant_code', a.variant_code, 'paper_seed', a.paper_seed, "
    "'started_at', a.started_at, 'deadline_at', a.deadline_at, 'paused_ms', a.paused_ms, "
    "'extension_ms', a.extension_ms, 'submitted_at', a.submitted_at, 'raw_score', a.raw_score, "
    "'score', a.score, 'grading', json(a.grading), 'paper', json(a.paper), 'answers', "
    "(SELECT json_group_array(json_object('position', position, 'choice', json(choice), 'seq', "
    "seq, 'saved_at', saved_at, 'flagged', flagged)) FROM (SELECT * FROM answers WHERE "
    "attempt_id = a.id ORDER BY position))) "
    "FROM attempts a JOIN users u ON u.id = a.user_id "
    "WHERE a.exam_id = ?1 AND u.role = 'candidate' ORDER BY a.id";

constexpr std::string_view revision_sql =
    "SELECT json_object('id', r.id, 'question', r.question_id, 'code', q.code, 'revision', "
    "r.revision, 'topic', r.topic, 'level', r.level, 'stem', r.stem, 'options', json(r.options), "
    "'points', r.points, 'shuffle_options', r.shuffle_options, 'explanation', r.explanation, "
    "'tags', json(r.tags), 'format', r.format, 'search_text', r.search_text, 'created_at', "
    "r.created_at) FROM question_revisions r JOIN questions q ON q.id = r.question_id "
    "WHERE r.id = ?1";

/// The current revision of a corrected question that no paper carries.
constexpr std::string_view current_revision_sql =
    "SELECT current_revision_id FROM questions WHERE id = ?1";

/// One revision with its pictures (base64).
json revision_json(store::database& db, std::int64_t revision_id) {
    auto query = db.prepare(revision_sql);
    query.bind(1, revision_id);
    if (!query.step())
        return nullptr;
    auto revision = json::parse(query.column_text(0));
    json media = json::array();
    auto pictures = db.prepare(
        "SELECT name, mime_type, data FROM question_media WHERE revision_id = ?1 ORDER BY name");
    pictures.bind(1, revision_id);
    while (pictures.step())
        media.push_back({{"name", pictures.column_text(0)},
                         {"mime_type", pictures.column_text(1)},
                         {"data", bank::base64_encode(pictures.column_blob(2))}});
    revision["media"] = std::move(media);
    return revision;
}

/// The revisions on the attempts' papers, then the current revision of each corrected question
/// that no paper carries.
json questions_of(store::database& db, json const& attempts, json const& corrections) {
    std::set<std::int64_t> revisions, questions;
    for (auto const& attempt : attempts)
        if (attempt["paper"].is_array())
            for (auto const& item : attempt["paper"]) {
                revisions.insert(item.value("r", std::int64_t{0}));
                questions.insert(item.value("q", std::int64_t{0}));
            }
    for (auto const& fix : corrections)
        if (auto const q = fix["question"].get<std::int64_t>(); !questions.contains(q)) {
            auto current = db.prepare(current_revision_sql);
            current.bind(1, q);
            if (current.step() && !current.is_null(0))
                revisions.insert(current.column_int64(0));
        }
    json list = json::array();
    for (auto const id : revisions)
        if (auto revision = revision_json(db, id); !revision.is_null())
            list.push_back(std::move(revision));
    return list;
}

bundle_problem inconsistent(std::string const& vi, std::string const& en) {
    return {"inconsistent", "nội dung không nhất quán: " + vi,
            "the document is inconsistent: " + en};
}

std::set<std::int64_t> ids_of(json const& rows, char const* member) {
    std::set<std::int64_t> ids;
    for (auto const& row : rows)
        if (row.is_object() && row.value(member, json()).is_number_integer())
            ids.insert(row[member].get<std::int64_t>());
    return ids;
}

std::optional<std::int64_t> id_member(json const& row, char const* member) {
    auto const found = row.find(member);
    if (found == row.end() || !found->is_number_integer())
        return std::nullopt;
    return found->get<std::int64_t>();
}

} // namespace

availability exportable(store::database& db, std::int64_t exam_id) {
    auto const exam = exam_store::find_exam(db, exam_id);
    if (!exam)
        return availability::missing;
    return exam->state == "closed" || exam->state == "archived" ? availability::ready
                                                                : availability::not_closed;
}

std::string document(store::database& db, std::int64_t exam_id, std::string const& fingerprint,
                     std::int64_t now) {
    auto const exam = exam_store::find_exam(db, exam_id);
    if (!exam)
        throw std::runtime_error("no exam " + std::to_string(exam_id));
    auto const one = [&](std::string_view sql) {
        auto rows = json_rows(db, sql, exam_id);
        return rows.empty() ? json(nullptr) : std::move(rows[0]);
    };
    json body = {{"exam", one(exam_sql)},
                 {"class", one(class_sql)},
                 {"units", json_rows(db, units_sql, exam_id)},
                 {"learners", json_rows(db, learners_sql, exam_id)},
                 {"sessions", json_rows(db, sessions_sql, exam_id)},
                 {"attendance", json_rows(db, attendance_sql, exam_id)},
                 {"corrections", json_rows(db, corrections_sql, exam_id)},
                 {"attempts", json_rows(db, attempts_sql, exam_id)}};
    body["questions"] = questions_of(db, body["attempts"], body["corrections"]);
    body["results"] = exam_results::results(db, exam_id).value_or(json(nullptr));
    return bundle_file::document_text(
        bundle_file::header(fingerprint, iso_utc(now), exam_id, exam->title), body);
}

void audit_export(store::database& db, std::int64_t exam_id, std::string const& sha256,
                  actor const& who, std::int64_t now) {
    account_store::append_audit(db, who, "exam.export", "exam:" + std::to_string(exam_id),
                                json{{"sha256", sha256}}.dump(), now);
}

std::optional<bundle_problem> inconsistency(json const& body) {
    for (char const* section : {"exam", "class"})
        if (!body.contains(section) || !body[section].is_object())
            return inconsistent(std::string("thiếu phần \"") + section + "\"",
                                std::string("the \"") + section + "\" section is missing");
    for (char const* section :
         {"units", "learners", "sessions", "attendance", "corrections", "attempts", "questions"})
        if (!body.contains(section) || !body[section].is_array())
            return inconsistent(std::string("thiếu phần \"") + section + "\"",
                                std::string("the \"") + section + "\" section is missing");
    auto const learners = ids_of(body["learners"], "user");
    auto const sessions = ids_of(body["sessions"], "id");
    auto const revisions = ids_of(body["questions"], "id");
    auto const questions = ids_of(body["questions"], "question");
    for (auto const& attempt : body["attempts"]) {
        auto const id = id_member(attempt, "id");
        auto const user = id_member(attempt, "user");
        auto const label = "attempt " + (id ? std::to_string(*id) : "?");
        if (!id || !user || !learners.contains(*user))
            return inconsistent("bài làm " + (id ? std::to_string(*id) : "?") +
                                    " không thuộc học viên nào trong gói",
                                label + " names no learner of the bundle");
        if (!attempt.value("answers", json()).is_array() ||
            !attempt.value("paper", json()).is_array())
            return inconsistent("bài làm " + std::to_string(*id) + " thiếu đề hoặc câu trả lời",
                                label + " has no paper or no answers");
        for (auto const& item : attempt["paper"])
            if (!item.is_object() || !revisions.contains(item.value("r", std::int64_t{0})))
                return inconsistent("đề của bài làm " + std::to_string(*id) +
                                        " có câu hỏi không có trong gói",
                                    "the paper of " + label + " has a question not in the bundle");
    }
    for (auto const& row : body["attendance"]) {
        auto const session = id_member(row, "session");
        auto const user = id_member(row, "user");
        if (!session || !user || !sessions.contains(*session) || !learners.contains(*user))
            return inconsistent("một dòng điểm danh không khớp buổi học hoặc học viên",
                                "an attendance row names a session or learner not in the bundle");
    }
    for (auto const& fix : body["corrections"])
        if (auto const q = id_member(fix, "question"); !q || !questions.contains(*q))
            return inconsistent("một lần sửa đáp án nói tới câu hỏi không có trong gói",
                                "a key correction names a question not in the bundle");
    return std::nullopt;
}

json counts(json const& body) {
    std::size_t answers = 0;
    for (auto const& attempt : body["attempts"])
        answers += attempt["answers"].size();
    return {{"learners", body["learners"].size()},
            {"attempts", body["attempts"].size()},
            {"answers", answers},
            {"questions", body["questions"].size()},
            {"corrections", body["corrections"].size()}};
}

} // namespace phongthi::server::bundle_document
