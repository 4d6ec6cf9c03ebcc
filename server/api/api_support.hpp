#pragma once

#include "server/accounts/password_policy.hpp"
#include "server/accounts/user.hpp"
#include "server/api/server_time.hpp"
#include "server/http/message.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <utility>

namespace phongthi::server {

using json = nlohmann::json;

/// "2026-11-25T20:14:23Z" for a *_at value.
std::string iso_utc(std::int64_t ms);

/// Parses "2026-11-25T20:14:23Z", "...T20:14Z", "...+07:00" (an offset is required) into
/// milliseconds since the epoch; nullopt when it is not such a time.
std::optional<std::int64_t> parse_iso_time(std::string_view text);

/// The user-facing text of an error code in the requested language.
std::string_view error_message(std::string_view code, language lang);

http_response json_response(int status, json const& body);
/// {"error":{"code","message",...extra}} with the message in the request's language.
http_response error_response(int status, std::string_view code, language lang,
                             json extra = json::object());

/// The body as a JSON object, or nullopt when it is not one.
std::optional<json> parse_object(std::string_view body);
/// A string member of `object`, or nullopt when absent or not a string.
std::optional<std::string> string_member(json const& object, std::string_view key);

/// Copies the named string members of `body` (absent or null ones are left alone) into their
/// targets; returns the first member that is present but not a string.
std::optional<std::string_view>
read_text_fields(json const& body,
                 std::initializer_list<std::pair<std::string_view, std::string*>> fields);

/// 400 "invalid_field" naming `field`.
http_response invalid_field(std::string_view field, language lang);

/// 400 with the code of the password rule that `problem` broke (password_problem_code),
/// naming `field` ("password" or "new_password").
http_response password_refused(password_problem problem, std::string_view field, language lang);

/// A positive decimal id from a path segment, or nullopt.
std::optional<std::int64_t> parse_id(std::string_view text);

json to_json(user_record const& user);
json to_json(unit_record const& unit);

} // namespace phongthi::server
