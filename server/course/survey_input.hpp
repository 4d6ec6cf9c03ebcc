#pragma once

#include "server/course/survey_store.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

/// What the admin page and the CLI send about a survey, checked the same way: its fields, and why
/// a change did not save.
namespace phongthi::server::survey_input {

constexpr std::size_t max_title_bytes = 200;
constexpr std::size_t max_items = 20;
constexpr std::size_t max_item_bytes = 500;

/// {"title", "items": [...], "comment": true|false} into `fields`; the first bad field otherwise.
std::optional<std::string_view> read_fields(nlohmann::json const& body,
                                            survey_store::survey_fields& fields);

/// Why a survey change or answer did not save: the HTTP status and the error code of the API's
/// table; nullopt when it saved (or changed nothing).
struct refusal {
    int status;
    std::string_view code;
};
std::optional<refusal> refusal_of(survey_store::survey_result result);

} // namespace phongthi::server::survey_input
