#include "server/reports/certificates.hpp"

#include "server/reports/report_data.hpp"
#include "server/reports/report_format.hpp"
#include "server/reports/report_settings.hpp"
#include "server/results/exam_results.hpp"
#include "server/store/database.hpp"

namespace phongthi::server::certificates {

namespace {

using nlohmann::json;

/// What is printed about the holder and the result: stored with the certificate.
json printed_data(json const& row, report_data::exam_context const& context) {
    auto const unit = row["unit"].get<std::string>();
    return {{"full_name", row["full_name"]},
            {"birth_date", row["birth_date"]},
            {"unit", unit.empty() ? row["unit_code"].get<std::string>() : unit},
            {"course", context.course_name},
            {"class_name", context.class_name},
            {"exam_title", context.exam.title},
            {"score", report_format::score_text(row["score"].get<double>())},
            {"scale", context.settings.scale},
            {"classification", row["classification"]["vi"]}};
}

scoring::certificate_data page_of(certificate_store::certificate_record const& c,
                                  std::string_view verify_base) {
    auto const text = [&](char const* key) { return c.data.value(key, ""); };
    return {c.serial,
            c.code,
            std::string(verify_base) + "/verify/" + c.code,
            text("full_name"),
            text("birth_date"),
            text("unit"),
            text("course"),
            text("class_name"),
            text("score"),
            text("classification"),
            report_format::iso_day_in_vietnam(c.issued_at)};
}

/// The admin's template, with the blanks the report header can fill.
scoring::certificate_template layout_of(store::database& db) {
    auto layout = report_settings::read_template(db);
    auto const header = report_settings::read_header(db);
    if (layout.issuing_body.empty())
        layout.issuing_body = report_settings::issuing_body(header);
    if (layout.place.empty())
        layout.place = header.place;
    if (layout.signer_name.empty())
        layout.signer_name = header.signer_name;
    return layout;
}

} // namespace

std::optional<print_job> issue_for_exam(store::database& db, std::int64_t exam_id,
                                        std::string_view verify_base, actor const& who,
                                        std::int64_t now) {
    auto const loaded = report_data::load(db, exam_id, exam_results::results);
    if (!loaded)
        return std::nullopt;
    print_job job{loaded->context.exam.title, layout_of(db), {}};
    for (auto const& row : loaded->data["rows"]) {
        auto const& c = row["classification"];
        if (!c.is_object() || c["passed"] != true)
            continue;
        auto const issued = certificate_store::issue(db, exam_id, row["user"].get<std::int64_t>(),
                                                     printed_data(row, loaded->context), who, now);
        if (issued)
            job.pages.push_back(page_of(*issued, verify_base));
    }
    return job;
}

json verification_json(certificate_store::certificate_record const& c) {
    json out = c.data;
    out["serial"] = c.serial;
    out["code"] = c.code;
    out["issued_on"] = report_format::iso_day_in_vietnam(c.issued_at);
    return out;
}

} // namespace phongthi::server::certificates
