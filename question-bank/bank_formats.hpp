#pragma once

#include "question-bank/bank_import.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::bank {

/// Every file format a bank can come in or go out as.
enum class bank_format { json, gift, aiken, moodle_xml, csv, xlsx, docx };

/// "json", "gift", "aiken", "xml", "csv", "xlsx", "docx".
std::string_view format_key(bank_format format);
std::optional<bank_format> parse_format(std::string_view key);
/// The format of a file, from its extension and, failing that, its first bytes.
std::optional<bank_format> detect_format(std::string_view file_name, std::string_view bytes);
/// The file extension written for a format (".gift.txt" for GIFT, as Moodle exports).
std::string_view format_extension(bank_format format);
/// The MIME type of a format's files.
std::string_view format_mime_type(bank_format format);

/// Reads a bank file in `format` (detected when absent), refusing files over
/// import_limits::file_bytes, and reports duplicate questions as warnings.
bank_import read_bank(std::string_view bytes, std::string_view file_name,
                      std::optional<bank_format> format);

/// The bytes of `questions` in `format`. `skipped` lists what a format could not hold: questions
/// left out (e.g. multiple answers in Aiken) or parts of them dropped (feedback in Aiken). Docx is import only:
/// asking for it throws std::invalid_argument.
struct bank_export {
    std::string bytes;
    std::vector<problem> skipped;
};
bank_export write_bank(std::vector<question> const& questions, bank_format format,
                       std::string_view name);

} // namespace phongthi::bank
