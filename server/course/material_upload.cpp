#include "server/course/material_upload.hpp"

#include "server/course/material_files.hpp"
#include "server/course/material_type_check.hpp"

namespace phongthi::server::material_upload {

std::optional<refusal> check(std::string_view title, std::string_view description,
                             std::string_view name, std::string_view bytes, std::size_t max_bytes,
                             material_store::material_record& material) {
    if (title.empty() || title.size() > max_title_bytes)
        return refusal{"invalid_field", "title"};
    if (description.size() > max_description_bytes)
        return refusal{"invalid_field", "description"};
    if (name.empty())
        return refusal{"invalid_field", "name"};
    if (bytes.size() > max_bytes)
        return refusal{"material_too_large", "file"};
    auto const type = material_type_check::detect(bytes);
    if (!type)
        return refusal{"material_type_refused", "file"};
    if (!material_type_check::extension_matches(type->kind, name))
        return refusal{"material_extension_mismatch", "name", type->kind};
    material.title = title;
    material.description = description;
    material.file_name = material_files::clean_file_name(name);
    material.kind = type->kind;
    material.mime_type = type->mime_type;
    material.size = static_cast<std::int64_t>(bytes.size());
    return std::nullopt;
}

} // namespace phongthi::server::material_upload
