#pragma once

#include "question-bank/bank_import.hpp"
#include "server/accounts/user.hpp"

#include <cstdint>
#include <string_view>

namespace phongthi::store {
class database;
}

namespace phongthi::server {

/// A file's questions may be stored: always when it has no error; with errors only when the
/// importer asked for a partial import (the good questions), and never when none is good.
bool may_import(bank::bank_import const& report, bool partial);

/// The write of an import (run inside a writer job): adds the questions to the bank called
/// `bank_name`, creating it if needed, and writes one audit row. Into an existing bank, the
/// questions it already holds are added to `report` as warnings. Returns the bank id.
std::int64_t store_import(store::database& db, std::string_view bank_name,
                          std::string_view file_name, bank::bank_import& report, actor const& who,
                          std::int64_t now);

} // namespace phongthi::server
