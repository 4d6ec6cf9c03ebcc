#include "server/bundles/bundle_import.hpp"

#include "question-bank/base64.hpp"
#include "server/accounts/account_store.hpp"
#include "server/bundles/bundle_document.hpp"
#include "server/store/database.hpp"

#include <map>
#include <vector>

namespace phongthi::server::bundle_import {

namespace {

using json = nlohmann::json;

/// A password hash no password matches: imported learners sign in once an admin sets one.
constexpr std::string_view no_login_hash = "!imported";

void bind_value(store::statement& query, int index, json const& value) {
    if (value.is_null())
        query.bind(index, nullptr);
    else if (value.is_boolean())
        query.bind(index, value.get<bool>() ? 1 : 0);
    else if (value.is_number_integer())
        query.bind(index, value.get<std::int64_t>());
    else if (value.is_number())
        query.bind(index, value.get<double>());
    else if (value.is_string())
        query.bind(index, std::string_view(value.get_ref<std::string const&>()));
    else
        query.bind(index, std::string_view(value.dump()));
}

/// Runs `sql` with `values` bound in order; returns the last inserted row's id.
std::int64_t execute(store::database& db, std::string_view sql, std::vector<json> const& values) {
    auto& query = db.cached(sql);
    query.reset();
    for (std::size_t i = 0; i < values.size(); ++i)
        bind_value(query, static_cast<int>(i) + 1, values[i]);
    query.run();
    return db.last_insert_rowid();
}

/// The id the first column of `sql` gives for `values`, if any row.
std::optional<std::int64_t> found_id(store::database& db, std::string_view sql,
                                     std::vector<json> const& values) {
    auto& query = db.cached(sql);
    query.reset();
    for (std::size_t i = 0; i < values.size(); ++i)
        bind_value(query, static_cast<int>(i) + 1, values[i]);
    std::optional<std::int64_t> found;
    if (query.step() && !query.is_null(0))
        found = query.column_int64(0);
    query.reset();
    return found;
}

std::int64_t id_of(json const& row, char const* member) {
    return row.at(member).get<std::int64_t>();
}

/// The fingerprint's first 8 hex digits, to tell imported names apart.
std::string short_fingerprint(std::string const& fingerprint) {
    std::string hex;
    for (char const c : fingerprint)
        if (c != ':' && hex.size() < 8)
            hex += c;
    return hex;
}

/// Our id of the unit with the source's `code`; 0 for none.
std::int64_t unit_id(std::map<std::string, std::int64_t> const& units, json const& code) {
    return code.is_string() ? units.at(code.get<std::string>()) : 0;
}

/// The source's units by code: this server's unit of that code, or a new one.
std::map<std::string, std::int64_t> merge_units(store::database& db, json const& units,
                                                std::int64_t now) {
    std::map<std::string, std::int64_t> ids;
    for (auto const& unit : units) {
        auto const code = unit.at("code").get<std::string>();
        auto const found = account_store::find_unit(db, code);
        ids[code] = found ? found->id
                          : account_store::insert_unit(db, code, unit.at("name").get<std::string>(),
                                                       std::nullopt, now);
    }
    return ids;
}

/// The imported class of this source class, created once (under the course of the same code,
/// itself created if absent; the class code gets the signer's short fingerprint when taken).
std::int64_t merge_class(store::database& db, json const& source, std::string const& fingerprint,
                         std::map<std::string, std::int64_t> const& units, std::int64_t now) {
    if (auto const found =
            found_id(db, "SELECT id FROM classes WHERE imported_from = ?1 AND imported_id = ?2",
                     {fingerprint, source.at("id")}))
        return *found;
    auto const& course = source.at("course");
    auto course_id = found_id(db, "SELECT id FROM courses WHERE code = ?1", {course.at("code")});
    if (!course_id)
        course_id =
            execute(db,
                    "INSERT INTO courses (code, name, kind, starts_on, ends_on, created_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    {course.at("code"), course.at("name"), course.at("kind"),
                     course.value("starts_on", json()), course.value("ends_on", json()), now});
    json code = source.at("code");
    if (found_id(db, "SELECT id FROM classes WHERE course_id = ?1 AND code = ?2",
                 {*course_id, code}))
        code = code.get<std::string>() + "-" + short_fingerprint(fingerprint);
    auto const unit = unit_id(units, source.value("unit", json()));
    return execute(db,
                   "INSERT INTO classes (course_id, code, name, starts_on, ends_on, unit_id, "
                   "created_at, imported_from, imported_id) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, NULLIF(?6, 0), ?7, ?8, ?9)",
                   {*course_id, code, source.at("name"), source.value("starts_on", json()),
                    source.value("ends_on", json()), unit, now, fingerprint, source.at("id")});
}

struct learner_ids {
    std::map<std::int64_t, std::int64_t> by_source; ///< source user id -> ours
    int created = 0;
};

/// Learners by username: this server's candidate of that name, or a new candidate without a
/// usable password; their enrollment in the imported class.
learner_ids merge_learners(store::database& db, json const& learners, std::int64_t class_id,
                           std::map<std::string, std::int64_t> const& units, std::int64_t now) {
    learner_ids ids;
    for (auto const& learner : learners) {
        auto const username = learner.at("username").get<std::string>();
        auto user = account_store::find_credentials(db, username);
        std::int64_t id = 0;
        if (user) {
            if (user->user.user_role != role::candidate)
                throw import_refused(
                    "tên đăng nhập \"" + username +
                    "\" ở máy này là của cán bộ, không phải học viên / username \"" + username +
                    "\" is staff on this server, not a learner");
            id = user->user.id;
        } else {
            auto const unit = unit_id(units, learner.value("unit", json()));
            id = account_store::insert_user(
                db,
                {username, learner.at("full_name").get<std::string>(), role::candidate,
                 unit ? std::optional(unit) : std::nullopt, std::string(no_login_hash), true},
                now);
            execute(db,
                    "UPDATE users SET birth_date = ?2, gender = ?3, position = ?4 WHERE id = ?1",
                    {id, learner.value("birth_date", json()), learner.value("gender", json()),
                     learner.value("position", json())});
            ++ids.created;
        }
        ids.by_source[id_of(learner, "user")] = id;
        if (auto const& e = learner.value("enrollment", json()); e.is_object())
            execute(
                db,
                "INSERT OR IGNORE INTO enrollments (class_id, user_id, list_number, seat_label, "
                "status, conduct_grade, conduct_note, attendance_required, enrolled_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                {class_id, id, e.value("list_number", json()), e.value("seat_label", json()),
                 e.value("status", json("enrolled")), e.value("conduct_grade", json()),
                 e.value("conduct_note", json()), e.value("attendance_required", json(0.8)),
                 e.value("enrolled_at", json(now))});
    }
    return ids;
}

