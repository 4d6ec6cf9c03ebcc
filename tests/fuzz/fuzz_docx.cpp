// libFuzzer target for the .docx reader. Link with phongthi_bank, libzip and
// tests/unit/bank/docx_builder.cpp (which wraps the input in a valid package).
#include "question-bank/docx_bank.hpp"
#include "tests/unit/bank/docx_builder.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

// Every question the reader keeps must pass the model's validation.
void check(phongthi::bank::bank_import const& bank) {
    for (auto const& q : bank.questions) {
        for (auto const& p : phongthi::bank::validate(q, "question")) {
            if (p.level == phongthi::bank::severity::error)
                __builtin_trap();
        }
    }
}

} // namespace

// Each input is read twice: as the whole file (the zip layer), and as the word/document.xml of a
// valid package (the XML and paragraph layers, which random bytes would never reach).
extern "C" int LLVMFuzzerTestOneInput(uint8_t const* data, size_t size) {
    std::string_view const bytes(reinterpret_cast<char const*>(data), size);
    check(phongthi::bank::read_docx_bank(bytes, "fuzz.docx"));
    std::string const package = phongthi::bank::test::make_docx_with_document(std::string(bytes));
    check(phongthi::bank::read_docx_bank(package, "fuzz.docx"));
    return 0;
}
