// libFuzzer target: the GIFT reader, and write -> read of whatever it accepted, which must come
// back with the same content and without errors.
#include "question-bank/gift.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

bool same_content(phongthi::bank::question const& a, phongthi::bank::question const& b) {
    if (a.stem != b.stem || a.topic != b.topic || a.level != b.level ||
        a.external_id != b.external_id || a.tags != b.tags || a.explanation != b.explanation ||
        a.format != b.format || a.options.size() != b.options.size())
        return false;
    for (std::size_t i = 0; i < a.options.size(); ++i) {
        if (a.options[i].text != b.options[i].text || a.options[i].weight != b.options[i].weight ||
            a.options[i].feedback != b.options[i].feedback)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const text(reinterpret_cast<char const*>(data), size);
    auto const first = phongthi::bank::read_gift(text, "fuzz.gift");
    auto const second =
        phongthi::bank::read_gift(phongthi::bank::write_gift(first.questions), "fuzz.gift");
    if (second.has_errors() || second.questions.size() != first.questions.size())
        std::abort();
    for (std::size_t i = 0; i < first.questions.size(); ++i) {
        if (!same_content(first.questions[i], second.questions[i]))
            std::abort();
    }
    return 0;
}
