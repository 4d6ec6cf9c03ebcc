#pragma once

#include "question-bank/question.hpp"

#include <string>
#include <vector>

namespace phongthi::bank {

/// A bank read from a file: its questions and every problem found, each with its place.
/// Questions with errors are left out of `questions`; the rest are usable (a --partial import
/// takes them; a default import takes nothing when has_errors()).
struct bank_import {
    std::string name;
    std::string description;
    std::vector<question> questions;
    std::vector<problem> problems;

    bool has_errors() const;
};

/// The limits every importer enforces, so a huge or hostile file is refused with bounded memory.
namespace import_limits {
constexpr std::size_t file_bytes = 64 * 1024 * 1024;      ///< the file as uploaded
constexpr std::size_t unpacked_bytes = 256 * 1024 * 1024; ///< all zip members together (docx, xlsx)
constexpr std::size_t member_bytes = 128 * 1024 * 1024;   ///< one zip member
constexpr std::size_t text_bytes = 64 * 1024;             ///< one stem, option or cell
constexpr std::size_t questions = 100'000;
constexpr std::size_t media_bytes = 16 * 1024 * 1024;    ///< one image
constexpr std::size_t xml_part_bytes = 64 * 1024 * 1024; ///< one xlsx sheet or shared strings
/// Elements and attributes ('<' and '=') one XML part may hold: pugixml spends ~64 bytes on each.
constexpr std::size_t xml_markup = 4'000'000;
constexpr std::size_t sheet_rows = 200'000;    ///< rows of one xlsx sheet
constexpr std::size_t sheet_cells = 2'000'000; ///< cells of one xlsx sheet
} // namespace import_limits

/// Runs validate() and normalize() on `q`; appends its problems (tagged with file, line and
/// question number) to `into` and moves the question into `into.questions` when it has no error.
void accept_question(bank_import& into, question q, int question_number, std::string_view field);

/// Adds one problem about the file or a question.
void add_problem(bank_import& into, problem p);

} // namespace phongthi::bank
