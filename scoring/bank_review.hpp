#pragma once

#include "question-bank/question.hpp"
#include "scoring/pdf_document.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::scoring {

/// What a lecturer reviews on paper: a bank's name, the date printed on it and its questions in
/// order.
struct bank_review {
    std::string bank_name;
    std::string date; ///< as printed, e.g. "2026-11-26"
    std::vector<bank::question> questions;
};

/// The review as one self-contained HTML file (print CSS for A4, pictures as data: URIs): a title
/// block with the question count and a table of counts per topic and level, then every question
/// numbered with its topic, level and points, the stem, options A, B, C… with the correct ones
/// marked ✓ (and their weight when several are right), the explanation, and a note when the
/// options must not be shuffled. Plain texts are escaped, HTML texts sanitized. Any thread.
std::string write_bank_review_html(bank_review const& review);

/// The same review as an A4 PDF with DejaVu Sans embedded and "Trang n/N" on every page; HTML
/// texts are set as plain text and pictures named. Throws std::runtime_error when a font file
/// is missing from `font_dir`. Any thread.
std::string write_bank_review_pdf(bank_review const& review,
                                  std::filesystem::path const& font_dir = default_font_dir());

} // namespace phongthi::scoring
