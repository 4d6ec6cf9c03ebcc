#pragma once

#include "server/auth/password_hasher.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::store {
class data_store;
class database;
} // namespace phongthi::store

namespace phongthi::server {

/// One demo account, printed at start so a visitor can sign in.
struct demo_account {
    std::string username;
    std::string password;
    std::string role;
    std::string full_name;
};

/// The demo question bank (native JSON), embedded from server/demo/demo_bank.json.
std::string_view demo_bank_json();

/// Whether the demo step that records itself under server setting `key` has run. Any thread
/// with its own connection.
bool demo_step_done(store::database& db, std::string_view key);

/// The blueprint of the demo exams over the demo bank: 7 questions, 10 points.
nlohmann::json demo_blueprint(std::int64_t bank_id);

/// Adds the demo course once: units, the six demo accounts, a class with its room and
/// enrollments, and the demo bank; then the demo class with a graded exam (seed_demo_class).
/// Later starts leave the data alone. Returns the accounts.
/// Call before serving; blocks until durable.
std::vector<demo_account> seed_demo(store::data_store& data, auth::hash_params const& params);

} // namespace phongthi::server
