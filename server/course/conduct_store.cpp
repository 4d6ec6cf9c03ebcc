#include "server/course/conduct_store.hpp"

#include "server/accounts/account_store.hpp"
#include "server/course/course_closing.hpp"
#include "server/store/database.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace phongthi::server::conduct_store {

namespace {

using nlohmann::json;

std::string conduct_text_or_empty(store::statement const& row, int column) {
    return row.is_null(column) ? std::string() : row.column_text(column);
}

json conduct_text_or_null(std::string const& text) {
    return text.empty() ? json(nullptr) : json(text);
}

bool conduct_class_exists(store::database& db, std::int64_t class_id) {
    auto query = db.prepare("SELECT 1 FROM classes WHERE id = ?1");
    query.bind(1, class_id);
    return query.step();
}

/// Checks that the class exists and its course is open.
std::optional<conduct_result> refuse_conduct_change(store::database& db, std::int64_t class_id) {
    if (!conduct_class_exists(db, class_id))
        return conduct_result::no_class;
    if (course_closing::class_course_closed(db, class_id))
        return conduct_result::course_closed;
    return std::nullopt;
}

void bind_conduct_text(store::statement& query, int index, std::string const& text) {
    if (text.empty())
        query.bind(index, nullptr);
    else
        query.bind(index, text);
}

} // namespace

std::vector<scoring::conduct_grade> const& conduct_grades() {
    static std::vector<scoring::conduct_grade> const grades =
        scoring::default_rules().conduct_grades;
    return grades;
}

bool is_conduct_grade(std::string_view key) {
    auto const& grades = conduct_grades();
    return std::any_of(grades.begin(), grades.end(),
                       [&](scoring::conduct_grade const& g) { return g.label.key == key; });
}

std::optional<std::vector<conduct_entry>> class_conduct(store::database& db,
                                                        std::int64_t class_id) {
    if (!conduct_class_exists(db, class_id))
        return std::nullopt;
    auto query = db.prepare(
        "SELECT u.id, u.username, u.full_name, COALESCE(e.list_number, 0), e.conduct_grade, "
        "e.conduct_note, COALESCE(e.conduct_set_at, 0), s.username FROM enrollments e "
        "JOIN users u ON u.id = e.user_id LEFT JOIN users s ON s.id = e.conduct_set_by "
        "WHERE e.class_id = ?1 AND e.status = 'enrolled' "
        "ORDER BY COALESCE(e.list_number, 1e9), u.full_name, u.id");
    query.bind(1, class_id);
    std::vector<conduct_entry> entries;
    while (query.step())
        entries.push_back({query.column_int64(0), query.column_text(1), query.column_text(2),
                           static_cast<int>(query.column_int64(3)), conduct_text_or_empty(query, 4),
                           conduct_text_or_empty(query, 5), query.column_int64(6),
                           conduct_text_or_empty(query, 7)});
    return entries;
}

std::string learner_conduct(store::database& db, std::int64_t class_id, std::int64_t user_id) {
    auto query = db.prepare("SELECT conduct_grade FROM enrollments WHERE class_id = ?1 AND "
                            "user_id = ?2 AND status = 'enrolled'");
    query.bind(1, class_id).bind(2, user_id);
    return query.step() ? conduct_text_or_empty(query, 0) : std::string();
}

conduct_result set_conduct(store::database& db, std::int64_t class_id, std::int64_t user_id,
                           std::string const& grade, std::string const& note, actor const& who,
                           std::int64_t now) {
    if (auto const refused = refuse_conduct_change(db, class_id))
        return *refused;
    auto query = db.prepare("SELECT e.conduct_grade, e.conduct_note, u.username FROM enrollments e "
                            "JOIN users u ON u.id = e.user_id "
                            "WHERE e.class_id = ?1 AND e.user_id = ?2 AND e.status = 'enrolled'");
    query.bind(1, class_id).bind(2, user_id);
    if (!query.step())
        return conduct_result::not_enrolled;
    std::string const old_grade = conduct_text_or_empty(query, 0);
    std::string const old_note = conduct_text_or_empty(query, 1);
    if (old_grade == grade && old_note == note)
        return conduct_result::unchanged;
    auto update = db.prepare("UPDATE enrollments SET conduct_grade = ?3, conduct_note = ?4, "
                             "conduct_set_at = ?5, conduct_set_by = ?6 "
                             "WHERE class_id = ?1 AND user_id = ?2");
    update.bind(1, class_id).bind(2, user_id).bind(5, now);
    bind_conduct_text(update, 3, grade);
    bind_conduct_text(update, 4, note);
    if (who.user_id)
        update.bind(6, *who.user_id);
    else
        update.bind(6, nullptr);
    update.run();
    json const detail{
        {"user_id", user_id},
        {"username", query.column_text(2)},
        {"before",
         {{"grade", conduct_text_or_null(old_grade)}, {"note", conduct_text_or_null(old_note)}}},
        {"after", {{"grade", conduct_text_or_null(grade)}, {"note", conduct_text_or_null(note)}}}};
    account_store::append_audit(db, who, "conduct.set", "class:" + std::to_string(class_id),
                                detail.dump(), now);
    return conduct_result::saved;
}

conduct_result fill_conduct(store::database& db, std::int64_t class_id, std::string const& grade,
                            actor const& who, std::int64_t now, int& filled) {
    filled = 0;
    if (auto const refused = refuse_conduct_change(db, class_id))
        return *refused;
    auto query = db.prepare("SELECT user_id FROM enrollments WHERE class_id = ?1 AND "
                            "status = 'enrolled' AND conduct_grade IS NULL ORDER BY user_id");
    query.bind(1, class_id);
    json users = json::array();
    while (query.step())
        users.push_back(query.column_int64(0));
    if (users.empty())
        return conduct_result::unchanged;
    auto update = db.prepare("UPDATE enrollments SET conduct_grade = ?2, conduct_set_at = ?3, "
                             "conduct_set_by = ?4 WHERE class_id = ?1 AND status = 'enrolled' "
                             "AND conduct_grade IS NULL");
    update.bind(1, class_id).bind(2, grade).bind(3, now);
    if (who.user_id)
        update.bind(4, *who.user_id);
    else
        update.bind(4, nullptr);
    update.run();
    filled = static_cast<int>(users.size());
    account_store::append_audit(db, who, "conduct.fill", "class:" + std::to_string(class_id),
                                json{{"grade", grade}, {"user_ids", std::move(users)}}.dump(), now);
    return conduct_result::saved;
}

} // namespace phongthi::server::conduct_store
