#pragma once

#include "question-bank/bank_import.hpp"

#include <string_view>

namespace phongthi::bank {

/// Reads a Word .docx written in the common Vietnamese convention: questions numbered
/// "Câu 1:" (or "Câu 1 (0,5 điểm):", "Question 1."), options on their own paragraphs "A." .. "J."
/// (or "A)", "a.", several on one paragraph separated by tabs), the right option marked by a
/// leading "*", by underline, bold or red applied to its letter or text, or by a line
/// "Đáp án: B"; optional lines "Chuyên đề:", "Mức độ:", "Giải thích:". Word's automatic numbering
/// (word/numbering.xml, also through paragraph styles) is rendered before each numbered
/// paragraph ("Câu 3:", "B.") as Word shows it, so the same rules apply; numbering that cannot be
/// read is ignored with one warning. Images become media with
/// an HTML text. `bytes` is the whole file; `file_name` only names it in problems, whose `line` is
/// the 1-based paragraph number. Never throws on bad input: a file that is not a usable .docx
/// (not a zip, zip bomb, broken XML, not UTF-8) gives one error. Pure; any thread.
bank_import read_docx_bank(std::string_view bytes, std::string_view file_name);

} // namespace phongthi::bank
