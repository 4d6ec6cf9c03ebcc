#pragma once

#include <optional>
#include <string>
#include <string_view>

/// What kind of document an uploaded course material is, decided by its bytes and checked against
/// its file name's extension: PDF (%PDF-), Word/PowerPoint/Excel (a ZIP whose
/// [Content_Types].xml names the main part), OpenDocument text and slides (a ZIP whose "mimetype"
/// entry says so), and PNG, JPEG and GIF pictures. Pure; any thread.
namespace phongthi::server::material_type_check {

/// A recognised document type.
struct material_type {
    std::string kind;      ///< pdf, docx, pptx, xlsx, odt, odp, png, jpeg, gif
    std::string mime_type; ///< what the download is served as
};

/// The type of `bytes`, or nullopt when they are none of the accepted kinds.
std::optional<material_type> detect(std::string_view bytes);

/// Whether `file_name` ends with an extension of `kind` (".jpg" and ".jpeg" for jpeg; any case).
bool extension_matches(std::string_view kind, std::string_view file_name);

} // namespace phongthi::server::material_type_check
