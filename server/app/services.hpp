#pragma once

#include "server/auth/hash_pool.hpp"
#include "server/auth/login_throttle.hpp"
#include "server/auth/password_hasher.hpp"
#include "server/backups/backup_plan.hpp"
#include "server/store/data_store.hpp"

#include <chrono>
#include <string>

namespace phongthi::server {

class backup_schedule;
class exam_runtime;
class session_keeper;

/// The long-lived parts that request handlers share. Owned by the application; every member
/// is thread-safe.
struct services {
    store::data_store& store;
    auth::hash_pool& hashing;
    auth::login_throttle& throttle;
    exam_runtime& exams;
    auth::hash_params hash_params;
    session_keeper& sessions;
    std::string dummy_hash; ///< verified for unknown accounts, so timing does not reveal them
    bool demo = false;
    std::size_t material_max_bytes = 0;     ///< the largest course material upload
    std::string result_bundle_key{};        ///< the Ed25519 key signing result bundles (PEM)
    backup_schedule* backups = nullptr;     ///< set while serving
    backup_plan::plan configured_backups{}; ///< the serve options' plan, until the admin sets one
};

} // namespace phongthi::server