/// The class's sessions (matched by day and part) and the learners' attendance.
void merge_attendance(store::database& db, json const& body, std::int64_t class_id,
                      learner_ids const& learners) {
    std::map<std::int64_t, std::int64_t> sessions;
    for (auto const& s : body["sessions"]) {
        execute(
            db,
            "INSERT OR IGNORE INTO class_sessions (class_id, day, part, starts_at, "
            "late_after_minutes) VALUES (?1, ?2, ?3, ?4, ?5)",
            {class_id, s.at("day"), s.at("part"), s.at("starts_at"), s.at("late_after_minutes")});
        sessions[id_of(s, "id")] = *found_id(
            db, "SELECT id FROM class_sessions WHERE class_id = ?1 AND day = ?2 AND part = ?3",
            {class_id, s.at("day"), s.at("part")});
    }
    for (auto const& a : body["attendance"])
        execute(db,
                "INSERT OR IGNORE INTO attendance (session_id, user_id, checked_in_at, "
                "minutes_after_start, method) VALUES (?1, ?2, ?3, ?4, ?5)",
                {sessions.at(id_of(a, "session")), learners.by_source.at(id_of(a, "user")),
                 a.at("checked_in_at"), a.at("minutes_after_start"), a.at("method")});
}

struct question_ids {
    std::map<std::int64_t, std::int64_t> questions; ///< source question id -> ours
    std::map<std::int64_t, std::int64_t> revisions; ///< source revision id -> ours
};

