#include "scoring/unit_notices.hpp"

#include "scoring/report_text.hpp"

#include <zip.h>

#include <memory>
#include <set>
#include <stdexcept>

namespace phongthi::scoring {

namespace {

constexpr class_column notice_columns[] = {
    class_column::list_number, class_column::full_name, class_column::birth_date,
    class_column::variant,     class_column::score,     class_column::classification,
    class_column::rank,
};

void print_notice(pdf_document& pdf, report_header const& header, unit_notice const& notice) {
    pdf.page_break();
    print_title_block(pdf, header, "THÔNG BÁO KẾT QUẢ HỌC TẬP");
    pdf.paragraph(notice.addressee,
                  {.size = 11, .bold = true, .space_before = 4, .align = pdf_align::center});
    std::string const school = header.school.empty() ? "Nhà trường" : header.school;
    std::string const course = header.course.empty() ? "" : " tham gia " + header.course;
    pdf.paragraph(school + " thông báo kết quả học tập của các đồng chí học viên thuộc " +
                      notice.unit_name + course + " như sau:",
                  {.size = 10.5F, .space_before = 10});
    pdf.paragraph("", {.size = 4});
    print_class_table(pdf, notice_columns, notice.rows);
    pdf.paragraph("Trân trọng thông báo.", {.size = 10.5F, .space_before = 8});
    print_signature_block(pdf, header,
                          {{"Nơi nhận:", true, 9, pdf_align::left},
                           {"- Như trên;", false, 9, pdf_align::left},
                           {"- Lưu: Văn phòng.", false, 9, pdf_align::left}});
}

// The PDF of `notices`, each from a new page.
std::string notices_pdf(report_header const& header, std::span<unit_notice const> notices,
                        std::filesystem::path const& font_dir) {
    pdf_document pdf(font_dir);
    for (auto const& notice : notices)
        print_notice(pdf, header, notice);
    return pdf.finish();
}

// A name for the unit's file, new in `taken`: "thong-bao-CB01.pdf", "thong-bao-CB01-2.pdf" …
std::string entry_name(unit_notice const& notice, std::size_t index, std::set<std::string>& taken) {
    std::string stem = ascii_name(notice.unit_code);
    stem = "thong-bao-" + (stem.empty() ? "don-vi-" + std::to_string(index + 1) : stem);
    std::string name = stem + ".pdf";
    for (int n = 2; taken.contains(name); ++n)
        name = stem + "-" + std::to_string(n) + ".pdf";
    taken.insert(name);
    return name;
}

struct source_free {
    void operator()(zip_source_t* source) const { zip_source_free(source); }
};

[[noreturn]] void zip_failed(std::string const& what, zip_error_t* error) {
    throw std::runtime_error("cannot write the ZIP of notices (" + what +
                             "): " + zip_error_strerror(error));
}

// The whole content of a libzip source.
std::string read_source(zip_source_t* source) {
    zip_stat_t stat;
    if (zip_source_stat(source, &stat) < 0 || zip_source_open(source) < 0)
        zip_failed("read back", zip_source_error(source));
    std::string bytes(stat.size, '\0');
    zip_int64_t const got = zip_source_read(source, bytes.data(), bytes.size());
    zip_source_close(source);
    if (got != static_cast<zip_int64_t>(bytes.size()))
        zip_failed("read back", zip_source_error(source));
    return bytes;
}

} // namespace

std::string write_unit_notices_pdf(report_header const& header,
                                   std::vector<unit_notice> const& notices,
                                   std::filesystem::path const& font_dir) {
    return notices_pdf(header, notices, font_dir);
}

std::string write_unit_notices_zip(report_header const& header,
                                   std::vector<unit_notice> const& notices,
                                   std::filesystem::path const& font_dir) {
    std::vector<std::string> pdfs; // the archive points into them until it is closed
    for (std::size_t i = 0; i < notices.size(); ++i)
        pdfs.push_back(notices_pdf(header, std::span(notices).subspan(i, 1), font_dir));
    zip_error_t error;
    zip_error_init(&error);
    std::unique_ptr<zip_source_t, source_free> buffer(
        zip_source_buffer_create(nullptr, 0, 0, &error));
    if (!buffer)
        zip_failed("buffer", &error);
    zip_source_keep(buffer.get()); // the archive's close must leave the bytes to read
    zip_t* archive = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
    if (archive == nullptr) {
        zip_source_free(buffer.get()); // the reference kept for the archive
        zip_failed("open", &error);
    }
    std::set<std::string> taken;
    for (std::size_t i = 0; i < notices.size(); ++i) {
        zip_source_t* entry = zip_source_buffer(archive, pdfs[i].data(), pdfs[i].size(), 0);
        if (entry == nullptr || zip_file_add(archive, entry_name(notices[i], i, taken).c_str(),
                                             entry, ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(entry);
            std::string const message = zip_strerror(archive);
            zip_discard(archive);
            throw std::runtime_error("cannot write the ZIP of notices: " + message);
        }
    }
    if (zip_close(archive) < 0) {
        std::string const message = zip_strerror(archive);
        zip_discard(archive);
        throw std::runtime_error("cannot write the ZIP of notices: " + message);
    }
    return read_source(buffer.get());
}

} // namespace phongthi::scoring
