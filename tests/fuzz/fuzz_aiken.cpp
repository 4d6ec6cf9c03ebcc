// libFuzzer target: the Aiken reader, and write -> read of whatever it accepted.
#include "question-bank/aiken.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const text(reinterpret_cast<char const*>(data), size);
    auto const first = phongthi::bank::read_aiken(text, "fuzz.txt");
    auto const written = phongthi::bank::write_aiken(first.questions);
    auto const second = phongthi::bank::read_aiken(written.bytes, "fuzz.txt");
    // Every question Aiken gave is one Aiken can hold: it must be written and read back whole.
    if (!written.skipped.empty() || second.questions.size() != first.questions.size())
        std::abort();
    return 0;
}
