#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace phongthi::scoring {

/// The folder of the DejaVu Sans fonts, chosen at build time (CMake cache PHONGTHI_FONT_DIR).
std::filesystem::path default_font_dir();

/// How one paragraph of a pdf_document is set.
struct pdf_text_style {
    float size = 10;        ///< font size in points
    bool bold = false;      ///< DejaVu Sans Bold instead of the regular face
    float indent = 0;       ///< left indent in points, from the margin
    float space_before = 0; ///< extra space above the paragraph, in points
    float hanging = 0;      ///< lines after the first are indented this much more
};

/// An A4 PDF written from top to bottom: paragraphs wrapped at the right margin, a new page when
/// the current one is full, "Trang n/N" at the foot of every page. DejaVu Sans (regular and bold)
/// is embedded and texts are UTF-8, so Vietnamese prints with its diacritics. Built for the bank
/// review and the score reports; one document belongs to one thread.
class pdf_document {
public:
    /// Loads DejaVuSans.ttf and DejaVuSans-Bold.ttf from `font_dir`. Throws std::runtime_error
    /// naming the file when a font is missing or cannot be read.
    explicit pdf_document(std::filesystem::path const& font_dir = default_font_dir());
    ~pdf_document();
    pdf_document(pdf_document const&) = delete;
    pdf_document& operator=(pdf_document const&) = delete;

    /// Writes `text` (UTF-8, set in NFC) wrapped to the page width; a '\n' starts a new line.
    /// Words longer than a line are broken between characters. Throws std::invalid_argument when
    /// `text` is not valid UTF-8.
    void paragraph(std::string_view text, pdf_text_style const& style = {});
    /// Starts a new page unless `points` of height are still free on this one, so a block that
    /// fits on a page is not split.
    void keep_together(float points);
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
