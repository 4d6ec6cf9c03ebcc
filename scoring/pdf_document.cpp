#include "scoring/pdf_document.hpp"

#include "question-bank/text.hpp"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace phongthi::scoring {

namespace {

constexpr float page_width = 595.276F; // A4 in points
constexpr float page_height = 841.89F;
constexpr float margin = 56.7F; // 2 cm
constexpr float footer_baseline = 28.0F;
constexpr float footer_size = 9.0F;

// The length of the UTF-8 sequence that starts with `lead` (1 for a stray byte).
std::size_t sequence_length(unsigned char lead) {
    if (lead >= 0xF0)
        return 4;
    if (lead >= 0xE0)
        return 3;
    return lead >= 0xC0 ? 2 : 1;
}

} // namespace

std::filesystem::path default_font_dir() {
    return PHONGTHI_FONT_DIR;
}

struct pdf_document::impl {
    HPDF_Doc doc = nullptr;
    HPDF_Font regular = nullptr;
    HPDF_Font bold = nullptr;
    std::vector<HPDF_Page> pages;
    float y = 0; // top of the next line on the current page
    HPDF_STATUS error = HPDF_OK;
    HPDF_STATUS error_detail = 0;

    // libharu's error handler: the first error is kept and reported by finish().
    static void record_error(HPDF_STATUS code, HPDF_STATUS detail, void* user_data) {
        auto* state = static_cast<impl*>(user_data);
        if (state->error == HPDF_OK) {
            state->error = code;
            state->error_detail = detail;
        }
    }

    HPDF_Font load_font(std::filesystem::path const& file) {
        if (!std::filesystem::is_regular_file(file))
            throw std::runtime_error("font file " + file.string() +
                                     " is missing (install fonts-dejavu-core, or configure "
                                     "PHONGTHI_FONT_DIR)");
        char const* name = HPDF_LoadTTFontFromFile(doc, file.c_str(), HPDF_TRUE);
        HPDF_Font const font = name ? HPDF_GetFont(doc, name, "UTF-8") : nullptr;
        if (font)
            embed_every_glyph(HPDF_GetFontDef(doc, name));
        if (!font)
            throw std::runtime_error("cannot load the font " + file.string() + " (libharu error " +
                                     std::to_string(error) + ")");
        return font;
    }

    // libharu embeds the glyphs a text used and their components, but not the components'
    // components: Vietnamese letters with two marks (ồ, ế, ứ) are built that way in DejaVu and
    // would print without their marks. The whole font is embedded instead.
    static void embed_every_glyph(HPDF_FontDef font) {
        auto* const tt = static_cast<HPDF_TTFontDefAttr>(font->attr);
        std::fill(tt->glyph_tbl.flgs, tt->glyph_tbl.flgs + tt->num_glyphs, HPDF_BYTE{1});
    }

    HPDF_Page page() {
        if (pages.empty())
            new_page();
        return pages.back();
    }

