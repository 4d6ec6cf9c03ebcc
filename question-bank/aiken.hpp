#pragma once

#include "question-bank/bank_formats.hpp"
#include "question-bank/bank_import.hpp"

#include <string_view>
#include <vector>

namespace phongthi::bank {

/// Reads an Aiken file as Moodle does (UTF-8; LF, CRLF or CR lines; no final newline needed):
/// a one-line stem, choices "A. text" or "A) text" (the space is optional), then "ANSWER: X".
/// Each question is single-answer: the named choice weighs 100, the others 0. What Moodle
/// silently drops (a choice or ANSWER with no question open, a question never finished, a
/// second stem line, "Answer:" in lower case, a lower-case or missing letter) becomes an error
/// that names the line. Any thread.
bank_import read_aiken(std::string_view text, std::string_view file_name);

/// Writes the questions Aiken can hold: single answer (one option at 100, the others 0), plain
/// text, a stem that cannot be read as a choice or answer line. Line breaks in texts become
/// spaces. Every other question is left out and listed in `skipped` as a warning; a question
/// whose feedback or explanation is lost is written and listed too. Any thread.
bank_export write_aiken(std::vector<question> const& questions);

} // namespace phongthi::bank
