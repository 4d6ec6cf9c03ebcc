#pragma once

#include "scoring/code128.hpp"
#include "scoring/pdf_document.hpp"
#include "scoring/qr_code.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::scoring {

/// Which way an A4 page of a pdf_canvas is turned.
enum class page_orientation { portrait, landscape };

/// Where a line of text stands relative to its x coordinate.
enum class text_align { left, centre, right };

/// The DejaVu family a text is set in; mono for accounts and passwords (0 O, 1 l I differ).
enum class font_family { sans, serif, mono };

/// How a text on a pdf_canvas is set. Every combination exists in DejaVu (Sans Oblique stands
/// for Sans italic).
struct pdf_font_style {
    float size = 11; ///< in points
    bool bold = false;
    bool italic = false;
    font_family family = font_family::sans;
};

/// How a line or an outline is stroked.
struct pdf_stroke {
    float width = 0.5F; ///< in points
    float dash = 0;     ///< dash and gap length in points; 0 for a solid line
    float gray = 0;     ///< 0 black … 1 white
};

/// Absolute drawing on A4 pages: texts at a point or wrapped in a box, lines, rectangles,
/// circles, QR codes and Code 128 bars. Coordinates are points from the page's top-left corner,
/// y growing downwards. DejaVu fonts are loaded whole on first use (Vietnamese letters with two
/// marks need every glyph), texts are UTF-8 and set in NFC. Drawing goes to the current page;
/// one canvas belongs to one thread.
class pdf_canvas {
public:
    /// Remembers `font_dir` (DejaVuSans*.ttf and DejaVuSerif*.ttf); fonts are read when first
    /// used, and a missing one throws std::runtime_error naming the file.
    explicit pdf_canvas(std::filesystem::path const& font_dir = default_font_dir());
    ~pdf_canvas();
    pdf_canvas(pdf_canvas const&) = delete;
    pdf_canvas& operator=(pdf_canvas const&) = delete;

    /// Adds an A4 page and makes it the current one.
    void add_page(page_orientation orientation = page_orientation::portrait);
    /// Makes the page at `index` (from 0) current again, e.g. to number pages at the end.
    void select_page(int index);
    /// Pages so far.
    int page_count() const;
    /// The current page's width and height in points (595.276 × 841.89 portrait). Throws
    /// std::logic_error before the first page, as every drawing function does.
    float page_width() const;
    float page_height() const;

    /// The width `text` takes in `style`.
    float text_width(std::string_view text, pdf_font_style const& style);
    /// One line of text with its baseline at `y`, starting, centred or ending at `x`.
    void text(float x, float y, std::string_view text, pdf_font_style const& style,
              text_align align = text_align::left);
    /// `text` wrapped to `width` (a '\n' starts a new line, words wider than a line are cut
    /// between characters) with the first line's top at `top`, each line aligned within the box.
    /// Returns the height the lines took (lines × line_height(size)).
    float text_box(float x, float top, float width, std::string_view text,
                   pdf_font_style const& style, text_align align = text_align::left);
    /// The height `text` would take in text_box, without drawing it.
    float text_box_height(float width, std::string_view text, pdf_font_style const& style);
    /// The height of one line of text of `size` points (as in pdf_document).
    static float line_height(float size);

    /// A straight line.
    void line(float x1, float y1, float x2, float y2, pdf_stroke const& stroke = {});
    /// A rectangle's outline; `top`, `left` is its top-left corner.
    void rectangle(float left, float top, float width, float height, pdf_stroke const& stroke = {});
    /// A filled rectangle of `gray` (0 black … 1 white).
    void fill_rectangle(float left, float top, float width, float height, float gray = 0);
    /// A circle's outline around (`x`, `y`).
    void circle(float x, float y, float radius, pdf_stroke const& stroke = {});

    /// The QR code's dark modules as black squares filling the `size` × `size` square at
    /// `left`, `top`; the caller leaves the quiet zone around it.
    void qr(qr_matrix const& matrix, float left, float top, float size);
    /// The Code 128 bars stretched to `width` × `height` at `left`, `top`; the caller leaves the
    /// quiet zone (10 modules) on both sides.
    void code128(code128_symbol const& symbol, float left, float top, float width, float height);

    /// Returns the document's bytes (a blank portrait page if none was added). Call once, last.
    /// Throws std::runtime_error if libharu reported an error.
    std::string finish();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// The heading of an official paper: `left` lines centred in the left half (the last bold, the
/// others regular), `right` lines centred in the right half (all bold), each column with a short
/// rule under its last line, from `top` on the current page, in `style`'s family and size.
/// Returns the y below the lower column. Used for the issuing body and the national motto.
float print_official_heading(pdf_canvas& canvas, std::vector<std::string> const& left,
                             std::vector<std::string> const& right, float top,
                             pdf_font_style const& style);

} // namespace phongthi::scoring
