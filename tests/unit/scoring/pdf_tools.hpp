#pragma once

#include "tests/unit/scoring/report_test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace phongthi::test {

/// The bytes of `file`, empty when it cannot be read.
inline std::string file_bytes(std::filesystem::path const& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

#ifdef PHONGTHI_PDFINFO
/// The size poppler's pdfinfo prints for page `page`, e.g. "841.89 x 595.276 pts (A4)"; all
/// it printed when there is no such line.
inline std::string pdf_page_size(std::string const& pdf, int page = 1) {
    temp_dir dir;
    std::string const p = std::to_string(page);
    std::string const command = std::string(PHONGTHI_PDFINFO) + " -f " + p + " -l " + p + " '" +
                                (dir / "in.pdf").string() + "' > '" + (dir / "info.txt").string() +
                                "' 2>/dev/null";
    EXPECT_EQ(run_on_pdf(dir, pdf, command), 0) << command;
    std::string const info = file_bytes(dir / "info.txt");
    std::smatch size;
    return std::regex_search(info, size, std::regex("Page +" + p + " size: +([^\n]*)"))
               ? size[1].str()
               : info;
}
#endif

#ifdef PHONGTHI_PDFTOPPM
/// The first page rendered by poppler's pdftoppm as a PNG at `dpi`.
inline std::string pdf_first_page_png(std::string const& pdf, int dpi) {
    temp_dir dir;
    std::string const command = std::string(PHONGTHI_PDFTOPPM) + " -r " + std::to_string(dpi) +
                                " -png -singlefile -f 1 -l 1 '" + (dir / "in.pdf").string() +
                                "' '" + (dir / "page").string() + "' 2>/dev/null";
    EXPECT_EQ(run_on_pdf(dir, pdf, command), 0) << command;
    return file_bytes(dir / "page.png");
}
#endif

} // namespace phongthi::test
