#pragma once

#include "question-bank/bank_import.hpp"
#include "server/banks/bank_store.hpp"

#include <nlohmann/json.hpp>

/// One stored question as the API and the CLI show it and take it back: the native JSON of a
/// question, with "code" for the file's own id and "id" for the stored one.
namespace phongthi::server::question_json {

/// The question with its id, bank, revision, retired and multiple flags.
nlohmann::json to_json(bank_store::stored_question const& q);

/// A question from such JSON (a numeric "id" echoed back is ignored); `source` names where it
/// came from in the report. The report holds the question, or the problems.
bank::bank_import read(nlohmann::json body, std::string_view source);

} // namespace phongthi::server::question_json
