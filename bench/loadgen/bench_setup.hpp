#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace phongthi::bench {

/// The password of every load-generator candidate (lg00001, lg00002, ...).
inline constexpr char const* candidate_password = "loadgen2026";

/// The username of load-generator candidate `index` (1-based): "lg00001".
std::string candidate_username(int index);

/// Prepares `data_dir` (the server stopped) for a load run: the demo data (its proctor
/// "giamthi" runs the exam, as staff of the load class), `candidates` learner accounts enrolled in
/// a class of their own and a published exam of `duration_minutes` over the demo bank for them.
/// Argon2id is computed once with the production settings and the same hash is stored for every
/// account (as the demo class does): N hashes would take minutes, while logins still verify at full
/// cost. Unless `tokens_file` is empty, every candidate also gets a session, inserted as a login
/// does (account_store::insert_session, valid for a day), and the file gets one line "username
/// token" per candidate, the format `run --tokens` reads: runs that measure answers, not logins,
/// then start in seconds. Returns the exam's id. Refuses a directory already prepared. Main
/// thread.
std::int64_t prepare_load_data(std::filesystem::path const& data_dir, int candidates,
                               int duration_minutes, std::filesystem::path const& tokens_file);

} // namespace phongthi::bench
