#pragma once

#include "scoring/pdf_document.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::scoring {

/// What one learner needs to sign in on the day.
struct login_card {
    std::string full_name;
    std::string unit;
    std::string class_name;
    std::string username;
    std::string initial_password; ///< may be empty: a blank box is printed to write it in
    std::string seat;             ///< may be empty
    std::string candidate_code;   ///< in the QR code and the Code 128 bars (printable ASCII)
};

/// Login cards, 8 per A4 portrait page (2 columns × 4 rows) with dashed cut lines: each with
/// `title`, the learner's name, unit and class, account, password (or a blank box), seat, the
/// server address `server_url`, and the candidate code as a QR code and as Code 128 bars for
/// the check-in scanners. Throws std::invalid_argument when a candidate code is empty or not
/// printable ASCII, std::runtime_error when a font is missing from `font_dir`. Any thread.
std::string write_login_cards_pdf(std::string_view title, std::string_view server_url,
                                  std::vector<login_card> const& cards,
                                  std::filesystem::path const& font_dir = default_font_dir());

} // namespace phongthi::scoring
