#include "server/results/key_corrections.hpp"

#include "server/store/database.hpp"

namespace phongthi::server::key_corrections {

std::map<std::int64_t, correction> current(store::database& db, std::int64_t exam_id) {
    auto query = db.prepare("SELECT question_id, weights, void_mode, reason, created_at "
                            "FROM key_corrections WHERE exam_id = ?1 ORDER BY id");
    query.bind(1, exam_id);
    std::map<std::int64_t, correction> newest;
    while (query.step()) {
        correction c;
        c.question_id = query.column_int64(0);
        if (!query.is_null(1)) {
            auto const weights = nlohmann::json::parse(query.column_text(1), nullptr, false);
            if (weights.is_array())
                c.weights = weights.get<std::vector<double>>();
        }
        if (!query.is_null(2))
            c.void_mode = query.column_text(2);
        c.reason = query.column_text(3);
        c.created_at = query.column_int64(4);
        newest[c.question_id] = std::move(c);
    }
    return newest;
}

void insert(store::database& db, std::int64_t exam_id, correction const& c,
            std::optional<std::int64_t> author_id, std::int64_t now) {
    auto insert = db.prepare("INSERT INTO key_corrections (exam_id, question_id, weights, "
                             "void_mode, reason, created_by, created_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    insert.bind_all(exam_id, c.question_id);
    if (c.weights)
        insert.bind(3, nlohmann::json(*c.weights).dump());
    else
        insert.bind(3, nullptr);
    if (c.void_mode)
        insert.bind(4, *c.void_mode);
    else
        insert.bind(4, nullptr);
    insert.bind(5, c.reason);
    if (author_id)
        insert.bind(6, *author_id);
    else
        insert.bind(6, nullptr);
    insert.bind(7, now);
    insert.run();
}

} // namespace phongthi::server::key_corrections
