// libFuzzer target: the XLSX bank reader (zip, then XML), and write -> read of what it accepted.
#include "question-bank/xlsx_bank.hpp"

#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const bytes(reinterpret_cast<char const*>(data), size);
    auto const first = phongthi::bank::read_xlsx_bank(bytes, "fuzz.xlsx");
    if (first.questions.empty())
        return 0;
    try {
        auto const second = phongthi::bank::read_xlsx_bank(
            phongthi::bank::write_xlsx_bank(first.questions), "fuzz.xlsx");
        if (second.questions.size() != first.questions.size())
            std::abort();
    } catch (std::runtime_error const&) {
        // Documented: a text longer than an Excel cell holds cannot be written.
    }
    return 0;
}
