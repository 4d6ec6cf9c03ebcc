#include "tests/unit/bank/bank_test_support.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

namespace phongthi::bank::test_support {

std::vector<std::string> problem_codes(bank_import const& bank) {
    std::vector<std::string> found;
    for (auto const& p : bank.problems)
        found.push_back(p.code);
    return found;
}

std::vector<problem> problems_with_code(bank_import const& bank, std::string_view code) {
    std::vector<problem> found;
    std::copy_if(bank.problems.begin(), bank.problems.end(), std::back_inserter(found),
                 [&](problem const& p) { return p.code == code; });
    return found;
}

std::string read_bytes(std::string const& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

} // namespace phongthi::bank::test_support
