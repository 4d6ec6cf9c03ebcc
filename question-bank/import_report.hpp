#pragma once

#include "question-bank/bank_import.hpp"

#include <nlohmann/json.hpp>

namespace phongthi::bank {

/// The UI languages of messages.
enum class message_language { vi, en };

/// Adds a warning for every question whose normalized stem and options repeat an earlier one
/// (case-insensitive, NFC, whitespace collapsed; option order ignored).
void report_duplicates(bank_import& result);

/// Adds a warning for every question of `result` whose normalized stem and options equal those
/// of a question already in the bank it goes into (`existing`); the key is report_duplicates()'s.
void report_existing_duplicates(bank_import& result, std::vector<question> const& existing);

/// The validation report of `bank validate --json` and of the upload API:
/// {"questions":[{"stem","options":[{"text","weight"}],"topic","level","multiple","line"}],
///  "errors":[{"file","line","question","field","code","message"}], "warnings":[...same]}.
nlohmann::json import_report(bank_import const& result, message_language lang);

} // namespace phongthi::bank
