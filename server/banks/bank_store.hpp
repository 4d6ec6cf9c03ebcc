#pragma once

#include "question-bank/question.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace phongthi::store {
class database;
}

/// SQL for question banks. Run inside a writer job (writes) or on a read connection (reads).
namespace phongthi::server::bank_store {

/// Inserts a bank and its questions, each as revision 1; returns the bank id.
std::int64_t insert_bank(store::database& db, std::string_view name, std::string_view description,
                         std::optional<std::int64_t> owner_id,
                         std::vector<bank::question> const& questions, std::int64_t now);

/// Number of live (not deleted) questions in a bank.
std::int64_t count_questions(store::database& db, std::int64_t bank_id);

} // namespace phongthi::server::bank_store