    void new_page() {
        HPDF_Page const added = HPDF_AddPage(doc);
        HPDF_Page_SetSize(added, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
        pages.push_back(added);
        y = page_height - margin;
    }

    bool at_top() const { return pages.empty() || y >= page_height - margin; }

    float width_of(std::string const& text, HPDF_Font font, float size) {
        HPDF_Page_SetFontAndSize(page(), font, size);
        return HPDF_Page_TextWidth(page(), text.c_str());
    }

    void line(std::string const& text, HPDF_Font font, float size, float x) {
        if (y - line_height(size) < margin)
            new_page();
        HPDF_Page const current = page();
        HPDF_Page_BeginText(current);
        HPDF_Page_SetFontAndSize(current, font, size);
        HPDF_Page_TextOut(current, margin + x, y - size, text.c_str());
        HPDF_Page_EndText(current);
        y -= line_height(size);
    }

    // Sets one line of the source text (no '\n') wrapped to the width left of `x`.
    void wrapped(std::string_view text, HPDF_Font font, pdf_text_style const& style, bool& first) {
        std::string current;
        auto const indent = [&] { return style.indent + (first ? 0 : style.hanging); };
        auto const fits = [&](std::string const& candidate) {
            return width_of(candidate, font, style.size) <= page_width - 2 * margin - indent();
        };
        auto const flush = [&] {
            line(current, font, style.size, indent());
            current.clear();
            first = false;
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
            // A word wider than the line is cut between characters.
            for (std::size_t i = 0; i < word.size();) {
                std::size_t const length =
                    std::min(sequence_length(static_cast<unsigned char>(word[i])), word.size() - i);
                std::string const next = current + word.substr(i, length);
                if (!current.empty() && !fits(next))
                    flush();
                current += word.substr(i, length);
                i += length;
            }
        }
        flush();
    }
};

pdf_document::pdf_document(std::filesystem::path const& font_dir)
    : impl_(std::make_unique<impl>()) {
    impl_->doc = HPDF_New(impl::record_error, impl_.get());
    if (!impl_->doc)
        throw std::runtime_error("cannot start a PDF document (out of memory)");
    HPDF_SetCompressionMode(impl_->doc, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(impl_->doc);
    HPDF_SetCurrentEncoder(impl_->doc, "UTF-8");
    try {
        impl_->regular = impl_->load_font(font_dir / "DejaVuSans.ttf");
        impl_->bold = impl_->load_font(font_dir / "DejaVuSans-Bold.ttf");
    } catch (...) {
        HPDF_Free(impl_->doc);
        throw;
    }
}

pdf_document::~pdf_document() {
    HPDF_Free(impl_->doc);
}

void pdf_document::paragraph(std::string_view text, pdf_text_style const& style) {
    if (!impl_->at_top())
        impl_->y -= style.space_before;
    HPDF_Font const font = style.bold ? impl_->bold : impl_->regular;
    std::string const nfc = bank::to_nfc(text); // a letter and its marks as one glyph
    std::string_view const composed = nfc;
    bool first = true;
    for (std::size_t start = 0; start <= composed.size();) {
        std::size_t const end = std::min(composed.find('\n', start), composed.size());
        impl_->wrapped(composed.substr(start, end - start), font, style, first);
        start = end + 1;
    }
}

void pdf_document::keep_together(float points) {
    if (!impl_->at_top() && impl_->y - points < margin)
        impl_->new_page();
}

float pdf_document::line_height(float size) {
    return size * 1.35F;
}

int pdf_document::page_count() const {
    return static_cast<int>(impl_->pages.size());
}

std::string pdf_document::finish() {
    impl_->page(); // an empty document still has one page
    std::string const total = std::to_string(impl_->pages.size());
    for (std::size_t i = 0; i < impl_->pages.size(); ++i) {
        HPDF_Page const page = impl_->pages[i];
        std::string const number = "Trang " + std::to_string(i + 1) + "/" + total;
        HPDF_Page_SetFontAndSize(page, impl_->regular, footer_size);
        float const width = HPDF_Page_TextWidth(page, number.c_str());
        HPDF_Page_BeginText(page);
        HPDF_Page_TextOut(page, (page_width - width) / 2, footer_baseline, number.c_str());
        HPDF_Page_EndText(page);
    }
    HPDF_SaveToStream(impl_->doc);
    std::string bytes(HPDF_GetStreamSize(impl_->doc), '\0');
    HPDF_UINT32 size = static_cast<HPDF_UINT32>(bytes.size());
    HPDF_ReadFromStream(impl_->doc, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
    bytes.resize(size);
    if (impl_->error != HPDF_OK)
        throw std::runtime_error("the PDF could not be written (libharu error " +
                                 std::to_string(impl_->error) + ", detail " +
                                 std::to_string(impl_->error_detail) + ")");
    return bytes;
}

} // namespace phongthi::scoring