/// The questions and revisions of the bundle, in a bank of their own.
question_ids merge_questions(store::database& db, json const& body, std::string const& bank_name,
                             std::int64_t now) {
    auto const bank = execute(db,
                              "INSERT INTO question_banks (name, description, created_at) "
                              "VALUES (?1, ?2, ?3)",
                              {bank_name, "Câu hỏi của một gói kết quả đã nhập", now});
    question_ids ids;
    for (auto const& r : body["questions"]) {
        auto const source_question = id_of(r, "question");
        auto [question, fresh] = ids.questions.try_emplace(source_question, 0);
        if (fresh)
            question->second =
                execute(db, "INSERT INTO questions (bank_id, code, created_at) VALUES (?1, ?2, ?3)",
                        {bank, r.value("code", json()), r.value("created_at", json(now))});
        auto const revision = execute(
            db,
            "INSERT INTO question_revisions (question_id, revision, topic, level, stem, options, "
            "points, shuffle_options, explanation, tags, format, search_text, created_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            {question->second, r.at("revision"), r.at("topic"), r.at("level"), r.at("stem"),
             r.at("options"), r.at("points"), r.at("shuffle_options"),
             r.value("explanation", json()), r.value("tags", json::array()),
             r.value("format", json("plain")), r.value("search_text", json("")),
             r.value("created_at", json(now))});
        ids.revisions[id_of(r, "id")] = revision;
        execute(db, "UPDATE questions SET current_revision_id = ?2 WHERE id = ?1",
                {question->second, revision});
        for (auto const& picture : r.value("media", json::array())) {
            auto const data = bank::base64_decode(picture.at("data").get<std::string>());
            if (!data)
                throw import_refused("ảnh \"" + picture.at("name").get<std::string>() +
                                     "\" không đọc được / a picture is not base64");
            auto& query = db.cached("INSERT INTO question_media (revision_id, name, mime_type, "
                                    "data) VALUES (?1, ?2, ?3, ?4)");
            query.reset();
            query.bind(1, revision)
                .bind(2, std::string_view(picture.at("name").get_ref<std::string const&>()))
                .bind(3, std::string_view(picture.at("mime_type").get_ref<std::string const&>()))
                .bind_blob(4, *data);
            query.run();
        }
    }
    return ids;
}

/// A paper or grading with the question ("q") and revision ("r") ids mapped to ours.
json mapped_items(json items, question_ids const& ids) {
    if (!items.is_array())
        return items;
    for (auto& item : items) {
        if (item.contains("q"))
            item["q"] = ids.questions.at(item["q"].get<std::int64_t>());
        if (item.contains("r"))
            item["r"] = ids.revisions.at(item["r"].get<std::int64_t>());
    }
    return items;
}

void merge_attempts(store::database& db, json const& body, std::int64_t exam_id,
                    learner_ids const& learners, question_ids const& questions) {
    for (auto const& a : body["attempts"]) {
        auto grading = a.value("grading", json());
        if (grading.is_object() && grading.contains("questions"))
            grading["questions"] = mapped_items(grading["questions"], questions);
        auto const attempt = execute(
            db,
            "INSERT INTO attempts (exam_id, user_id, attempt_number, state, variant_code, "
            "paper_seed, started_at, deadline_at, paused_ms, extension_ms, submitted_at, "
            "raw_score, score, grading, paper) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            {exam_id, learners.by_source.at(id_of(a, "user")), a.at("attempt_number"),
             a.at("state"), a.value("variant_code", json()), a.value("paper_seed", json()),
             a.value("started_at", json()), a.value("deadline_at", json()), a.at("paused_ms"),
             a.at("extension_ms"), a.value("submitted_at", json()), a.value("raw_score", json()),
             a.value("score", json()), grading, mapped_items(a.at("paper"), questions)});
        for (auto const& answer : a.at("answers"))
            execute(db,
                    "INSERT INTO answers (attempt_id, position, choice, seq, saved_at, flagged) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    {attempt, answer.at("position"), answer.at("choice"), answer.at("seq"),
                     answer.at("saved_at"), answer.at("flagged")});
    }
}

} // namespace

