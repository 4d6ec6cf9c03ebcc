#pragma once

#include <hpdf.h>

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::scoring {

/// A libharu document, compressed, set up for UTF-8 text, that keeps the first error libharu
/// reports. Shared by the PDF writers of scoring/; belongs to one thread. Neither copied nor
/// moved: libharu holds its address.
class hpdf_document {
public:
    /// Throws std::runtime_error when libharu cannot start a document.
    hpdf_document();
    ~hpdf_document();
    hpdf_document(hpdf_document const&) = delete;
    hpdf_document& operator=(hpdf_document const&) = delete;

    HPDF_Doc get() const { return doc_; }
    /// The document's bytes. Throws std::runtime_error if libharu reported an error so far.
    std::string save();

private:
    static void record_error(HPDF_STATUS code, HPDF_STATUS detail, void* user_data);

    HPDF_Doc doc_ = nullptr;
    HPDF_STATUS error_ = HPDF_OK;
    HPDF_STATUS error_detail_ = 0;
};

/// Loads the TrueType font `file` into `doc` for UTF-8 text (the document must use UTF
/// encodings) with every glyph embedded: libharu's subsetting drops the components of
/// components, so Vietnamese letters with two marks (ồ, ế, ứ) would print without them. Throws
/// std::runtime_error naming the file when it is missing or cannot be loaded. For the PDF
/// writers of scoring/; the thread that owns `doc`.
HPDF_Font load_embedded_font(HPDF_Doc doc, std::filesystem::path const& file);

/// Breaks `text` into lines: at each '\n', and between words so that no line is wider than
/// `first_width` (the first line) or `width` (the others) as `width_of` measures it; a word
/// wider than a line is cut between UTF-8 characters. An empty text gives one empty line. Any
/// thread.
std::vector<std::string> wrap_lines(std::string_view text, float first_width, float width,
                                    std::function<float(std::string const&)> const& width_of);

} // namespace phongthi::scoring
