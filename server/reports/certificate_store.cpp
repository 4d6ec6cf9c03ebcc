#include "server/reports/certificate_store.hpp"

#include "server/accounts/account_store.hpp"
#include "server/store/database.hpp"

#include <openssl/rand.h>

#include <array>
#include <cctype>
#include <chrono>
#include <stdexcept>

namespace phongthi::server::certificate_store {

namespace {

constexpr std::string_view columns =
    "SELECT id, exam_id, user_id, serial, code, issued_at, data, revoked FROM certificates ";

certificate_record read_row(store::statement const& row) {
    return {row.column_int64(0),
            row.column_int64(1),
            row.column_int64(2),
            row.column_text(3),
            row.column_text(4),
            row.column_int64(5),
            nlohmann::json::parse(row.column_text(6)),
            row.column_int64(7) != 0};
}

std::optional<certificate_record> find_of(store::database& db, std::int64_t exam_id,
                                          std::int64_t user_id) {
    auto query = db.prepare(std::string(columns) + "WHERE exam_id = ?1 AND user_id = ?2");
    query.bind_all(exam_id, user_id);
    return query.step() ? std::optional(read_row(query)) : std::nullopt;
}

/// "0001/2026": the number with at least four digits, then the year.
std::string serial_text(std::int64_t number, int year) {
    auto digits = std::to_string(number);
    if (digits.size() < 4)
        digits.insert(0, 4 - digits.size(), '0');
    return digits + "/" + std::to_string(year);
}

/// A code no certificate has yet (a collision of 50 random bits is unlikely, but checked).
std::string unused_code(store::database& db) {
    auto taken = db.prepare("SELECT 1 FROM certificates WHERE code = ?1");
    for (;;) {
        auto code = new_code();
        taken.reset();
        taken.bind(1, code);
        if (!taken.step())
            return code;
    }
}

nlohmann::json audit_detail(certificate_record const& c) {
    return {{"exam", c.exam_id}, {"user", c.user_id}, {"serial", c.serial}};
}

} // namespace

std::string new_code() {
    std::array<unsigned char, code_length> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
        throw std::runtime_error("the random number generator failed");
    std::string code;
    for (auto const b : bytes) // 32 letters: the low 5 bits of each byte are uniform
        code += code_alphabet[b % code_alphabet.size()];
    return code;
}

std::string normalize_code(std::string_view typed) {
    std::string code;
    for (char const raw : typed) {
        if (raw == ' ' || raw == '-')
            continue;
        char c = static_cast<char>(std::toupper(static_cast<unsigned char>(raw)));
        if (c == 'O')
            c = '0';
        else if (c == 'I' || c == 'L')
            c = '1';
        if (code_alphabet.find(c) == std::string_view::npos || code.size() == code_length)
            return "";
        code += c;
    }
    return code.size() == code_length ? code : "";
}

int year_in_vietnam(std::int64_t ms) {
    using namespace std::chrono;
    auto const local = sys_days{} + duration_cast<days>(milliseconds(ms) + hours(7));
    return static_cast<int>(year_month_day{floor<days>(local)}.year());
}

std::optional<certificate_record> issue(store::database& db, std::int64_t exam_id,
                                        std::int64_t user_id, nlohmann::json const& data,
                                        actor const& who, std::int64_t now) {
    if (auto existing = find_of(db, exam_id, user_id)) {
        if (existing->revoked)
            return std::nullopt;
        if (existing->data != data) {
            db.prepare("UPDATE certificates SET data = ?1 WHERE id = ?2")
                .bind_all(data.dump(), existing->id)
                .run();
            auto detail = audit_detail(*existing);
            detail["before"] = existing->data;
            detail["after"] = data;
            account_store::append_audit(db, who, "certificate.update", existing->code,
                                        detail.dump(), now);
            existing->data = data;
        }
        return existing;
    }
    int const year = year_in_vietnam(now);
    auto next = db.prepare("SELECT COALESCE(MAX(number), 0) + 1 FROM certificates WHERE year = ?1");
    next.bind(1, year);
    next.step();
    auto const number = next.column_int64(0);
    certificate_record made{0,   exam_id, user_id, serial_text(number, year), unused_code(db),
                            now, data,    false};
    auto insert = db.prepare(
        "INSERT INTO certificates (exam_id, user_id, year, number, serial, code, issued_at, "
        "issued_by, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    insert.bind_all(exam_id, user_id, year, number, made.serial, made.code, now);
    if (who.user_id)
        insert.bind(8, *who.user_id);
    insert.bind(9, data.dump()).run();
    made.id = db.last_insert_rowid();
    account_store::append_audit(db, who, "certificate.issue", made.code, audit_detail(made).dump(),
                                now);
    return made;
}

std::optional<certificate_record> find_by_code(store::database& db, std::string_view code) {
    auto query = db.prepare(std::string(columns) + "WHERE code = ?1");
    query.bind(1, code);
    return query.step() ? std::optional(read_row(query)) : std::nullopt;
}

bool revoke(store::database& db, std::string_view code, std::string_view reason, actor const& who,
            std::int64_t now) {
    auto const found = find_by_code(db, code);
    if (!found || found->revoked)
        return false;
    db.prepare("UPDATE certificates SET revoked = 1, revoked_at = ?1 WHERE id = ?2")
        .bind_all(now, found->id)
        .run();
    auto detail = audit_detail(*found);
    detail["reason"] = reason;
    account_store::append_audit(db, who, "certificate.revoke", found->code, detail.dump(), now);
    return true;
}

} // namespace phongthi::server::certificate_store
