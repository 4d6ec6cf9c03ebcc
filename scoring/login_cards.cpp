#include "scoring/login_cards.hpp"

#include "scoring/code128.hpp"
#include "scoring/pdf_canvas.hpp"
#include "scoring/qr_code.hpp"

namespace phongthi::scoring {

namespace {

constexpr int card_columns = 2;
constexpr int card_rows = 4;
constexpr int cards_per_page = card_columns * card_rows;
constexpr float card_padding = 14;
constexpr float card_qr_size = 78;
constexpr float code128_module = 1.0F; // points: 0.35 mm, read by every check-in scanner
constexpr float code128_quiet = 10 * code128_module;

// The dashed lines to cut along: between the columns and between the rows.
void print_cut_lines(pdf_canvas& pdf) {
    pdf_stroke const dashed{0.4F, 3, 0.5F};
    float const width = pdf.page_width();
    float const height = pdf.page_height();
    pdf.line(width / 2, 0, width / 2, height, dashed);
    for (int row = 1; row < card_rows; ++row) {
        float const y = height * static_cast<float>(row) / card_rows;
        pdf.line(0, y, width, y, dashed);
    }
}

// One line "label: value" at `y` in the text column; returns the y below it.
float labelled(pdf_canvas& pdf, float x, float y, float width, std::string const& label,
               std::string const& value, pdf_font_style const& value_style) {
    pdf_font_style const label_style{9};
    float const label_width = pdf.text_width(label + " ", label_style);
    pdf.text(x, y + value_style.size, label, label_style);
    float const used = pdf.text_box(x + label_width, y, width - label_width, value, value_style);
    return y + used;
}

// The card whose top-left corner is (`left`, `top`).
void print_card(pdf_canvas& pdf, std::string_view title, std::string_view server_url,
                login_card const& card, float left, float top) {
    float const card_width = pdf.page_width() / card_columns;
    float const x = left + card_padding;
    float const inner = card_width - 2 * card_padding;
    float y = top + card_padding;
    y += pdf.text_box(x, y, inner, title, {10, true}, text_align::centre) + 4;

    float const qr_left = left + card_width - card_padding - card_qr_size;
    float const y_qr = y;
    pdf.qr(encode_qr(card.candidate_code), qr_left, y_qr, card_qr_size);
    float const column = qr_left - x - 8;
    y += pdf.text_box(x, y, column, card.full_name, {12, true}) + 1;
    pdf_font_style const value{9};
    y = labelled(pdf, x, y, column, "Đơn vị:", card.unit, value);
    y = labelled(pdf, x, y, column, "Lớp:", card.class_name, value);
    pdf_font_style const account{11, true, false, font_family::mono};
    y = labelled(pdf, x, y + 3, column, "Tài khoản:", card.username, account);
    if (card.initial_password.empty()) {
        float const label_width = pdf.text_width("Mật khẩu: ", value);
        pdf.text(x, y + 3 + account.size, "Mật khẩu:", value);
        pdf.rectangle(x + label_width, y + 1, column - label_width, account.size + 6);
        y += account.size + 9;
    } else {
        y = labelled(pdf, x, y + 3, column, "Mật khẩu:", card.initial_password, account);
    }
    // The seat under the QR code, large enough for the proctor to read across the room.
    float const qr_centre = qr_left + card_qr_size / 2;
    float const qr_bottom = y_qr + card_qr_size;
    if (!card.seat.empty()) {
        pdf.text(qr_centre, qr_bottom + 10, "Chỗ ngồi", {8}, text_align::centre);
        pdf.text(qr_centre, qr_bottom + 24, card.seat, {12, true}, text_align::centre);
    }

    // The foot: the server's address, the bars and the code under them.
    float const card_bottom = top + pdf.page_height() / card_rows - card_padding;
    code128_symbol const bars = encode_code128(card.candidate_code);
    float const bars_width = static_cast<float>(bars.modules) * code128_module;
    float const bars_top = card_bottom - 12 - 30;
    pdf.code128(bars, x + code128_quiet, bars_top, bars_width, 30);
    pdf.text(x + code128_quiet + bars_width / 2, card_bottom, card.candidate_code,
             {9, false, false, font_family::mono}, text_align::centre);
    pdf.text_box(x, bars_top - pdf_canvas::line_height(8) - 3, inner,
                 "Địa chỉ: " + std::string(server_url), {8});
}

} // namespace

std::string write_login_cards_pdf(std::string_view title, std::string_view server_url,
                                  std::vector<login_card> const& cards,
                                  std::filesystem::path const& font_dir) {
    pdf_canvas pdf(font_dir);
    for (std::size_t i = 0; i < cards.size(); ++i) {
        if (i % cards_per_page == 0) {
            pdf.add_page();
            print_cut_lines(pdf);
        }
        auto const slot = static_cast<int>(i % cards_per_page);
        print_card(pdf, title, server_url, cards[i],
                   pdf.page_width() / card_columns * static_cast<float>(slot % card_columns),
                   pdf.page_height() / card_rows * static_cast<float>(slot / card_columns));
    }
    return pdf.finish();
}

} // namespace phongthi::scoring
