#include "server/app/server_settings.hpp"

#include "server/accounts/account_store.hpp"
#include "server/store/database.hpp"

#include <string>

namespace phongthi::server::server_settings {

std::optional<nlohmann::json> read(store::database& db, std::string_view key) {
    auto query = db.prepare("SELECT value FROM server_settings WHERE key = ?1");
    query.bind(1, key);
    if (!query.step())
        return std::nullopt;
    return nlohmann::json::parse(query.column_text(0));
}

void store(store::database& db, std::string_view key, nlohmann::json const& value, actor const& who,
           std::int64_t now) {
    db.prepare("INSERT INTO server_settings (key, value, updated_at) VALUES (?1, ?2, ?3) "
               "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
               "updated_at = excluded.updated_at")
        .bind_all(key, value.dump(), now)
        .run();
    account_store::append_audit(db, who, "settings." + std::string(key), std::string(key),
                                value.dump(), now);
}

void erase(store::database& db, std::string_view key, actor const& who, std::int64_t now) {
    db.prepare("DELETE FROM server_settings WHERE key = ?1").bind_all(key).run();
    account_store::append_audit(db, who, "settings." + std::string(key), std::string(key), "null",
                                now);
}

} // namespace phongthi::server::server_settings
