#include "scoring/pdf_canvas.hpp"

#include "question-bank/text.hpp"
#include "scoring/pdf_fonts.hpp"

#include <hpdf.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace phongthi::scoring {

namespace {

// The DejaVu file of each face, indexed by face_index(): regular, bold, italic, bold italic
// of each family.
constexpr std::array<char const*, 12> face_files = {"DejaVuSans.ttf",
                                                    "DejaVuSans-Bold.ttf",
                                                    "DejaVuSans-Oblique.ttf",
                                                    "DejaVuSans-BoldOblique.ttf",
                                                    "DejaVuSerif.ttf",
                                                    "DejaVuSerif-Bold.ttf",
                                                    "DejaVuSerif-Italic.ttf",
                                                    "DejaVuSerif-BoldItalic.ttf",
                                                    "DejaVuSansMono.ttf",
                                                    "DejaVuSansMono-Bold.ttf",
                                                    "DejaVuSansMono-Oblique.ttf",
                                                    "DejaVuSansMono-BoldOblique.ttf"};

std::size_t face_index(pdf_font_style const& style) {
    return 4U * static_cast<std::size_t>(style.family) + (style.bold ? 1U : 0U) +
           (style.italic ? 2U : 0U);
}

} // namespace

struct pdf_canvas::impl {
    std::filesystem::path font_dir;
    hpdf_document document;
    std::array<HPDF_Font, face_files.size()> faces{};
    std::vector<HPDF_Page> pages;
    std::size_t current = 0;

    HPDF_Font font(pdf_font_style const& style) {
        HPDF_Font& face = faces[face_index(style)];
        if (!face)
            face = load_embedded_font(document.get(), font_dir / face_files[face_index(style)]);
        return face;
    }

    HPDF_Page page() {
        if (pages.empty())
            throw std::logic_error("pdf_canvas: add a page before drawing");
        return pages[current];
    }

    float height() { return HPDF_Page_GetHeight(page()); }

    float width_of(std::string const& nfc, pdf_font_style const& style) {
        HPDF_TextWidth const measured =
            HPDF_Font_TextWidth(font(style), reinterpret_cast<HPDF_BYTE const*>(nfc.data()),
                                static_cast<HPDF_UINT>(nfc.size()));
        return static_cast<float>(measured.width) * style.size / 1000.0F;
    }

    std::vector<std::string> lines(float width, std::string_view text,
                                   pdf_font_style const& style) {
        return wrap_lines(bank::to_nfc(text), width, width,
                          [&](std::string const& line) { return width_of(line, style); });
    }

    void show(float x, float y, std::string const& nfc, pdf_font_style const& style,
              text_align align) {
        float const width = width_of(nfc, style);
        float const left = align == text_align::left     ? x
                           : align == text_align::centre ? x - width / 2
                                                         : x - width;
        HPDF_Page const p = page();
        HPDF_Page_BeginText(p);
        HPDF_Page_SetFontAndSize(p, font(style), style.size);
        HPDF_Page_TextOut(p, left, height() - y, nfc.c_str());
        HPDF_Page_EndText(p);
    }

    void set_stroke(pdf_stroke const& stroke) {
        HPDF_Page const p = page();
        HPDF_Page_SetLineWidth(p, stroke.width);
        HPDF_Page_SetGrayStroke(p, stroke.gray);
        if (stroke.dash > 0) {
            // libharu takes whole points for dashes.
            HPDF_UINT16 const pattern[] = {
                static_cast<HPDF_UINT16>(std::max(1.0F, std::round(stroke.dash)))};
            HPDF_Page_SetDash(p, pattern, 1, 0);
        } else {
            HPDF_Page_SetDash(p, nullptr, 0, 0);
        }
    }

    // A rectangle in top-left coordinates, added to the current path.
    void box(float left, float top, float width, float height_) {
        HPDF_Page_Rectangle(page(), left, height() - top - height_, width, height_);
    }
};

pdf_canvas::pdf_canvas(std::filesystem::path const& font_dir) : impl_(std::make_unique<impl>()) {
    impl_->font_dir = font_dir;
}

pdf_canvas::~pdf_canvas() = default;

void pdf_canvas::add_page(page_orientation orientation) {
    HPDF_Page const added = HPDF_AddPage(impl_->document.get());
    HPDF_Page_SetSize(added, HPDF_PAGE_SIZE_A4,
                      orientation == page_orientation::landscape ? HPDF_PAGE_LANDSCAPE
                                                                 : HPDF_PAGE_PORTRAIT);
    impl_->pages.push_back(added);
    impl_->current = impl_->pages.size() - 1;
}

void pdf_canvas::select_page(int index) {
    if (index < 0 || static_cast<std::size_t>(index) >= impl_->pages.size())
        throw std::out_of_range("pdf_canvas: no page " + std::to_string(index));
    impl_->current = static_cast<std::size_t>(index);
}

int pdf_canvas::page_count() const {
    return static_cast<int>(impl_->pages.size());
}

float pdf_canvas::page_width() const {
    return HPDF_Page_GetWidth(impl_->page());
}

float pdf_canvas::page_height() const {
    return impl_->height();
}

