#include "server/course/course_closing.hpp"

#include "server/accounts/account_store.hpp"
#include "server/store/database.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace phongthi::server::course_closing {

bool class_course_closed(store::database& db, std::int64_t class_id) {
    auto query = db.prepare("SELECT co.closed_at IS NOT NULL FROM classes c "
                            "JOIN courses co ON co.id = c.course_id WHERE c.id = ?1");
    query.bind(1, class_id);
    return query.step() && query.column_int64(0) != 0;
}

closing_result close_course(store::database& db, std::int64_t course_id, bool closed,
                            actor const& who, std::int64_t now) {
    auto query = db.prepare("SELECT code, closed_at IS NOT NULL FROM courses WHERE id = ?1");
    query.bind(1, course_id);
    if (!query.step())
        return closing_result::no_course;
    std::string const code = query.column_text(0);
    if ((query.column_int64(1) != 0) == closed)
        return closing_result::unchanged;
    auto update = db.prepare("UPDATE courses SET closed_at = ?2 WHERE id = ?1");
    update.bind(1, course_id);
    if (closed)
        update.bind(2, now);
    else
        update.bind(2, nullptr);
    update.run();
    account_store::append_audit(db, who, closed ? "course.close" : "course.reopen",
                                "course:" + std::to_string(course_id),
                                nlohmann::json{{"code", code}}.dump(), now);
    return closing_result::changed;
}

} // namespace phongthi::server::course_closing
