#include "server/accounts/account_store.hpp"

#include "server/store/database.hpp"

namespace phongthi::server::account_store {

namespace {

using store::statement;

// Every user query selects these columns in this order, so one reader serves them all.
constexpr std::string_view user_columns =
    "u.id, u.username, u.full_name, u.role, u.must_change_password, u.disabled, u.created_at, "
    "n.id, n.code, n.name, p.code, u.password_hash ";
constexpr std::string_view user_tables =
    "FROM users u LEFT JOIN units n ON n.id = u.unit_id LEFT JOIN units p ON p.id = n.parent_id ";

std::string user_query(std::string_view rest) {
    return "SELECT " + std::string(user_columns) + std::string(user_tables) + std::string(rest);
}

user_record read_user(statement const& row) {
    user_record user;
    user.id = row.column_int64(0);
    user.username = row.column_text(1);
    user.full_name = row.column_text(2);
    user.user_role = parse_role(row.column_text(3)).value_or(role::candidate);
    user.must_change_password = row.column_int64(4) != 0;
    user.disabled = row.column_int64(5) != 0;
    user.created_at = row.column_int64(6);
    if (!row.is_null(7)) {
        unit_record unit{row.column_int64(7), row.column_text(8), row.column_text(9), {}};
        if (!row.is_null(10))
            unit.parent_code = row.column_text(10);
        user.unit = std::move(unit);
    }
    return user;
}

std::optional<user_record> first_user(statement& query) {
    if (!query.step())
        return std::nullopt;
    return read_user(query);
}

unit_record read_unit(statement const& row) {
    unit_record unit{row.column_int64(0), row.column_text(1), row.column_text(2), {}};
    if (!row.is_null(3))
        unit.parent_code = row.column_text(3);
    return unit;
}

constexpr std::string_view unit_query =
    "SELECT n.id, n.code, n.name, p.code FROM units n LEFT JOIN units p ON p.id = n.parent_id ";

} // namespace

std::optional<credentials> find_credentials(store::database& db, std::string_view username) {
    auto query = db.prepare(user_query("WHERE u.username = ?1"));
    query.bind(1, username);
    if (!query.step())
        return std::nullopt;
    return credentials{read_user(query), query.column_text(11)};
}

std::optional<user_record> find_user(store::database& db, std::int64_t id) {
    auto query = db.prepare(user_query("WHERE u.id = ?1"));
    query.bind(1, id);
    return first_user(query);
}

std::vector<user_record> list_users(store::database& db) {
    auto query = db.prepare(user_query("ORDER BY u.role, u.username"));
    std::vector<user_record> users;
    while (query.step())
        users.push_back(read_user(query));
    return users;
}

std::int64_t insert_user(store::database& db, new_user const& user, std::int64_t now) {
    auto insert =
        db.prepare("INSERT INTO users (username, full_name, role, unit_id, password_hash, "
                   "must_change_password, disabled, created_at, updated_at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?7)");
    insert.bind_all(user.username, user.full_name, role_key(user.user_role));
    if (user.unit_id)
        insert.bind(4, *user.unit_id);
    insert.bind(5, user.password_hash).bind(6, user.must_change_password ? 1 : 0).bind(7, now);
    insert.run();
    return db.last_insert_rowid();
}

bool set_password(store::database& db, std::int64_t user_id, std::string_view password_hash,
                  bool must_change, std::int64_t now) {
    auto update = db.prepare("UPDATE users SET password_hash = ?2, must_change_password = ?3, "
                             "updated_at = ?4 WHERE id = ?1");
    update.bind_all(user_id, password_hash, must_change ? 1 : 0, now).run();
    return db.changes() > 0;
}

bool set_disabled(store::database& db, std::int64_t user_id, bool disabled, std::int64_t now) {
    auto update = db.prepare("UPDATE users SET disabled = ?2, updated_at = ?3 WHERE id = ?1");
    update.bind_all(user_id, disabled ? 1 : 0, now).run();
    return db.changes() > 0;
}

std::optional<unit_record> find_unit(store::database& db, std::string_view code) {
    auto query = db.prepare(std::string(unit_query) + "WHERE n.code = ?1");
    query.bind(1, code);
    if (!query.step())
        return std::nullopt;
    return read_unit(query);
}

std::vector<unit_record> list_units(store::database& db) {
    auto query = db.prepare(std::string(unit_query) + "ORDER BY n.code");
    std::vector<unit_record> units;
    while (query.step())
        units.push_back(read_unit(query));
    return units;
}

std::int64_t insert_unit(store::database& db, std::string_view code, std::string_view name,
                         std::optional<std::int64_t> parent_id, std::int64_t now) {
    auto insert =
        db.prepare("INSERT INTO units (code, name, parent_id, created_at) VALUES (?1, ?2, ?3, ?4)");
    insert.bind_all(code, name);
    if (parent_id)
        insert.bind(3, *parent_id);
    insert.bind(4, now).run();
    return db.last_insert_rowid();
}

void insert_session(store::database& db, std::string_view token_digest, std::int64_t user_id,
                    std::int64_t now, std::int64_t expires_at, std::string_view address,
                    std::string_view user_agent) {
    db.prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at, "
               "address, user_agent) VALUES (?1, ?2, ?3, ?4, ?3, ?5, ?6)")
        .bind_all(token_digest, user_id, now, expires_at, address, user_agent)
        .run();
}

