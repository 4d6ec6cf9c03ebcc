#include "scoring/pdf_fonts.hpp"

#include <hpdf_doc.h>
#include <hpdf_fontdef.h>

#include <algorithm>
#include <stdexcept>

namespace phongthi::scoring {

namespace {

// The length of the UTF-8 sequence that starts with `lead` (1 for a stray byte).
std::size_t utf8_sequence_length(unsigned char lead) {
    if (lead >= 0xF0)
        return 4;
    if (lead >= 0xE0)
        return 3;
    return lead >= 0xC0 ? 2 : 1;
}

// One source line (no '\n') broken between words, appended to `lines`.
void wrap_one(std::string_view text, float first_width, float width,
              std::function<float(std::string const&)> const& width_of,
              std::vector<std::string>& lines) {
    std::string current;
    auto const fits = [&](std::string const& candidate) {
        return width_of(candidate) <= (lines.empty() ? first_width : width);
    };
    auto const flush = [&] {
        lines.push_back(current);
        current.clear();
    };
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t const end = std::min(text.find(' ', start), text.size());
        std::string const word(text.substr(start, end - start));
        start = end + 1;
        if (fits(current.empty() ? word : current + " " + word)) {
            current += (current.empty() ? "" : " ") + word;
            continue;
        }
        if (!current.empty())
            flush();
        for (std::size_t i = 0; i < word.size();) {
            std::size_t const length = std::min(
                utf8_sequence_length(static_cast<unsigned char>(word[i])), word.size() - i);
            if (!current.empty() && !fits(current + word.substr(i, length)))
                flush();
            current += word.substr(i, length);
            i += length;
        }
    }
    flush();
}

} // namespace

hpdf_document::hpdf_document() : doc_(HPDF_New(record_error, this)) {
    if (!doc_)
        throw std::runtime_error("cannot start a PDF document (out of memory)");
    HPDF_SetCompressionMode(doc_, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(doc_);
    HPDF_SetCurrentEncoder(doc_, "UTF-8");
}

hpdf_document::~hpdf_document() {
    HPDF_Free(doc_);
}

void hpdf_document::record_error(HPDF_STATUS code, HPDF_STATUS detail, void* user_data) {
    auto* const document = static_cast<hpdf_document*>(user_data);
    if (document->error_ == HPDF_OK) {
        document->error_ = code;
        document->error_detail_ = detail;
    }
}

std::string hpdf_document::save() {
    HPDF_SaveToStream(doc_);
    std::string bytes(HPDF_GetStreamSize(doc_), '\0');
    auto size = static_cast<HPDF_UINT32>(bytes.size());
    HPDF_ReadFromStream(doc_, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
    bytes.resize(size);
    if (error_ != HPDF_OK)
        throw std::runtime_error("the PDF could not be written (libharu error " +
                                 std::to_string(error_) + ", detail " +
                                 std::to_string(error_detail_) + ")");
    return bytes;
}

HPDF_Font load_embedded_font(HPDF_Doc doc, std::filesystem::path const& file) {
    if (!std::filesystem::is_regular_file(file))
        throw std::runtime_error("font file " + file.string() +
                                 " is missing (install fonts-dejavu-core, or configure "
                                 "PHONGTHI_FONT_DIR)");
    char const* name = HPDF_LoadTTFontFromFile(doc, file.c_str(), HPDF_TRUE);
    HPDF_Font const font = name ? HPDF_GetFont(doc, name, "UTF-8") : nullptr;
    if (!font)
        throw std::runtime_error("cannot load the font " + file.string());
    auto* const tt = static_cast<HPDF_TTFontDefAttr>(HPDF_GetFontDef(doc, name)->attr);
    std::fill(tt->glyph_tbl.flgs, tt->glyph_tbl.flgs + tt->num_glyphs, HPDF_BYTE{1});
    return font;
}

std::vector<std::string> wrap_lines(std::string_view text, float first_width, float width,
                                    std::function<float(std::string const&)> const& width_of) {
    std::vector<std::string> lines;
    for (std::size_t start = 0; start <= text.size();) {
        std::size_t const end = std::min(text.find('\n', start), text.size());
        wrap_one(text.substr(start, end - start), first_width, width, width_of, lines);
        start = end + 1;
    }
    return lines;
}

} // namespace phongthi::scoring
