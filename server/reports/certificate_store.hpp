#pragma once

#include "server/accounts/user.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace phongthi::store {
class database;
}

/// SQL for certificates (giấy chứng nhận): one per learner and exam, with a serial counted per
/// year ("0001/2026") and a random verification code, and the data as printed. Writes inside a
/// writer job; reads on any connection of the caller's thread.
namespace phongthi::server::certificate_store {

/// Characters of a verification code: Crockford's base32 (no I, L, O, U), so a code read off
/// paper cannot be mistaken.
inline constexpr std::string_view code_alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a verification code: 50 random bits.
inline constexpr std::size_t code_length = 10;

struct certificate_record {
    std::int64_t id = 0;
    std::int64_t exam_id = 0;
    std::int64_t user_id = 0;
    std::string serial; ///< "0001/2026"
    std::string code;   ///< 10 characters of code_alphabet
    std::int64_t issued_at = 0;
    nlohmann::json data; ///< what is printed (certificate_data as JSON)
    bool revoked = false;
};

/// A new random verification code from the OpenSSL CSPRNG. Throws std::runtime_error if the RNG
/// fails. Any thread.
std::string new_code();

/// A code as a person may type it, made canonical: spaces and '-' dropped, upper case, O read as
/// 0 and I, L as 1. "" when the result is not code_length characters of code_alphabet. Any
/// thread.
std::string normalize_code(std::string_view typed);

/// The calendar year of `ms` in Vietnam (UTC+7), which numbers serials. Any thread.
int year_in_vietnam(std::int64_t ms);

/// The learner's certificate for the exam: the existing one (its serial and code kept; `data`
/// stored when it changed, audited as certificate.update), or a new one with the next serial of
/// the year and a fresh code (audited as certificate.issue). nullopt when the learner's
/// certificate was revoked: it is never printed again. Inside a writer job.
std::optional<certificate_record> issue(store::database& db, std::int64_t exam_id,
                                        std::int64_t user_id, nlohmann::json const& data,
                                        actor const& who, std::int64_t now);

/// The certificate with this (canonical) code, revoked or not.
std::optional<certificate_record> find_by_code(store::database& db, std::string_view code);

/// Marks a certificate revoked, audited as certificate.revoke with the reason; false when there
/// is no such code or it was revoked already. Inside a writer job.
bool revoke(store::database& db, std::string_view code, std::string_view reason, actor const& who,
            std::int64_t now);

} // namespace phongthi::server::certificate_store
