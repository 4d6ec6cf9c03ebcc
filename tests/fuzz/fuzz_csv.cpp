// libFuzzer target: the CSV bank reader, and write -> read of whatever it accepted.
#include "question-bank/csv_bank.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const text(reinterpret_cast<char const*>(data), size);
    auto const first = phongthi::bank::read_csv_bank(text, "fuzz.csv");
    auto const second =
        phongthi::bank::read_csv_bank(phongthi::bank::write_csv_bank(first.questions), "fuzz.csv");
    // What was accepted once must read back whole, with the same stems.
    if (second.questions.size() != first.questions.size())
        std::abort();
    for (std::size_t i = 0; i < first.questions.size(); ++i) {
        if (second.questions[i].stem != first.questions[i].stem)
            std::abort();
    }
    return 0;
}
