#pragma once

#include <cstddef>
#include <string_view>

namespace phongthi::server {

class router;
struct services;

/// Course materials (docs/COURSE.md). Lecturers and administrators:
/// GET /api/courses/{id}/materials, POST /api/courses/{id}/materials?title=&description=&name=
/// (the file is the body; size and type checked), DELETE /api/materials/{id}. Everyone allowed:
/// GET /api/materials/{id}/file (candidates only for their own courses and never during an
/// exam). Candidates: GET /api/my/materials.
void add_material_routes(router& routes, services& shared);

/// Whether a request is a material upload, whose body may be larger than other requests' (the
/// network layer asks once the header is read). Any thread.
bool is_material_upload(std::string_view method, std::string_view target);

/// The body limit of a material upload: the largest file plus room for the server to answer a
/// slightly larger one with "material_too_large" rather than dropping the connection.
std::size_t material_body_limit(std::size_t max_file_bytes);

} // namespace phongthi::server
