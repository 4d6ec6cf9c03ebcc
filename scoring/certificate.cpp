#include "scoring/certificate.hpp"

#include "scoring/pdf_canvas.hpp"
#include "scoring/qr_code.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace phongthi::scoring {

namespace {

constexpr font_family serif = font_family::serif; // as certificates are printed, in a serif

// "YYYY-MM-DD" as {day, month, year}; empty strings when `date` is not in that form.
std::array<std::string, 3> iso_date_parts(std::string const& date) {
    bool const iso = date.size() == 10 && date[4] == '-' && date[7] == '-';
    if (!iso)
        return {};
    return {date.substr(8, 2), date.substr(5, 2), date.substr(0, 4)};
}

// An ISO date as printed on the certificate, 26/11/2026; any other text as it is.
std::string short_date(std::string const& date) {
    auto const [day, month, year] = iso_date_parts(date);
    return year.empty() ? date : day + "/" + month + "/" + year;
}

// The line above the signature: "Bắc Ninh, ngày 26 tháng 11 năm 2026".
std::string place_and_date(std::string const& place, std::string const& date) {
    auto const [day, month, year] = iso_date_parts(date);
    if (year.empty())
        return place.empty() ? date : place + ", " + date;
    std::string const when = " " + day + " tháng " + month + " năm " + year;
    return place.empty() ? "Ngày" + when : place + ", ngày" + when;
}

// The placeholders a template may use and their values for one holder.
using field_values = std::array<std::pair<std::string_view, std::string>, 8>;

field_values fields_of(certificate_data const& data) {
    return {{{"ho_ten", data.full_name},
             {"ngay_sinh", short_date(data.birth_date)},
             {"don_vi", data.unit},
             {"khoa_hoc", data.course},
             {"lop", data.class_name},
             {"diem", data.score},
             {"xep_loai", data.classification},
             {"ngay_cap", short_date(data.issue_date)}}};
}

// `body` with each placeholder {name} replaced by its value. Throws std::invalid_argument
// naming the first placeholder that is not closed or not a certificate field.
std::string substitute(std::string const& body, field_values const& values) {
    std::string out;
    std::size_t start = 0;
    for (std::size_t open = body.find('{'); open != std::string::npos;
         open = body.find('{', start)) {
        std::size_t const close = body.find('}', open);
        std::size_t const next_open = body.find('{', open + 1);
        if (close == std::string::npos || next_open < close)
            throw std::invalid_argument("Trường chưa đóng trong mẫu: " +
                                        body.substr(open, std::min(next_open, close) - open));
        std::string_view const name = std::string_view(body).substr(open + 1, close - open - 1);
        auto const field = std::find_if(values.begin(), values.end(),
                                        [&](auto const& entry) { return entry.first == name; });
        if (field == values.end())
            throw std::invalid_argument("Trường không hợp lệ trong mẫu: {" + std::string(name) +
                                        "}");
        out += body.substr(start, open - start) + field->second;
        start = close + 1;
    }
    return out + body.substr(start);
}

// One certificate on a new landscape page.
void print_certificate(pdf_canvas& pdf, certificate_template const& t,
                       certificate_data const& data) {
    pdf.add_page(page_orientation::landscape);
    float const width = pdf.page_width();
    float const height = pdf.page_height();
    // The double border, with a small square in each corner between its two lines.
    pdf.rectangle(18, 18, width - 36, height - 36, {3.0F});
    pdf.rectangle(27, 27, width - 54, height - 54, {0.8F});
    for (float const x : {18.0F, width - 27})
        for (float const y : {18.0F, height - 27})
            pdf.fill_rectangle(x, y, 9, 9);

    float const below_heading = print_official_heading(
        pdf, t.issuing_body, {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"},
        42, {13, false, false, serif});
    pdf.text(width / 4 + 10, below_heading + 16, "Số: " + data.serial, {12, false, false, serif},
             text_align::centre);

    pdf.text(width / 2, 175, t.title, {34, true, false, serif}, text_align::centre);
    pdf.text(width / 2, 215, t.recipient_label, {16, false, true, serif}, text_align::centre);
    pdf.text(width / 2, 252, data.full_name, {24, true, false, serif}, text_align::centre);
    pdf.text_box(110, 268, width - 220, substitute(t.body, fields_of(data)),
                 {15, false, false, serif}, text_align::centre);

    // The signature block in the right half, the verification at the bottom left.
    float const signer_x = 3 * width / 4 - 10;
    pdf.text(signer_x, 420, place_and_date(t.place, data.issue_date), {14, false, true, serif},
             text_align::centre);
    pdf.text(signer_x, 440, t.signer_title, {14, true, false, serif}, text_align::centre);
    pdf.text(signer_x, 520, t.signer_name, {14, true, false, serif}, text_align::centre);

    float const qr_size = 92;
    float const qr_top = height - 45 - qr_size;
    pdf.qr(encode_qr(data.verify_url), 55, qr_top, qr_size);
    pdf.text(160, qr_top + 36, "Mã xác thực: " + data.verification_code, {12, true, false, serif});
    pdf.text_box(160, qr_top + 44, 210, "Tra cứu tại: " + data.verify_url,
                 {10, false, false, serif});
}

} // namespace

certificate_template default_certificate_template() {
    certificate_template t;
    t.issuing_body = {"TỈNH ỦY", "TRƯỜNG CHÍNH TRỊ"};
    t.body = "Sinh ngày: {ngay_sinh}\n"
             "Đơn vị: {don_vi}\n"
             "Đã hoàn thành chương trình {khoa_hoc}, lớp {lop}.\n"
             "Kết quả: {diem} điểm, xếp loại {xep_loai}.";
    return t;
}

std::string certificate_template_error(certificate_template const& t) {
    try {
        substitute(t.body, fields_of({}));
    } catch (std::invalid_argument const& error) {
        return error.what();
    }
    return "";
}

std::string write_certificates_pdf(certificate_template const& t,
                                   std::vector<certificate_data> const& certificates,
                                   std::filesystem::path const& font_dir) {
    if (std::string const error = certificate_template_error(t); !error.empty())
        throw std::invalid_argument(error);
    pdf_canvas pdf(font_dir);
    for (certificate_data const& data : certificates)
        print_certificate(pdf, t, data);
    return pdf.finish();
}

} // namespace phongthi::scoring
