#include "scoring/pdf_document.hpp"

#include "question-bank/text.hpp"
#include "scoring/pdf_fonts.hpp"

#include <hpdf.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace phongthi::scoring {

namespace {

constexpr float a4_short = 595.276F; // A4 in points
constexpr float a4_long = 841.89F;
constexpr float margin = 56.7F; // 2 cm
constexpr float footer_baseline = 28.0F;
constexpr float footer_size = 9.0F;
constexpr float cell_padding = 3.0F;
constexpr float grid_line = 0.5F;
constexpr float header_gray = 0.88F;

// Where a line `used` points wide starts in a box `room` points wide.
float offset(pdf_align align, float room, float used) {
    switch (align) {
    case pdf_align::center:
        return std::max(0.0F, (room - used) / 2);
    case pdf_align::right:
        return std::max(0.0F, room - used);
    case pdf_align::left:
        break;
    }
    return 0;
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
    HPDF_PageDirection direction = HPDF_PAGE_PORTRAIT;
    float width = a4_short;
    float height = a4_long;
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

    HPDF_Font font(bool is_bold) const { return is_bold ? bold : regular; }

    float text_width() const { return width - 2 * margin; }

    HPDF_Page page() {
        if (pages.empty())
            new_page();
        return pages.back();
    }

    void new_page() {
        HPDF_Page const added = HPDF_AddPage(doc);
        HPDF_Page_SetSize(added, HPDF_PAGE_SIZE_A4, direction);
        pages.push_back(added);
        y = height - margin;
    }

    bool at_top() const { return pages.empty() || y >= height - margin; }

    // Starts a new page unless `points` fit below y.
    void make_room(float points) {
        if (!at_top() && y - points < margin)
            new_page();
    }

    float width_of(std::string const& text, HPDF_Font face, float size) {
        HPDF_Page_SetFontAndSize(page(), face, size);
        return HPDF_Page_TextWidth(page(), text.c_str());
    }

    // Prints one line whose top is at `top`, starting at `x` from the page's left edge.
    void show(std::string const& text, HPDF_Font face, float size, float x, float top) {
        HPDF_Page const current = page();
        HPDF_Page_BeginText(current);
        HPDF_Page_SetFontAndSize(current, face, size);
        HPDF_Page_TextOut(current, x, top - size, text.c_str());
        HPDF_Page_EndText(current);
    }

    // Prints `text` (one line) aligned in the box [x, x + room] with its top at `top`.
    void show_aligned(std::string const& text, HPDF_Font face, float size, float x, float room,
                      float top, pdf_align align) {
        show(text, face, size, x + offset(align, room, width_of(text, face, size)), top);
    }

    // Cuts `text` into lines no wider than `first` points (the first line) or `rest`, once set
    // in NFC (a letter and its marks as one glyph).
    std::vector<std::string> wrap(std::string_view text, HPDF_Font face, float size, float first,
                                  float rest) {
        return wrap_lines(bank::to_nfc(text), first, rest,
                          [&](std::string const& line) { return width_of(line, face, size); });
    }

    // A table row: each cell's lines and the row's height.
    struct table_row {
        std::vector<std::vector<std::string>> cells;
        float height = 0;
    };

    table_row lay_out_row(std::vector<float> const& widths, std::vector<std::string> const& cells,
                          HPDF_Font face, float size) {
        table_row row;
        std::size_t most = 1;
        for (std::size_t c = 0; c < widths.size(); ++c) {
            float const room = widths[c] - 2 * cell_padding;
            row.cells.push_back(
                wrap(c < cells.size() ? cells[c] : std::string(), face, size, room, room));
            most = std::max(most, row.cells.back().size());
        }
        row.height = static_cast<float>(most) * line_height(size) + 2 * cell_padding;
        return row;
    }

    void draw_row(table_row const& row, std::vector<pdf_column> const& columns,
                  std::vector<float> const& widths, HPDF_Font face, float size, bool header) {
        HPDF_Page const current = page();
        HPDF_Page_SetLineWidth(current, grid_line);
        float x = margin;
        for (std::size_t c = 0; c < widths.size(); ++c) {
            if (header)
                HPDF_Page_SetGrayFill(current, header_gray);
            HPDF_Page_Rectangle(current, x, y - row.height, widths[c], row.height);
            if (header) {
                HPDF_Page_FillStroke(current);
                HPDF_Page_SetGrayFill(current, 0);
            } else {
                HPDF_Page_Stroke(current);
            }
            pdf_align const align = header ? pdf_align::center : columns[c].align;
            float top = y - cell_padding;
            for (auto const& text : row.cells[c]) {
                show_aligned(text, face, size, x + cell_padding, widths[c] - 2 * cell_padding, top,
                             align);
                top -= line_height(size);
            }
            x += widths[c];
        }
        y -= row.height;
    }
};

pdf_document::pdf_document(std::filesystem::path const& font_dir, pdf_orientation orientation)
    : impl_(std::make_unique<impl>()) {
    if (orientation == pdf_orientation::landscape) {
        impl_->direction = HPDF_PAGE_LANDSCAPE;
        std::swap(impl_->width, impl_->height);
    }
    impl_->doc = HPDF_New(impl::record_error, impl_.get());
    if (!impl_->doc)
        throw std::runtime_error("cannot start a PDF document (out of memory)");
    HPDF_SetCompressionMode(impl_->doc, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(impl_->doc);
    HPDF_SetCurrentEncoder(impl_->doc, "UTF-8");
    try {
        impl_->regular = load_embedded_font(impl_->doc, font_dir / "DejaVuSans.ttf");
        impl_->bold = load_embedded_font(impl_->doc, font_dir / "DejaVuSans-Bold.ttf");
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
    HPDF_Font const font = impl_->font(style.bold);
    float const room = impl_->text_width() - style.indent;
    auto const lines = impl_->wrap(text, font, style.size, room, room - style.hanging);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        float const indent = style.indent + (i == 0 ? 0 : style.hanging);
        impl_->make_room(line_height(style.size));
        impl_->show_aligned(lines[i], font, style.size, margin + indent,
                            impl_->text_width() - indent, impl_->y, style.align);
        impl_->y -= line_height(style.size);
    }
}

void pdf_document::side_by_side(std::vector<std::vector<pdf_line>> const& columns,
                                float space_before) {
    if (columns.empty())
        return;
    if (!impl_->at_top())
        impl_->y -= space_before;
    float const room = impl_->text_width() / static_cast<float>(columns.size());
    struct set_line {
        std::string text;
        pdf_line const* style;
    };
    std::vector<std::vector<set_line>> blocks;
    float tallest = 0;
    for (auto const& column : columns) {
        float height = 0;
        blocks.emplace_back();
        for (auto const& line : column)
            for (auto& text :
                 impl_->wrap(line.text, impl_->font(line.bold), line.size, room, room)) {
                blocks.back().push_back({std::move(text), &line});
                height += line_height(line.size);
            }
        tallest = std::max(tallest, height);
    }
    impl_->make_room(tallest);
    for (std::size_t c = 0; c < blocks.size(); ++c) {
        float top = impl_->y;
        for (auto const& line : blocks[c]) {
            impl_->show_aligned(line.text, impl_->font(line.style->bold), line.style->size,
                                margin + static_cast<float>(c) * room, room, top,
                                line.style->align);
            top -= line_height(line.style->size);
        }
    }
    impl_->y -= tallest;
}

void pdf_document::table(std::vector<pdf_column> const& columns,
                         std::vector<std::vector<std::string>> const& rows, float size) {
    float total = 0;
    for (auto const& column : columns)
        total += column.width;
    if (columns.empty() || total <= 0)
        return;
    std::vector<float> widths;
    std::vector<std::string> headers;
    for (auto const& column : columns) {
        widths.push_back(impl_->text_width() * column.width / total);
        headers.push_back(column.header);
    }
    auto const header = impl_->lay_out_row(widths, headers, impl_->bold, size);
    bool header_due = true;
    for (auto const& cells : rows) {
        auto const row = impl_->lay_out_row(widths, cells, impl_->regular, size);
        if (!impl_->at_top() && impl_->y - row.height - (header_due ? header.height : 0) < margin) {
            impl_->new_page();
            header_due = true;
        }
        if (header_due)
            impl_->draw_row(header, columns, widths, impl_->bold, size, true);
        header_due = false;
        impl_->draw_row(row, columns, widths, impl_->regular, size, false);
    }
    if (header_due) // a table without rows still shows its header
        impl_->draw_row(header, columns, widths, impl_->bold, size, true);
}

void pdf_document::bar_chart(std::vector<pdf_bar> const& bars, float size) {
    constexpr float gap = 6;
    float const label_room = impl_->text_width() / 3;
    float const value_room = 4 * size;
    float const bar_room = impl_->text_width() - label_room - value_room - 2 * gap;
    float const bar_height = line_height(size) - 2;
    std::vector<std::vector<std::string>> labels;
    float total = 0;
    for (auto const& bar : bars) {
        labels.push_back(
            impl_->wrap(bar.label, impl_->font(bar.marked), size, label_room, label_room));
        total += static_cast<float>(labels.back().size()) * line_height(size) + gap / 2;
    }
    impl_->make_room(total);
    for (std::size_t i = 0; i < bars.size(); ++i) {
        float const height = static_cast<float>(labels[i].size()) * line_height(size) + gap / 2;
        impl_->make_room(height);
        float top = impl_->y;
        for (auto const& text : labels[i]) {
            impl_->show(text, impl_->font(bars[i].marked), size, margin, top);
            top -= line_height(size);
        }
        HPDF_Page const current = impl_->page();
        float const x = margin + label_room + gap;
        float const bottom = impl_->y - bar_height - 1;
        double const share = std::isfinite(bars[i].share) ? bars[i].share : 0;
        float const filled = bar_room * static_cast<float>(std::clamp(share, 0.0, 1.0));
        HPDF_Page_SetLineWidth(current, grid_line);
        HPDF_Page_Rectangle(current, x, bottom, bar_room, bar_height);
        HPDF_Page_Stroke(current);
        if (filled > 0) {
            HPDF_Page_SetGrayFill(current, bars[i].marked ? 0.25F : 0.65F);
            HPDF_Page_Rectangle(current, x, bottom, filled, bar_height);
            HPDF_Page_Fill(current);
            HPDF_Page_SetGrayFill(current, 0);
        }
        impl_->show(bars[i].value, impl_->font(bars[i].marked), size, x + bar_room + gap, impl_->y);
        impl_->y -= height;
    }
}

void pdf_document::keep_together(float points) {
    impl_->make_room(points);
}

void pdf_document::page_break() {
    if (!impl_->at_top())
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
        HPDF_Page_TextOut(page, (impl_->width - width) / 2, footer_baseline, number.c_str());
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
