#pragma once

#include "scoring/certificate.hpp"
#include "server/accounts/user.hpp"
#include "server/reports/certificate_store.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::store {
class database;
}

/// Certificates of an exam: who gets one (the learners whose result passed), what is printed on
/// it, and what /verify shows of it.
namespace phongthi::server::certificates {

/// The certificates to print for an exam, with the template filled from the report header
/// where the admin left it blank (issuing body, place, signer's name).
struct print_job {
    std::string exam_title;
    scoring::certificate_template layout;
    std::vector<scoring::certificate_data> pages;
};

/// Issues (idempotently) the certificate of every learner of the exam who passed and returns
/// them to print, in list order; `verify_base` is the server's address, e.g.
/// "http://192.168.1.10:8080", which the QR codes point under (…/verify/CODE). Revoked
/// certificates are left out. nullopt: no such exam. Inside a writer job.
std::optional<print_job> issue_for_exam(store::database& db, std::int64_t exam_id,
                                        std::string_view verify_base, actor const& who,
                                        std::int64_t now);

/// What /api/verify/CODE answers for a valid certificate: serial, code, issued_on and the
/// printed data (holder, unit, course, class, exam, score, classification). Any thread.
nlohmann::json verification_json(certificate_store::certificate_record const& c);

} // namespace phongthi::server::certificates
