#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace phongthi::bank::test {

/// One run of a test paragraph: its text ('\t' becomes <w:tab/>, '\n' <w:br/>) and style, or the
/// picture word/media/image1.png when `image` is set.
struct docx_run {
    docx_run(std::string run_text = {}) : text(std::move(run_text)) {}

    std::string text;
    bool bold = false;
    bool underline = false;
    std::string color; ///< hex such as "FF0000"; empty for the automatic colour
    bool image = false;
};

/// A test paragraph: its runs, and the Word list it belongs to (<w:numPr>) and its style.
struct docx_paragraph : std::vector<docx_run> {
    using std::vector<docx_run>::vector;

    int num_id = -1;   ///< w:numId; -1 writes no <w:numPr>
    int level = 0;     ///< w:ilvl
    std::string style; ///< w:pStyle; empty for none
};

/// `runs` as an item of Word list `num_id` at level `level`.
docx_paragraph numbered(int num_id, int level, docx_paragraph runs);

/// A paragraph of one unstyled run.
docx_paragraph plain(std::string text);

/// A zip made in memory with libzip from (name, bytes) members, deflated.
std::string make_zip(std::vector<std::pair<std::string, std::string>> const& members);

/// The word/document.xml holding `paragraphs`.
std::string document_xml(std::vector<docx_paragraph> const& paragraphs);

/// A minimal valid .docx around `document`: [Content_Types].xml, _rels/.rels, word/document.xml,
/// word/_rels/document.xml.rels and word/media/image1.png (rId10, a 1x1 PNG), then `extra_parts`
/// such as {"word/numbering.xml", ...}.
std::string
make_docx_with_document(std::string const& document,
                        std::vector<std::pair<std::string, std::string>> const& extra_parts = {});

/// make_docx_with_document(document_xml(paragraphs), extra_parts).
std::string make_docx(std::vector<docx_paragraph> const& paragraphs,
                      std::vector<std::pair<std::string, std::string>> const& extra_parts = {});

/// Rewrites the uncompressed size the zip declares for `member` in its local header and central
/// directory, as a forged zip bomb does.
void set_declared_size(std::string& zip, std::string_view member, std::uint32_t size);

/// The bytes of word/media/image1.png.
std::string_view tiny_png();

} // namespace phongthi::bank::test
