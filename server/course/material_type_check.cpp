#include "server/course/material_type_check.hpp"

#include <zip.h>

#include <algorithm>
#include <array>
#include <memory>

namespace phongthi::server::material_type_check {

namespace {

/// The most of a ZIP member read to tell the type ([Content_Types].xml is a few KiB).
constexpr zip_int64_t sniffed_member_bytes = 64 * 1024;

bool has_magic(std::string_view bytes, std::string_view magic) {
    return bytes.substr(0, magic.size()) == magic;
}

/// The first bytes of the member `name` of the ZIP in `bytes`, or nullopt when it is not a ZIP
/// or has no such member.
std::optional<std::string> zip_member_head(std::string_view bytes, char const* name) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
    zip_error_fini(&error);
    if (archive == nullptr) {
        if (source != nullptr)
            zip_source_free(source);
        return std::nullopt;
    }
    std::unique_ptr<zip_t, decltype(&zip_discard)> const owner(archive, &zip_discard);
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen(archive, name, 0),
                                                            &zip_fclose);
    if (!file)
        return std::nullopt;
    std::string head(static_cast<std::size_t>(sniffed_member_bytes), '\0');
    zip_int64_t const got = zip_fread(file.get(), head.data(), sniffed_member_bytes);
    if (got < 0)
        return std::nullopt;
    head.resize(static_cast<std::size_t>(got));
    return head;
}

/// The Office Open XML kind named by [Content_Types].xml, or nullopt.
std::optional<material_type> office_type(std::string_view bytes) {
    auto const types = zip_member_head(bytes, "[Content_Types].xml");
    if (!types)
        return std::nullopt;
    struct office_kind {
        std::string_view content_type;
        std::string_view kind;
        std::string_view mime;
    };
    constexpr std::array<office_kind, 3> kinds{{
        {"wordprocessingml.document.main+xml", "docx",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"presentationml.presentation.main+xml", "pptx",
         "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
        {"spreadsheetml.sheet.main+xml", "xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    }};
    for (auto const& k : kinds)
        if (types->find(k.content_type) != std::string::npos)
            return material_type{std::string(k.kind), std::string(k.mime)};
    return std::nullopt;
}

/// The OpenDocument kind named by the "mimetype" member, or nullopt.
std::optional<material_type> open_document_type(std::string_view bytes) {
    auto const mime = zip_member_head(bytes, "mimetype");
    if (mime == std::optional<std::string>("application/vnd.oasis.opendocument.text"))
        return material_type{"odt", *mime};
    if (mime == std::optional<std::string>("application/vnd.oasis.opendocument.presentation"))
        return material_type{"odp", *mime};
    return std::nullopt;
}

} // namespace

std::optional<material_type> detect(std::string_view bytes) {
    if (has_magic(bytes, "%PDF-"))
        return material_type{"pdf", "application/pdf"};
    if (has_magic(bytes, "\x89PNG\r\n\x1a\n"))
        return material_type{"png", "image/png"};
    if (has_magic(bytes, "\xFF\xD8\xFF"))
        return material_type{"jpeg", "image/jpeg"};
    if (has_magic(bytes, "GIF87a") || has_magic(bytes, "GIF89a"))
        return material_type{"gif", "image/gif"};
    if (!has_magic(bytes, "PK\x03\x04"))
        return std::nullopt;
    if (auto office = office_type(bytes))
        return office;
    return open_document_type(bytes);
}

bool extension_matches(std::string_view kind, std::string_view file_name) {
    auto const dot = file_name.rfind('.');
    if (dot == std::string_view::npos)
        return false;
    std::string extension(file_name.substr(dot + 1));
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    });
    if (kind == "jpeg")
        return extension == "jpg" || extension == "jpeg";
    return extension == kind;
}

} // namespace phongthi::server::material_type_check
