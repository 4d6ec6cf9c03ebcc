// libFuzzer target: the Moodle XML reader, and write -> read of whatever it accepted.
#include "question-bank/moodle_xml.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const text(reinterpret_cast<char const*>(data), size);
    auto const first = phongthi::bank::read_moodle_xml(text, "fuzz.xml");
    auto const written = phongthi::bank::write_moodle_xml(first.questions);
    auto const second = phongthi::bank::read_moodle_xml(written, "fuzz.xml");
    // What was accepted once must read back whole.
    if (second.questions.size() != first.questions.size())
        std::abort();
    return 0;
}
