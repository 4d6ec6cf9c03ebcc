#pragma once

#include "question-bank/bank_import.hpp"

#include <string>
#include <string_view>
#include <vector>

/// Helpers the bank reader tests share.
namespace phongthi::bank::test_support {

/// The codes of the problems an import reported, in order.
std::vector<std::string> problem_codes(bank_import const& bank);

/// The problems an import reported with `code`.
std::vector<problem> problems_with_code(bank_import const& bank, std::string_view code);

/// The whole content of a file, or "" when it cannot be read.
std::string read_bytes(std::string const& path);

} // namespace phongthi::bank::test_support
