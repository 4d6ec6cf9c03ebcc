#pragma once

#include "server/accounts/user.hpp"
#include "server/cli/args.hpp"
#include "server/http/message.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace phongthi::store {
class data_store;
class database;
} // namespace phongthi::store

namespace phongthi::server {

/// CLI actions are audited under the operating-system user who ran them.
actor cli_actor();

/// The --data directory, else $PHONGTHI_DATA, else the "data" of the $PHONGTHI_CONFIG file,
/// else ./data.
std::filesystem::path data_dir_of(command_args const& args);

/// The --lang option (vi or en), Vietnamese by default; throws usage_error for another value.
language language_of(command_args const& args);

/// argv[index], a positional argument called `what` in the usage error when it is missing.
std::string positional(int argc, char** argv, int index, std::string_view what);

/// argv[index] as an id (a positive decimal number); throws usage_error otherwise.
std::int64_t positional_id(int argc, char** argv, int index, std::string_view what);

/// The account called `username`; throws std::runtime_error naming it when there is none.
user_record account_named(store::data_store& data, std::string const& username);

/// The id of the class called `name`: its code, or COURSE/CLASS when codes repeat across
/// courses; throws std::runtime_error when there is none or several.
std::int64_t class_id_named(store::database& db, std::string const& name);

/// The id of the course with `code`; throws std::runtime_error when there is none.
std::int64_t course_id_named(store::database& db, std::string const& code);

/// Writes `bytes` next to `out` first and renames it, so a failure leaves no half file; throws
/// std::runtime_error naming `out` when it cannot be written.
void save_file(std::string const& bytes, std::string const& out);

/// The bytes of `file`; throws std::runtime_error naming the file when it cannot be read.
std::string read_file_bytes(std::string const& file);

/// The JSON in `file`; throws std::runtime_error naming the file when it cannot be read or parsed.
nlohmann::json read_json_file(std::string const& file);

} // namespace phongthi::server
