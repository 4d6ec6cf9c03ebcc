#include "server/banks/bank_store.hpp"

#include "server/store/database.hpp"

#include <nlohmann/json.hpp>

namespace phongthi::server::bank_store {

namespace {

std::string options_json(std::vector<bank::option> const& options) {
    nlohmann::json list = nlohmann::json::array();
    for (auto const& o : options) {
        nlohmann::json entry{{"text", o.text}, {"weight", o.weight}};
        if (!o.feedback.empty())
            entry["feedback"] = o.feedback;
        list.push_back(std::move(entry));
    }
    return list.dump();
}

} // namespace

std::int64_t insert_bank(store::database& db, std::string_view name, std::string_view description,
                         std::optional<std::int64_t> owner_id,
                         std::vector<bank::question> const& questions, std::int64_t now) {
    auto bank = db.prepare("INSERT INTO question_banks (name, description, owner_id, created_at) "
                           "VALUES (?1, ?2, ?3, ?4)");
    bank.bind_all(name, description);
    if (owner_id)
        bank.bind(3, *owner_id);
    bank.bind(4, now).run();
    std::int64_t const bank_id = db.last_insert_rowid();

    auto question =
        db.prepare("INSERT INTO questions (bank_id, code, created_at) VALUES (?1, ?2, ?3)");
    auto revision = db.prepare(
        "INSERT INTO question_revisions (question_id, revision, topic, level, stem, options, "
        "points, shuffle_options, explanation, tags, source_file, source_line, created_by, "
        "created_at) VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    auto point = db.prepare("UPDATE questions SET current_revision_id = ?2 WHERE id = ?1");
    for (auto const& q : questions) {
        question.bind(1, bank_id);
        if (!q.external_id.empty())
            question.bind(2, q.external_id);
        question.bind(3, now).run();
        std::int64_t const question_id = db.last_insert_rowid();
        revision.bind_all(question_id, q.topic, bank::level_key(q.level), q.stem,
                          options_json(q.options), q.points, q.shuffle_options ? 1 : 0,
                          q.explanation, nlohmann::json(q.tags).dump(), q.source_file,
                          q.source_line);
        if (owner_id)
            revision.bind(12, *owner_id);
        revision.bind(13, now).run();
        point.bind_all(question_id, db.last_insert_rowid()).run();
    }
    return bank_id;
}

std::int64_t count_questions(store::database& db, std::int64_t bank_id) {
    auto query =
        db.prepare("SELECT count(*) FROM questions WHERE bank_id = ?1 AND deleted_at IS NULL");
    query.bind(1, bank_id);
    query.step();
    return query.column_int64(0);
}

} // namespace phongthi::server::bank_store
