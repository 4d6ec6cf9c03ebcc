#pragma once

#include "server/accounts/user.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace phongthi::store {
class database;
}

/// Merging a checked result bundle into this server's database (docs/DEPLOY.md, "Carrying
/// results to the province").
namespace phongthi::server::bundle_import {

/// A bundle that cannot be merged here; the message says why in Vietnamese and English.
class import_refused : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Merges the document of a bundle signed by `fingerprint` whose file has SHA-256 `sha256`
/// (hex). The exam arrives closed and marked imported (from `fingerprint`, with its id there);
/// its class is created once per source class (the course and units matched by code, created if
/// absent); learners are matched by username, or created as candidates who cannot sign in until
/// an admin sets a password; questions go into a bank of their own; attempts, answers,
/// corrections, sessions and attendance are copied with new ids. The same bundle again changes
/// nothing ({"already":true}). Throws import_refused when this server signed it, when another
/// bundle of the same exam was imported before, or when a username belongs to staff here.
/// Inside a writer job (one transaction); audited as exam.import.
nlohmann::json merge(store::database& db, nlohmann::json const& document,
                     std::string const& fingerprint, std::string const& sha256,
                     std::string const& own_fingerprint, actor const& who, std::int64_t now);

/// Whether the exam came from another server's bundle (it is read-only here). Any connection.
bool is_imported(store::database& db, std::int64_t exam_id);

} // namespace phongthi::server::bundle_import
