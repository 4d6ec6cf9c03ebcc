#pragma once

#include "scoring/pdf_document.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace phongthi::scoring {

/// One question as printed: plain texts (the caller turns HTML into text), options in the
/// variant's order, which of them are right (same length as `options`) and its points.
struct printable_question {
    std::string stem;
    std::vector<std::string> options;
    std::vector<bool> correct;
    double points = 1;
};

/// One variant of a paper (mã đề), its questions in the variant's order.
struct paper_variant {
    std::string code; ///< e.g. "101"
    std::vector<printable_question> questions;
};

/// The header printed on every paper, answer sheet and key.
struct paper_header {
    std::vector<std::string> issuing_body; ///< top-left lines, the school last (bold)
    std::string exam_title;                ///< e.g. "KIỂM TRA CUỐI KHÓA"
    std::string course;                    ///< course and class, one line; may be empty
    int duration_minutes = 0;              ///< "Thời gian làm bài: 45 phút"; 0 leaves it out
};

/// The paper fallback for when the network fails. For each variant: the paper (header with the
/// exam title, duration and "Mã đề 101", lines for the name and candidate number, questions
/// "Câu 1." with options "A." "B." …), then its answer sheet (name, candidate number, mã đề and a
/// row of bubbles per question). Each variant starts on a new page; pages are numbered per
/// variant. Throws std::invalid_argument when a question's `correct` does not match its
/// options, std::runtime_error when a font is missing. Any thread.
std::string write_papers_pdf(paper_header const& header, std::vector<paper_variant> const& variants,
                             std::filesystem::path const& font_dir = default_font_dir());

/// The answer key of each variant on its own page(s): a table of câu → đáp án ("A", or "A, C"
/// when several are right) → điểm, and the total points. Throws std::invalid_argument as
/// write_papers_pdf, std::runtime_error when a font is missing. Any thread.
std::string write_answer_keys_pdf(paper_header const& header,
                                  std::vector<paper_variant> const& variants,
                                  std::filesystem::path const& font_dir = default_font_dir());

} // namespace phongthi::scoring
