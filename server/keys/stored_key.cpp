#include "server/keys/stored_key.hpp"

#include "server/store/data_store.hpp"
#include "server/store/database.hpp"

#include <nlohmann/json.hpp>

#include <chrono>

namespace phongthi::server::stored_key {

namespace {

std::int64_t stored_key_now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

std::string load_or_create(store::data_store& store, std::string_view setting,
                           std::function<std::string()> const& generate) {
    using json = nlohmann::json;
    auto const stored_pem = [&] {
        return store.read_side().with([&](store::database& db) -> std::string {
            auto query = db.prepare("SELECT value FROM server_settings WHERE key = ?1");
            query.bind(1, setting);
            return query.step() ? json::parse(query.column_text(0)).value("private_key_pem", "")
                                : "";
        });
    };
    auto pem = stored_pem();
    if (!pem.empty())
        return pem;
    auto const fresh = generate();
    auto const now = stored_key_now_ms();
    store.write_side().write([&](store::database& db) {
        db.prepare("INSERT OR IGNORE INTO server_settings (key, value, updated_at) "
                   "VALUES (?1, ?2, ?3)")
            .bind_all(setting, json{{"private_key_pem", fresh}}.dump(), now)
            .run();
    });
    return stored_pem();
}

void replace(store::data_store& store, std::string_view setting, std::string const& private_pem,
             std::function<void(store::database&)> const& also) {
    store.write_side().write([&](store::database& db) {
        db.prepare("INSERT INTO server_settings (key, value, updated_at) VALUES (?1, ?2, ?3) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                   "updated_at = excluded.updated_at")
            .bind_all(setting, nlohmann::json{{"private_key_pem", private_pem}}.dump(),
                      stored_key_now_ms())
            .run();
        also(db);
    });
}

} // namespace phongthi::server::stored_key
