#pragma once

#include "server/course/material_store.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

/// The checks every new course material passes, from the admin page or the CLI: a title, a
/// description within bounds, a file name, the size limit, and a type recognised by content whose
/// extension matches.
namespace phongthi::server::material_upload {

constexpr std::size_t max_title_bytes = 200;
constexpr std::size_t max_description_bytes = 2000;

/// Why an upload is refused: an error code of the API's table (invalid_field,
/// material_too_large, material_type_refused, material_extension_mismatch) and the field.
struct refusal {
    std::string code;
    std::string field;
    std::string kind{}; ///< the type found, when the extension does not match it
};

/// Checks the upload; on success fills the title, description, file name, kind, MIME type and
/// size of `material` and returns nullopt.
std::optional<refusal> check(std::string_view title, std::string_view description,
                             std::string_view name, std::string_view bytes, std::size_t max_bytes,
                             material_store::material_record& material);

} // namespace phongthi::server::material_upload