json merge(store::database& db, json const& document, std::string const& fingerprint,
           std::string const& sha256, std::string const& own_fingerprint, actor const& who,
           std::int64_t now) {
    if (fingerprint == own_fingerprint)
        throw import_refused("gói này do chính máy chủ này ký: kết quả đã có ở đây / this bundle "
                             "was signed by this server: its results are here already");
    auto const& body = document.at("body");
    auto const& exam = body.at("exam");
    auto const source_id = id_of(exam, "id");
    auto& previous = db.cached(
        "SELECT id, bundle_sha256 FROM exams WHERE imported_from = ?1 AND imported_id = ?2");
    previous.reset();
    previous.bind(1, std::string_view(fingerprint)).bind(2, source_id);
    if (previous.step()) {
        auto const id = previous.column_int64(0);
        bool const same = previous.column_text(1) == sha256;
        previous.reset();
        if (same)
            return {{"exam", id}, {"already", true}};
        throw import_refused("bài thi " + std::to_string(source_id) +
                             " của máy chủ này đã được nhập từ một gói khác (bài thi " +
                             std::to_string(id) + " ở đây) / exam " + std::to_string(source_id) +
                             " of that server was imported from another bundle (exam " +
                             std::to_string(id) + " here)");
    }
    previous.reset();

    auto units = merge_units(db, body.at("units"), now);
    auto const class_id = merge_class(db, body.at("class"), fingerprint, units, now);
    auto const learners = merge_learners(db, body.at("learners"), class_id, units, now);
    merge_attendance(db, body, class_id, learners);
    auto const questions =
        merge_questions(db, body,
                        "Nhập: " + exam.at("title").get<std::string>() + " (" +
                            short_fingerprint(fingerprint) + " #" + std::to_string(source_id) + ")",
                        now);
    auto const exam_id = execute(
        db,
        "INSERT INTO exams (class_id, title, settings, state, opens_at, closes_at, started_at, "
        "created_at, imported_from, imported_id, imported_at, bundle_sha256) "
        "VALUES (?1, ?2, ?3, 'closed', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        {class_id, exam.at("title"), exam.at("settings"), exam.value("opens_at", json()),
         exam.value("closes_at", json()), exam.value("started_at", json()),
         exam.value("created_at", json(now)), fingerprint, source_id, now, sha256});
    for (auto const& fix : body.at("corrections"))
        execute(db,
                "INSERT INTO key_corrections (exam_id, question_id, weights, void_mode, reason, "
                "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                {exam_id, questions.questions.at(id_of(fix, "question")),
                 fix.value("weights", json()), fix.value("void_mode", json()), fix.at("reason"),
                 fix.at("created_at")});
    merge_attempts(db, body, exam_id, learners, questions);

    json outcome = bundle_document::counts(body);
    outcome["exam"] = exam_id;
    outcome["already"] = false;
    outcome["learners_created"] = learners.created;
    account_store::append_audit(db, who, "exam.import", "exam:" + std::to_string(exam_id),
                                json{{"from", fingerprint},
                                     {"source_exam", source_id},
                                     {"sha256", sha256},
                                     {"learners_created", learners.created},
                                     {"attempts", outcome["attempts"]}}
                                    .dump(),
                                now);
    return outcome;
}

bool is_imported(store::database& db, std::int64_t exam_id) {
    auto query = db.prepare("SELECT imported_from IS NOT NULL FROM exams WHERE id = ?1");
    query.bind(1, exam_id);
    return query.step() && query.column_int64(0) != 0;
}

} // namespace phongthi::server::bundle_import
