#pragma once

#include "server/accounts/user.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace phongthi::store {
class database;
}

/// Named JSON settings kept in the server_settings table, so that backups carry them.
namespace phongthi::server::server_settings {

/// The setting `key`, or nullopt when it was never stored.
std::optional<nlohmann::json> read(store::database& db, std::string_view key);

/// Stores `value` under `key`, audited as settings.<key>. Inside a writer job.
void store(store::database& db, std::string_view key, nlohmann::json const& value, actor const& who,
           std::int64_t now);

/// Deletes `key` (its default applies again), audited as settings.<key> with a null value.
/// Inside a writer job.
void erase(store::database& db, std::string_view key, actor const& who, std::int64_t now);

} // namespace phongthi::server::server_settings
