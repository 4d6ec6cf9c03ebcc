#pragma once

#include "server/http/message.hpp"

namespace phongthi::store {
class data_store;
}

/// The public check of a certificate's verification code, for whoever scans its QR code:
/// GET /verify/CODE (a small HTML page in Vietnamese, no script) and GET /api/verify/CODE
/// (JSON). Unknown, malformed and revoked codes get the same 404, so a reply tells nothing
/// about codes that do not verify.
namespace phongthi::server::verify_page {

/// Whether `path` is a /verify/CODE page.
bool is_verify_path(std::string_view path);

/// The page for GET /verify/CODE. Reads the database on the caller's thread (any thread).
http_response html(store::data_store& data, std::string_view path);

/// The reply of GET /api/verify/{code}: 200 {"valid":true,"certificate":{…}} or 404
/// {"valid":false,"error":{…}}. Any thread.
http_response json_reply(store::data_store& data, std::string_view code, language lang);

} // namespace phongthi::server::verify_page
