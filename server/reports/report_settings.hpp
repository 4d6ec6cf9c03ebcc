#pragma once

#include "scoring/certificate.hpp"
#include "server/accounts/user.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace phongthi::store {
class database;
}

/// The admin-editable settings of printed reports, kept in server_settings: "report_header" (who
/// issues the reports and signs them) and "certificate_template". Reads on any connection;
/// stores inside a writer job.
namespace phongthi::server::report_settings {

/// The parts of every report's header that are the school's, not the exam's.
struct header_settings {
    std::string organisation = "ĐẢNG BỘ TỈNH";    ///< top-left first line
    std::string school = "TRƯỜNG CHÍNH TRỊ TỈNH"; ///< top-left second line
    std::string place;                            ///< before the date: "Bắc Ninh, ngày …"
    std::string signer_title = "HIỆU TRƯỞNG";
    std::string signer_name;
    /// The address printed on login cards and in certificates' QR codes, e.g.
    /// "http://192.168.1.10:8080"; empty: the address the download was asked from.
    std::string server_url;
};

/// The issuing body as printed top-left: the organisation, then the school; blank lines left out.
std::vector<std::string> issuing_body(header_settings const& header);

/// A setting read from JSON, or the member that is wrong (with a message for a bad template).
template <class T> struct parsed {
    std::optional<T> value;
    std::string bad_field;
    std::string message; ///< Vietnamese, for a template whose placeholder is unknown
};

/// Reads an object of header members (absent ones keep their defaults); every member must be a
/// string of at most 300 bytes of UTF-8, stored in NFC. Any thread.
parsed<header_settings> parse_header(nlohmann::json const& body);
nlohmann::json to_json(header_settings const& header);

/// Reads a certificate template object (absent members keep the default template's); checked by
/// scoring::certificate_template_error, so an unknown placeholder is refused by name. Any thread.
parsed<scoring::certificate_template> parse_template(nlohmann::json const& body);
nlohmann::json to_json(scoring::certificate_template const& t);

/// The stored header, or the defaults.
header_settings read_header(store::database& db);
/// The stored certificate template, or scoring::default_certificate_template() with the report
/// header's issuing body, place and signer.
scoring::certificate_template read_template(store::database& db);

/// Stores the header, audited as settings.report_header. Inside a writer job.
void store_header(store::database& db, header_settings const& header, actor const& who,
                  std::int64_t now);
/// Stores the template, audited as settings.certificate_template. Inside a writer job.
void store_template(store::database& db, scoring::certificate_template const& t, actor const& who,
                    std::int64_t now);

} // namespace phongthi::server::report_settings
