// libFuzzer target: the native JSON bank reader, and write -> read of whatever it accepted.
#include "question-bank/json_bank.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const text(reinterpret_cast<char const*>(data), size);
    auto const first = phongthi::bank::read_json_bank(text, "fuzz.json");
    auto const written = phongthi::bank::write_json_bank(first.name, first.description, first.questions);
    auto const second = phongthi::bank::read_json_bank(written, "fuzz.json");
    // What was accepted once must read back whole.
    if (second.questions.size() != first.questions.size())
        std::abort();
    return 0;
}
