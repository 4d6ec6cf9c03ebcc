#pragma once

#include "scoring/report_header.hpp"
#include "tests/support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <pugixml.hpp>
#include <zip.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

namespace phongthi::test {

/// The header of a class of the Bắc Ninh party school, every field set.
inline scoring::report_header party_header() {
    scoring::report_header h;
    h.organisation = "Đảng bộ tỉnh Bắc Ninh";
    h.school = "Trường Chính trị tỉnh";
    h.course = "Lớp bồi dưỡng đảng viên mới khoá 12";
    h.class_name = "A1";
    h.exam_title = "Kiểm tra cuối khoá";
    h.exam_date = "26/11/2026";
    h.place_and_date = "Bắc Ninh, ngày 26 tháng 11 năm 2026";
    h.signer_title = "Giám đốc";
    h.signer_name = "Lê Văn Thành";
    return h;
}

/// Every entry of a ZIP archive held in memory, by name. Fails the test when it is no ZIP.
inline std::map<std::string, std::string> zip_entries(std::string const& bytes) {
    std::map<std::string, std::string> entries;
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
    EXPECT_NE(archive, nullptr) << zip_error_strerror(&error);
    if (archive == nullptr) {
        zip_source_free(source);
        return entries;
    }
    for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
        zip_stat_t stat;
        zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat);
        std::string content(stat.size, '\0');
        zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
        zip_fread(file, content.data(), stat.size);
        zip_fclose(file);
        entries.emplace(stat.name, std::move(content));
    }
    zip_close(archive);
    return entries;
}

/// An XML part parsed; fails the test when it does not parse.
inline pugi::xml_document parse_xml(std::string const& text) {
    pugi::xml_document document;
    EXPECT_TRUE(document.load_string(text.c_str())) << text.substr(0, 200);
    return document;
}

/// The number of pages of a PDF, counted from its page objects.
inline int pdf_page_count(std::string const& pdf) {
    std::regex const page("/Type /Page[^s]");
    return static_cast<int>(
        std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), page), std::sregex_iterator()));
}

/// Runs `command` with the PDF written to "in.pdf" in `dir` and returns the exit status.
inline int run_on_pdf(temp_dir const& dir, std::string const& pdf, std::string const& command) {
    std::ofstream(dir / "in.pdf", std::ios::binary) << pdf;
    return std::system(command.c_str());
}

#ifdef PHONGTHI_PDFTOTEXT
/// The text of a PDF (or of its page `page` when above 0), as poppler's pdftotext reads it.
inline std::string pdf_text(std::string const& pdf, int page = 0) {
    temp_dir dir;
    std::string const pages =
        page > 0 ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
    std::string const command = std::string(PHONGTHI_PDFTOTEXT) + pages + " -enc UTF-8 '" +
                                (dir / "in.pdf").string() + "' '" + (dir / "out.txt").string() +
                                "' 2>/dev/null";
    EXPECT_EQ(run_on_pdf(dir, pdf, command), 0) << command;
    std::ifstream in(dir / "out.txt", std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}
#endif

} // namespace phongthi::test
