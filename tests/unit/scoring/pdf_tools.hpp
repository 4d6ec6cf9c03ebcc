#pragma once

#include "tests/support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>

namespace phongthi::test {

/// The pages of a PDF written by libharu, counted from its page objects.
inline int pdf_page_count(std::string const& pdf) {
    std::regex const page("/Type /Page[^s]");
    return static_cast<int>(
        std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), page), std::sregex_iterator()));
}

/// What `command` prints when run on `pdf` saved as a file: "{}" in `command` stands for the
/// file's path. Fails the test when the command does not succeed.
inline std::string run_on_pdf(std::string const& pdf, std::string const& command) {
    temp_dir dir;
    std::string const file = (dir / "document.pdf").string();
    std::ofstream(file, std::ios::binary) << pdf;
    std::string line = command;
    line.replace(line.find("{}"), 2, "'" + file + "'");
    std::string output;
    FILE* const pipe = popen(line.c_str(), "r");
    if (!pipe) {
        ADD_FAILURE() << "cannot run " << line;
        return output;
    }
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
        output.append(buffer, n);
    EXPECT_EQ(pclose(pipe), 0) << line;
    return output;
}

#ifdef PHONGTHI_PDFTOTEXT
/// The PDF's text as poppler's pdftotext reads it, UTF-8.
inline std::string pdf_text(std::string const& pdf) {
    return run_on_pdf(pdf, std::string(PHONGTHI_PDFTOTEXT) + " -enc UTF-8 {} -");
}
#endif

#ifdef PHONGTHI_PDFINFO
/// The "Page size: …" line pdfinfo prints for page `page`, without its label, e.g.
/// "841.89 x 595.276 pts (A4)".
inline std::string pdf_page_size(std::string const& pdf, int page = 1) {
    std::string const p = std::to_string(page);
    std::string const info =
        run_on_pdf(pdf, std::string(PHONGTHI_PDFINFO) + " -f " + p + " -l " + p + " {}");
    std::smatch size;
    return std::regex_search(info, size, std::regex("Page +" + p + " size: +([^\n]*)"))
               ? size[1].str()
               : info;
}
#endif

#ifdef PHONGTHI_PDFTOPPM
/// The first page rendered by pdftoppm as a PNG at `dpi`.
inline std::string pdf_first_page_png(std::string const& pdf, int dpi) {
    return run_on_pdf(pdf, std::string(PHONGTHI_PDFTOPPM) + " -r " + std::to_string(dpi) +
                               " -png -singlefile -f 1 -l 1 {}");
}
#endif

} // namespace phongthi::test
