#pragma once

#include "question-bank/bank_import.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace phongthi::bank {

/// Reads the native JSON bank format (docs/BANK-FORMAT.md). Never throws on bad input:
/// syntax errors and invalid fields become problems that name the line (a question's problems
/// the line where its object starts) and the field.
bank_import read_json_bank(std::string_view text, std::string_view file_name);

/// One question in the native JSON shape (the API's question object).
nlohmann::json question_to_json(question const& q);
/// Reads and validates one question object (API create/edit); problems name the field.
bank_import read_json_question(nlohmann::json const& item, std::string_view source);

/// Writes questions in the native JSON format; read_json_bank() reads it back unchanged.
std::string write_json_bank(std::string_view name, std::string_view description,
                            std::vector<question> const& questions);

} // namespace phongthi::bank