std::optional<live_session> find_live_session(store::database& db, std::string_view token_digest,
                                              std::int64_t now) {
    auto query = db.prepare("SELECT " + std::string(user_columns) + ", s.last_seen_at " +
                            std::string(user_tables) +
                            "JOIN sessions s ON s.user_id = u.id WHERE s.token_hash = ?1 "
                            "AND s.expires_at > ?2 AND s.revoked_at IS NULL AND u.disabled = 0");
    query.bind_all(token_digest, now);
    if (!query.step())
        return std::nullopt;
    return live_session{read_user(query), query.column_int64(12)};
}

std::vector<session_record> list_sessions(store::database& db, std::int64_t now,
                                          std::int64_t user_id) {
    auto query = db.prepare(
        "SELECT s.id, s.user_id, u.username, s.token_hash, s.created_at, s.expires_at, "
        "s.last_seen_at, COALESCE(s.address, ''), COALESCE(s.user_agent, '') FROM sessions s "
        "JOIN users u ON u.id = s.user_id WHERE s.revoked_at IS NULL AND s.expires_at > ?1 "
        "AND (?2 = 0 OR s.user_id = ?2) ORDER BY s.last_seen_at DESC, s.id DESC");
    query.bind_all(now, user_id);
    std::vector<session_record> sessions;
    while (query.step())
        sessions.push_back({query.column_int64(0), query.column_int64(1), query.column_text(2),
                            query.column_text(3), query.column_int64(4), query.column_int64(5),
                            query.column_int64(6), query.column_text(7), query.column_text(8)});
    return sessions;
}

void touch_session(store::database& db, std::string_view token_digest, std::int64_t now) {
    db.prepare("UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1 AND last_seen_at < ?2")
        .bind_all(token_digest, now)
        .run();
}

void revoke_session(store::database& db, std::string_view token_digest, std::int64_t now) {
    db.prepare("UPDATE sessions SET revoked_at = ?2 WHERE token_hash = ?1 AND revoked_at IS NULL")
        .bind_all(token_digest, now)
        .run();
}

int revoke_user_sessions(store::database& db, std::int64_t user_id, std::int64_t now,
                         std::string_view keep_digest) {
    db.prepare("UPDATE sessions SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL "
               "AND token_hash <> ?3")
        .bind_all(user_id, now, keep_digest)
        .run();
    return db.changes();
}

int revoke_all_sessions(store::database& db, std::int64_t now, std::string_view keep_digest) {
    db.prepare("UPDATE sessions SET revoked_at = ?1 WHERE revoked_at IS NULL AND token_hash <> ?2")
        .bind_all(now, keep_digest)
        .run();
    return db.changes();
}

void append_audit(store::database& db, actor const& who, std::string_view action,
                  std::string_view target, std::string_view detail, std::int64_t now) {
    auto insert = db.prepare("INSERT INTO audit_log (at, actor_id, actor, action, target, detail, "
                             "address) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    insert.bind(1, now);
    if (who.user_id)
        insert.bind(2, *who.user_id);
    insert.bind(3, who.name).bind(4, action).bind(5, target);
    if (!detail.empty())
        insert.bind(6, detail);
    insert.bind(7, who.address).run();
}

} // namespace phongthi::server::account_store
