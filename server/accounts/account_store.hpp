#pragma once

#include "server/accounts/user.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::store {
class database;
}

/// SQL for accounts, units, sessions and the audit log. Plain functions over one connection:
/// reads take a read-side connection, writes run inside a writer job. A second backend
/// (PostgreSQL) implements these same functions.
namespace phongthi::server::account_store {

/// A user with the stored password hash, for login only.
struct credentials {
    user_record user;
    std::string password_hash;
};

/// What a new account needs; the hash is computed before the write.
struct new_user {
    std::string username;
    std::string full_name;
    role user_role = role::candidate;
    std::optional<std::int64_t> unit_id;
    std::string password_hash;
    bool must_change_password = true;
};

std::optional<credentials> find_credentials(store::database& db, std::string_view username);
std::optional<user_record> find_user(store::database& db, std::int64_t id);
std::vector<user_record> list_users(store::database& db);
/// Inserts and returns the new id; throws store::sqlite_error (unique violation) on a taken name.
std::int64_t insert_user(store::database& db, new_user const& user, std::int64_t now);
/// False when no such user.
bool set_password(store::database& db, std::int64_t user_id, std::string_view password_hash,
                  bool must_change, std::int64_t now);
bool set_disabled(store::database& db, std::int64_t user_id, bool disabled, std::int64_t now);

std::optional<unit_record> find_unit(store::database& db, std::string_view code);
std::vector<unit_record> list_units(store::database& db);
/// Inserts and returns the new id; throws store::sqlite_error (unique violation) on a taken code.
std::int64_t insert_unit(store::database& db, std::string_view code, std::string_view name,
                         std::optional<std::int64_t> parent_id, std::int64_t now);

/// A session as its owner, an administrator or the CLI sees it (never the token itself).
struct session_record {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string username;
    std::string token_digest;
    std::int64_t created_at = 0;
    std::int64_t expires_at = 0;
    std::int64_t last_seen_at = 0;
    std::string address;
    std::string user_agent;
};

/// A session that is neither expired nor revoked, of an enabled account, with its user.
struct live_session {
    user_record user;
    std::int64_t last_seen_at = 0;
};

void insert_session(store::database& db, std::string_view token_digest, std::int64_t user_id,
                    std::int64_t now, std::int64_t expires_at, std::string_view address,
                    std::string_view user_agent);
/// The live session of a token digest at `now`: not expired, not revoked, account not disabled.
/// The idle rule is the caller's (session_keeper), since it depends on open WebSockets.
std::optional<live_session> find_live_session(store::database& db, std::string_view token_digest,
                                              std::int64_t now);
/// Sessions neither expired nor revoked at `now`, newest first; of one user when user_id > 0.
std::vector<session_record> list_sessions(store::database& db, std::int64_t now,
                                          std::int64_t user_id);
/// Moves last_seen_at forward to `now` (never back).
void touch_session(store::database& db, std::string_view token_digest, std::int64_t now);
void revoke_session(store::database& db, std::string_view token_digest, std::int64_t now);
/// Ends every session of a user but the one of `keep_digest` (empty: all of them), e.g. after a
/// password reset, when disabled, or "sign out everywhere else"; returns how many it ended.
int revoke_user_sessions(store::database& db, std::int64_t user_id, std::int64_t now,
                         std::string_view keep_digest = {});
/// Ends every session of every user but the one of `keep_digest`; returns how many it ended.
int revoke_all_sessions(store::database& db, std::int64_t now, std::string_view keep_digest);

/// Appends one audit row. `detail` is a JSON object text or empty.
void append_audit(store::database& db, actor const& who, std::string_view action,
                  std::string_view target, std::string_view detail, std::int64_t now);

} // namespace phongthi::server::account_store