float pdf_canvas::text_width(std::string_view text, pdf_font_style const& style) {
    return impl_->width_of(bank::to_nfc(text), style);
}

void pdf_canvas::text(float x, float y, std::string_view text, pdf_font_style const& style,
                      text_align align) {
    impl_->show(x, y, bank::to_nfc(text), style, align);
}

float pdf_canvas::text_box(float x, float top, float width, std::string_view text,
                           pdf_font_style const& style, text_align align) {
    std::vector<std::string> const lines = impl_->lines(width, text, style);
    float const anchor = align == text_align::left     ? x
                         : align == text_align::centre ? x + width / 2
                                                       : x + width;
    for (std::size_t i = 0; i < lines.size(); ++i)
        impl_->show(anchor, top + static_cast<float>(i) * line_height(style.size) + style.size,
                    lines[i], style, align);
    return static_cast<float>(lines.size()) * line_height(style.size);
}

float pdf_canvas::text_box_height(float width, std::string_view text, pdf_font_style const& style) {
    return static_cast<float>(impl_->lines(width, text, style).size()) * line_height(style.size);
}

float pdf_canvas::line_height(float size) {
    return pdf_document::line_height(size);
}

void pdf_canvas::line(float x1, float y1, float x2, float y2, pdf_stroke const& stroke) {
    HPDF_Page const p = impl_->page();
    impl_->set_stroke(stroke);
    HPDF_Page_MoveTo(p, x1, impl_->height() - y1);
    HPDF_Page_LineTo(p, x2, impl_->height() - y2);
    HPDF_Page_Stroke(p);
}

void pdf_canvas::rectangle(float left, float top, float width, float height,
                           pdf_stroke const& stroke) {
    impl_->set_stroke(stroke);
    impl_->box(left, top, width, height);
    HPDF_Page_Stroke(impl_->page());
}

void pdf_canvas::fill_rectangle(float left, float top, float width, float height, float gray) {
    HPDF_Page_SetGrayFill(impl_->page(), gray);
    impl_->box(left, top, width, height);
    HPDF_Page_Fill(impl_->page());
    HPDF_Page_SetGrayFill(impl_->page(), 0);
}

void pdf_canvas::circle(float x, float y, float radius, pdf_stroke const& stroke) {
    impl_->set_stroke(stroke);
    HPDF_Page_Circle(impl_->page(), x, impl_->height() - y, radius);
    HPDF_Page_Stroke(impl_->page());
}

void pdf_canvas::qr(qr_matrix const& matrix, float left, float top, float size) {
    if (matrix.size == 0)
        return;
    float const module = size / static_cast<float>(matrix.size);
    HPDF_Page_SetGrayFill(impl_->page(), 0);
    // One rectangle per horizontal run of dark modules, all filled at once.
    for (int y = 0; y < matrix.size; ++y)
        for (int x = 0; x < matrix.size;) {
            int run = 0;
            while (x + run < matrix.size && matrix.dark(x + run, y))
                ++run;
            if (run > 0)
                impl_->box(left + static_cast<float>(x) * module,
                           top + static_cast<float>(y) * module, static_cast<float>(run) * module,
                           module);
            x += run > 0 ? run : 1;
        }
    HPDF_Page_Fill(impl_->page());
}

void pdf_canvas::code128(code128_symbol const& symbol, float left, float top, float width,
                         float height) {
    if (symbol.modules == 0)
        return;
    float const module = width / static_cast<float>(symbol.modules);
    HPDF_Page_SetGrayFill(impl_->page(), 0);
    float x = left;
    for (std::size_t i = 0; i < symbol.widths.size(); ++i) {
        float const bar = static_cast<float>(symbol.widths[i]) * module;
        if (i % 2 == 0) // bars at even positions, spaces between them
            impl_->box(x, top, bar, height);
        x += bar;
    }
    HPDF_Page_Fill(impl_->page());
}

std::string pdf_canvas::finish() {
    if (impl_->pages.empty())
        add_page();
    return impl_->document.save();
}

float print_official_heading(pdf_canvas& canvas, std::vector<std::string> const& left,
                             std::vector<std::string> const& right, float top,
                             pdf_font_style const& style) {
    float const quarter = canvas.page_width() / 4;
    // The rule under the left column is a third of the last line, the motto's as wide as it.
    auto const column = [&](std::vector<std::string> const& lines, float centre, bool motto) {
        float y = top;
        float last_width = 0;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            pdf_font_style line_style = style;
            line_style.bold = motto || i + 1 == lines.size();
            y += pdf_canvas::line_height(style.size);
            canvas.text(centre, y, lines[i], line_style, text_align::centre);
            last_width = canvas.text_width(lines[i], line_style);
        }
        if (lines.empty())
            return top;
        float const rule = motto ? last_width : std::max(40.0F, last_width / 3);
        float const rule_y = y + style.size * 0.6F;
        canvas.line(centre - rule / 2, rule_y, centre + rule / 2, rule_y);
        return rule_y + style.size * 0.5F;
    };
    float const below_left = column(left, quarter + 10, false);
    return std::max(below_left, column(right, 3 * quarter - 10, true));
}

} // namespace phongthi::scoring
