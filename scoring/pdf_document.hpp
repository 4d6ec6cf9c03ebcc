#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::scoring {

/// The folder of the DejaVu Sans fonts, chosen at build time (CMake cache PHONGTHI_FONT_DIR).
std::filesystem::path default_font_dir();

/// Where a line of text sits in its box.
enum class pdf_align { left, center, right };

/// How an A4 page is turned.
enum class pdf_orientation { portrait, landscape };

/// How one paragraph of a pdf_document is set.
struct pdf_text_style {
    float size = 10;                   ///< font size in points
    bool bold = false;                 ///< DejaVu Sans Bold instead of the regular face
    float indent = 0;                  ///< left indent in points, from the margin
    float space_before = 0;            ///< extra space above the paragraph, in points
    float hanging = 0;                 ///< lines after the first are indented this much more
    pdf_align align = pdf_align::left; ///< within the margins (less the indent)
};

/// One column of a pdf_document table.
struct pdf_column {
    std::string header;
    float width = 1; ///< a share: the columns split the text width in proportion to these
    pdf_align align = pdf_align::left;
};

/// One line of a block set by pdf_document::side_by_side().
struct pdf_line {
    std::string text;
    bool bold = false;
    float size = 10;
    pdf_align align = pdf_align::center; ///< within its column
};

/// One bar of a pdf_document bar chart.
struct pdf_bar {
    std::string label;   ///< left of the bar, wrapped to a third of the width
    double share = 0;    ///< 0..1 of the bar area
    bool marked = false; ///< drawn dark and the label bold (e.g. the key)
    std::string value;   ///< printed after the bar, e.g. "42%"
};

/// An A4 PDF written from top to bottom: paragraphs wrapped at the right margin, tables, blocks
/// side by side, bar charts, a new page when the current one is full, "Trang n/N" at the foot of
/// every page. DejaVu Sans (regular and bold) is embedded and texts are UTF-8 (set in NFC), so
/// Vietnamese prints with its diacritics. Built for the bank review and the reports; one document
/// belongs to one thread. Texts that are not valid UTF-8 throw std::invalid_argument.
class pdf_document {
public:
    /// Loads DejaVuSans.ttf and DejaVuSans-Bold.ttf from `font_dir`. Throws std::runtime_error
    /// naming the file when a font is missing or cannot be read.
    explicit pdf_document(std::filesystem::path const& font_dir = default_font_dir(),
                          pdf_orientation orientation = pdf_orientation::portrait);
    ~pdf_document();
    pdf_document(pdf_document const&) = delete;
    pdf_document& operator=(pdf_document const&) = delete;

    /// Writes `text` wrapped to the page width; a '\n' starts a new line. Words longer than a
    /// line are broken between characters.
    void paragraph(std::string_view text, pdf_text_style const& style = {});
    /// Sets the blocks next to each other in columns of equal width, each line wrapped and aligned
    /// in its column (an empty column leaves its place blank); the text continues below the
    /// tallest. Kept on one page when it fits.
    void side_by_side(std::vector<std::vector<pdf_line>> const& columns, float space_before = 0);
    /// Draws a table with grid lines across the text width: a bold header row on a grey ground,
    /// repeated at the top of every page the table runs onto, then `rows` (a cell per column;
    /// missing cells are blank), each cell wrapped within its column. A row is never split.
    void table(std::vector<pdf_column> const& columns,
               std::vector<std::vector<std::string>> const& rows, float size = 9);
    /// Draws a horizontal bar chart across the text width, one bar per line, kept on one page
    /// when it fits.
    void bar_chart(std::vector<pdf_bar> const& bars, float size = 9);
    /// Starts a new page unless `points` of height are still free on this one, so a block that
    /// fits on a page is not split.
    void keep_together(float points);
    /// Starts a new page unless the current one is still empty.
    void page_break();
    /// The height one line of text of `size` points takes.
    static float line_height(float size);
    /// Pages so far.
    int page_count() const;
    /// Numbers the pages "Trang n/N" and returns the document's bytes. Call once, last. Throws
    /// std::runtime_error if libharu reported an error.
    std::string finish();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace phongthi::scoring
