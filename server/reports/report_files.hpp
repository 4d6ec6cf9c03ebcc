#pragma once

#include "server/reports/certificates.hpp"
#include "server/reports/printables.hpp"
#include "server/reports/report_data.hpp"

#include <optional>
#include <string>
#include <string_view>

/// The downloadable reports of an exam: which formats each offers, and the file each makes from
/// its data through the scoring writers. Shared by the API and `phongthi report`. Rendering is
/// pure CPU work (PDFs take tens to hundreds of milliseconds); any thread.
namespace phongthi::server::report_files {

enum class report_kind { class_scores, units, items, certificates, cards, papers, keys };

/// "class", "units", "items", "certificates", "cards", "papers", "keys"; nullopt otherwise.
std::optional<report_kind> parse_kind(std::string_view name);

/// Whether `kind` is offered in `format` (xlsx, csv, pdf, zip).
bool offers(report_kind kind, std::string_view format);
/// The format used when none is asked for.
std::string_view default_format(report_kind kind);
/// The formats of `kind`, "xlsx|csv|pdf", for messages.
std::string formats_of(report_kind kind);

/// A finished download.
struct report_file {
    std::string bytes;
    std::string content_type;
    std::string name;      ///< UTF-8, without extension: "Bảng điểm - Kiểm tra cuối khoá"
    std::string extension; ///< ".xlsx"

    /// The Content-Disposition header value: ASCII filename and RFC 5987 filename*.
    std::string disposition() const;
};

/// The format must be one `offers()`; the writers throw std::runtime_error when a font is
/// missing or a library fails.
report_file class_file(scoring::class_report const& report, std::string_view format);
report_file units_file(report_data::notices const& notices, std::string_view format);
report_file items_file(scoring::item_report const& report, std::string_view format);
report_file certificates_file(certificates::print_job const& job);
report_file cards_file(printables::cards const& cards, std::string_view server_url);
report_file papers_file(printables::papers const& papers, bool keys);

} // namespace phongthi::server::report_files
