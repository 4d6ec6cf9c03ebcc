#include "server/banks/bank_store.hpp"

#include "question-bank/text.hpp"
#include "server/store/database.hpp"

#include <nlohmann/json.hpp>

namespace phongthi::server::bank_store {

namespace {

using nlohmann::json;
using store::statement;

std::string options_json(std::vector<bank::option> const& options) {
    json list = json::array();
    for (auto const& o : options) {
        json entry{{"text", o.text}, {"weight", o.weight}};
        if (!o.feedback.empty())
            entry["feedback"] = o.feedback;
        list.push_back(std::move(entry));
    }
    return list.dump();
}

std::vector<bank::option> options_from(std::string const& text) {
    std::vector<bank::option> options;
    for (auto const& entry : json::parse(text))
        options.push_back(
            {entry.value("text", ""), entry.value("weight", 0.0), entry.value("feedback", "")});
    return options;
}

/// The case-folded stem and options that text search looks in.
std::string search_text(bank::question const& q) {
    std::string text = bank::fold_case(q.stem);
    for (auto const& o : q.options)
        text += "\n" + bank::fold_case(o.text);
    return text;
}

/// Inserts revision `revision` of a question with its pictures; returns the revision id.
std::int64_t insert_revision(store::database& db, std::int64_t question_id, int revision,
                             bank::question const& q, std::optional<std::int64_t> author_id,
                             std::int64_t now) {
    auto& insert = db.cached(
        "INSERT INTO question_revisions (question_id, revision, topic, level, stem, options, "
        "points, shuffle_options, explanation, tags, source_file, source_line, created_by, "
        "created_at, format, search_text) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    insert.bind_all(question_id, revision, q.topic, bank::level_key(q.level), q.stem,
                    options_json(q.options), q.points, q.shuffle_options ? 1 : 0, q.explanation,
                    json(q.tags).dump(), q.source_file, q.source_line);
    if (author_id)
        insert.bind(13, *author_id);
    insert.bind(14, now)
        .bind(15, q.format == bank::text_format::html ? "html" : "plain")
        .bind(16, search_text(q))
        .run();
    std::int64_t const revision_id = db.last_insert_rowid();
    auto& media = db.cached("INSERT INTO question_media (revision_id, name, mime_type, data) "
                            "VALUES (?1, ?2, ?3, ?4)");
    for (auto const& file : q.media)
        media.bind_all(revision_id, file.name, file.mime_type).bind_blob(4, file.data).run();
    db.cached("UPDATE questions SET current_revision_id = ?2 WHERE id = ?1")
        .bind_all(question_id, revision_id)
        .run();
    return revision_id;
}

// Every question query selects these columns in this order.
constexpr std::string_view question_columns =
    "SELECT q.id, q.bank_id, r.id, r.revision, q.deleted_at IS NOT NULL, q.code, r.topic, "
    "r.level, r.stem, r.options, r.points, r.shuffle_options, r.explanation, r.tags, "
    "r.source_file, r.source_line, r.format ";

bank::question read_content(statement const& row, store::database& db) {
    bank::question q;
    q.external_id = row.column_text(5);
    q.topic = row.column_text(6);
    q.level = bank::parse_level(row.column_text(7)).value_or(bank::cognitive_level::nhan_biet);
    q.stem = row.column_text(8);
    q.options = options_from(row.column_text(9));
    q.points = row.column_double(10);
    q.shuffle_options = row.column_int64(11) != 0;
    q.explanation = row.column_text(12);
    q.tags = json::parse(row.column_text(13)).get<std::vector<std::string>>();
    q.source_file = row.column_text(14);
    q.source_line = static_cast<int>(row.column_int64(15));
    q.format = row.column_text(16) == "html" ? bank::text_format::html : bank::text_format::plain;
    auto media = db.prepare(
        "SELECT name, mime_type, data FROM question_media WHERE revision_id = ?1 ORDER BY name");
    media.bind(1, row.column_int64(2));
    while (media.step())
        q.media.push_back({media.column_text(0), media.column_text(1), media.column_blob(2)});
    return q;
}

stored_question read_question(statement const& row, store::database& db) {
    return {row.column_int64(0),      row.column_int64(1),
            row.column_int64(2),      static_cast<int>(row.column_int64(3)),
            row.column_int64(4) != 0, read_content(row, db)};
}

bank_summary read_bank(statement const& row) {
    return {row.column_int64(0), row.column_text(1), row.column_text(2), row.column_int64(3),
            row.column_int64(4)};
}

constexpr std::string_view bank_query =
    "SELECT b.id, b.name, coalesce(b.description, ''), "
    "(SELECT count(*) FROM questions q WHERE q.bank_id = b.id AND q.deleted_at IS NULL), "
    "b.created_at FROM question_banks b ";

std::optional<bank_summary> first_bank(statement& query) {
    if (!query.step())
        return std::nullopt;
    return read_bank(query);
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
    add_questions(db, bank_id, owner_id, questions, now);
    return bank_id;
}

std::vector<std::int64_t> add_questions(store::database& db, std::int64_t bank_id, std::optional<std::int64_t> author_id,
                   std::vector<bank::question> const& questions, std::int64_t now) {
    auto& insert =
        db.cached("INSERT INTO questions (bank_id, code, created_at) VALUES (?1, ?2, ?3)");
    std::vector<std::int64_t> ids;
    for (auto const& q : questions) {
        insert.bind(1, bank_id);
        if (!q.external_id.empty())
            insert.bind(2, q.external_id);
        insert.bind(3, now).run();
        ids.push_back(db.last_insert_rowid());
        insert_revision(db, ids.back(), 1, q, author_id, now);
    }
    return ids;
}

std::vector<bank_summary> list_banks(store::database& db) {
    auto query = db.prepare(std::string(bank_query) + "ORDER BY b.name");
    std::vector<bank_summary> banks;
    while (query.step())
        banks.push_back(read_bank(query));
    return banks;
}

std::optional<bank_summary> find_bank(store::database& db, std::int64_t id) {
    auto query = db.prepare(std::string(bank_query) + "WHERE b.id = ?1");
    query.bind(1, id);
    return first_bank(query);
}

std::optional<bank_summary> find_bank_by_name(store::database& db, std::string_view name) {
    auto query = db.prepare(std::string(bank_query) + "WHERE b.name = ?1");
    query.bind(1, name);
    return first_bank(query);
}

std::vector<stored_question> list_questions(store::database& db, std::int64_t bank_id,
                                            question_filter const& filter) {
    auto query = db.prepare(
        std::string(question_columns) +
        "FROM questions q JOIN question_revisions r ON r.id = q.current_revision_id "
        "WHERE q.bank_id = ?1 AND (?2 OR q.deleted_at IS NULL) AND (?3 = '' OR r.topic = ?3) "
        "AND (?4 = '' OR r.level = ?4) AND (?5 = '' OR instr(r.search_text, ?5) > 0) "
        "ORDER BY q.id LIMIT ?6 OFFSET ?7");
    query.bind_all(bank_id, filter.include_retired ? 1 : 0, filter.topic,
                   filter.level ? bank::level_key(*filter.level) : std::string_view(),
                   filter.text.empty() ? std::string() : bank::fold_case(filter.text), filter.limit,
                   filter.offset);
    std::vector<stored_question> found;
    while (query.step())
        found.push_back(read_question(query, db));
    return found;
}

std::optional<stored_question> find_question(store::database& db, std::int64_t question_id) {
    auto query =
        db.prepare(std::string(question_columns) + "FROM questions q JOIN question_revisions r ON "
                                                   "r.id = q.current_revision_id WHERE q.id = ?1");
    query.bind(1, question_id);
    if (!query.step())
        return std::nullopt;
    return read_question(query, db);
}

std::optional<bank::question> load_revision(store::database& db, std::int64_t revision_id) {
    auto query = db.prepare(std::string(question_columns) +
                            "FROM question_revisions r JOIN questions q ON q.id = r.question_id "
                            "WHERE r.id = ?1");
    query.bind(1, revision_id);
    if (!query.step())
        return std::nullopt;
    return read_content(query, db);
}

std::vector<bank::question> load_bank_questions(store::database& db, std::int64_t bank_id) {
    question_filter all;
    all.limit = -1; // SQLite: no limit
    std::vector<bank::question> questions;
    for (auto& stored : list_questions(db, bank_id, all))
        questions.push_back(std::move(stored.content));
    return questions;
}

std::optional<int> revise_question(store::database& db, std::int64_t question_id,
                                   bank::question const& content,
                                   std::optional<std::int64_t> author_id, std::int64_t now) {
    auto query = db.prepare("SELECT max(revision) FROM question_revisions WHERE question_id = ?1");
    query.bind(1, question_id);
    if (!query.step() || query.is_null(0))
        return std::nullopt;
    int const next = static_cast<int>(query.column_int64(0)) + 1;
    insert_revision(db, question_id, next, content, author_id, now);
    return next;
}

bool set_retired(store::database& db, std::int64_t question_id, bool retired, std::int64_t now) {
    auto update = db.prepare("UPDATE questions SET deleted_at = ?2 WHERE id = ?1");
    update.bind(1, question_id);
    if (retired)
        update.bind(2, now);
    update.run();
    return db.changes() > 0;
}

std::int64_t count_questions(store::database& db, std::int64_t bank_id) {
    auto query =
        db.prepare("SELECT count(*) FROM questions WHERE bank_id = ?1 AND deleted_at IS NULL");
    query.bind(1, bank_id);
    query.step();
    return query.column_int64(0);
}

} // namespace phongthi::server::bank_store
