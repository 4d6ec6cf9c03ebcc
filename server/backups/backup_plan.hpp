#pragma once

#include "server/accounts/user.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace phongthi::store {
class database;
}

/// How often the server backs itself up while serving and how many backups it keeps. The admin
/// sets it on the backups page or with `phongthi settings backup-schedule` (kept in
/// server_settings as "backup_schedule", so it outlives restarts); until then, or after a reset,
/// the serve options --backup-every and --backup-keep apply.
namespace phongthi::server::backup_plan {

constexpr long max_every_minutes = 7 * 24 * 60; ///< a week
constexpr long max_keep = 1000;

struct plan {
    std::chrono::seconds every{0}; ///< 0: no scheduled backups
    std::size_t keep = 48;
    bool from_settings = false; ///< set by the admin, not by the serve options
};

/// A plan from {"every_minutes": 0…10080, "keep": 1…1000}, or the field that is wrong.
struct parsed {
    std::optional<plan> value;
    std::string bad_field;
};
parsed parse(nlohmann::json const& body);

/// The stored plan, else `configured`. On a read connection.
plan current(store::database& db, plan const& configured);

/// Stores `p` (audited as settings.backup_schedule). Inside a writer job.
void store(store::database& db, plan const& p, actor const& who, std::int64_t now);

/// Drops the stored plan: the serve options apply again (audited). Inside a writer job.
void reset(store::database& db, actor const& who, std::int64_t now);

/// {"every_minutes", "keep", "source": "settings" | "options"}; every_minutes may have a
/// fraction when the serve options gave seconds (tests).
nlohmann::json to_json(plan const& p);

} // namespace phongthi::server::backup_plan
