#include "scoring/bank_review.hpp"

#include "question-bank/base64.hpp"
#include "question-bank/html_sanitizer.hpp"
#include "question-bank/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace phongthi::scoring {

namespace {

constexpr std::string_view title = "Bản in duyệt ngân hàng câu hỏi";
constexpr std::string_view no_topic = "(không có chuyên đề)";
constexpr std::string_view keep_order_note = "Không đảo thứ tự phương án";
constexpr std::string_view check_mark = "✓";
constexpr std::string_view plugin_file = "@@PLUGINFILE@@/";
constexpr std::array levels{bank::cognitive_level::nhan_biet, bank::cognitive_level::thong_hieu,
                            bank::cognitive_level::van_dung, bank::cognitive_level::van_dung_cao};

// "1", "1.5", "33.33": at most two decimals, no trailing zeros.
std::string number_text(double value) {
    std::array<char, 32> buffer{};
    auto const [end, ec] =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), std::round(value * 100) / 100,
                      std::chars_format::fixed, 2);
    std::string text = ec == std::errc() ? std::string(buffer.data(), end) : "0";
    while (text.ends_with('0'))
        text.pop_back();
    if (text.ends_with('.'))
        text.pop_back();
    return text;
}

struct topic_row {
    std::string topic;
    std::array<int, levels.size()> counts{};
    int total = 0;
};

// Questions per topic (in order of first appearance) and level; the last row holds the totals.
std::vector<topic_row> count_by_topic(std::vector<bank::question> const& questions) {
    std::vector<topic_row> rows;
    topic_row all{"Tổng", {}, 0};
    for (auto const& q : questions) {
        std::string const topic = q.topic.empty() ? std::string(no_topic) : q.topic;
        auto row = std::find_if(rows.begin(), rows.end(),
                                [&](topic_row const& r) { return r.topic == topic; });
        if (row == rows.end())
            row = rows.insert(rows.end(), topic_row{topic, {}, 0});
        auto const level = static_cast<std::size_t>(q.level);
        ++row->counts[level];
        ++row->total;
        ++all.counts[level];
        ++all.total;
    }
    rows.push_back(all);
    return rows;
}

std::string letter(std::size_t index) {
    return std::string(1, static_cast<char>('A' + index));
}

// "✓" for a right option, "✓ 50%" when several are right, "-100%" for a penalized wrong one.
std::string option_mark(bank::question const& q, bank::option const& o) {
    if (o.weight > 0)
        return std::string(check_mark) +
               (q.is_multiple_answer() ? " " + number_text(o.weight) + "%" : "");
    return o.weight < 0 ? number_text(o.weight) + "%" : "";
}

// "Chuyên đề: X · Mức độ: Nhận biết · Điểm: 1", and the note when the order must stay.
std::string meta_line(bank::question const& q) {
    std::string line = "Chuyên đề: " + (q.topic.empty() ? std::string(no_topic) : q.topic) +
                       " · Mức độ: " + std::string(bank::level_label(q.level)) +
                       " · Điểm: " + number_text(q.points);
    if (q.is_multiple_answer())
        line += " · Nhiều đáp án đúng";
    if (!q.shuffle_options)
        line += " · " + std::string(keep_order_note);
    return line;
}

std::string summary_line(bank_review const& review) {
    return "Ngày in: " + review.date + " · Số câu hỏi: " + std::to_string(review.questions.size());
}

bool is_picture(bank::media_file const& file) {
    return file.mime_type.starts_with("image/") && file.mime_type != "image/svg+xml";
}

// The question's pictures that none of its texts shows (a plain question's pictures).
std::vector<bank::media_file const*> pictures_apart(bank::question const& q) {
    std::vector<bank::media_file const*> apart;
    for (auto const& file : q.media) {
        std::string const reference = std::string(plugin_file) + file.name;
        bool const shown =
            q.format == bank::text_format::html &&
            (q.stem.find(reference) != std::string::npos ||
             q.explanation.find(reference) != std::string::npos ||
             std::any_of(q.options.begin(), q.options.end(), [&](bank::option const& o) {
                 return o.text.find(reference) != std::string::npos;
             }));
        if (!shown && is_picture(file))
            apart.push_back(&file);
    }
    return apart;
}

// ---------- HTML ----------

std::string data_uri(bank::media_file const& file) {
    return "data:" + file.mime_type + ";base64," + bank::base64_encode(file.data);
}

// A question text as HTML: plain text escaped with its line breaks, HTML sanitized and its
// pictures embedded.
std::string html_text(bank::question const& q, std::string_view text) {
    if (q.format == bank::text_format::plain) {
        std::string html;
        for (char const c : bank::html_escape(text))
            html += c == '\n' ? std::string("<br>") : std::string(1, c);
        return html;
    }
    std::string html = bank::sanitize_html(text);
    for (auto const& file : q.media) {
        if (!is_picture(file))
            continue;
        std::string const reference = "src=\"" + std::string(plugin_file) + file.name + "\"";
        std::string const embedded = "src=\"" + data_uri(file) + "\"";
        for (auto at = html.find(reference); at != std::string::npos;
             at = html.find(reference, at + embedded.size()))
            html.replace(at, reference.size(), embedded);
    }
    return html;
}

constexpr std::string_view html_style = R"(
@page { size: A4; margin: 18mm 16mm 20mm; }
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 10.5pt;
       line-height: 1.4; color: #000; max-width: 180mm; margin: 8mm auto; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
.summary, .meta, .note { color: #333; font-size: 9pt; }
table.counts { border-collapse: collapse; margin: 8pt 0 14pt; }
.counts th, .counts td { border: 1px solid #777; padding: 2pt 6pt; text-align: right; }
.counts th:first-child, .counts td:first-child { text-align: left; }
.counts tr:last-child td { font-weight: bold; }
.question { border-top: 1px solid #bbb; padding: 6pt 0; break-inside: avoid; page-break-inside: avoid; }
.question h2 { font-size: 11pt; margin: 0; }
.stem { margin: 3pt 0; }
ol.options { list-style: none; margin: 3pt 0; padding: 0; }
ol.options li { margin: 1pt 0 1pt 1.8em; text-indent: -1.8em; }
ol.options li.correct { font-weight: bold; }
.mark { color: #060; }
.explanation { font-size: 9.5pt; margin: 3pt 0 0; }
img { max-width: 100%; }
@media print { body { max-width: none; margin: 0; } }
)";

std::string html_counts(std::vector<bank::question> const& questions) {
    std::string html = "<table class=\"counts\"><thead><tr><th>Chuyên đề</th>";
    for (auto const level : levels)
        html += "<th>" + bank::html_escape(bank::level_label(level)) + "</th>";
    html += "<th>Tổng</th></tr></thead><tbody>";
    for (auto const& row : count_by_topic(questions)) {
        html += "<tr><td>" + bank::html_escape(row.topic) + "</td>";
        for (int const count : row.counts)
            html += "<td>" + std::to_string(count) + "</td>";
        html += "<td>" + std::to_string(row.total) + "</td></tr>";
    }
    return html + "</tbody></table>";
}

std::string html_question(bank::question const& q, std::size_t number) {
    std::string html = "<section class=\"question\"><h2>Câu " + std::to_string(number) +
                       "</h2><p class=\"meta\">" + bank::html_escape(meta_line(q)) +
                       "</p><div class=\"stem\">" + html_text(q, q.stem) + "</div>";
    for (auto const* picture : pictures_apart(q))
        html += "<p><img src=\"" + data_uri(*picture) + "\" alt=\"" +
                bank::html_escape(picture->name) + "\"></p>";
    html += "<ol class=\"options\">";
    for (std::size_t i = 0; i < q.options.size(); ++i) {
        auto const& o = q.options[i];
        std::string const mark = option_mark(q, o);
        html += std::string(o.weight > 0 ? "<li class=\"correct\">" : "<li>") + letter(i) + ". " +
                html_text(q, o.text);
        if (!mark.empty())
            html += " <span class=\"mark\">" + bank::html_escape(mark) + "</span>";
        html += "</li>";
    }
    html += "</ol>";
    if (!q.explanation.empty())
        html +=
            "<p class=\"explanation\"><b>Giải thích:</b> " + html_text(q, q.explanation) + "</p>";
    return html + "</section>\n";
}

// ---------- PDF ----------

// A text as the PDF sets it: HTML as its plain text.
std::string pdf_text(bank::question const& q, std::string_view text) {
    return q.format == bank::text_format::html ? bank::html_to_text(text) : std::string(text);
}

} // namespace

std::string write_bank_review_html(bank_review const& review) {
    std::string const name = bank::html_escape(review.bank_name);
    std::string html = "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
                       "<title>" +
                       std::string(title) + " — " + name + "</title><style>" +
                       std::string(html_style) + "</style></head><body>\n<header><h1>" +
                       std::string(title) + "</h1><p><b>Ngân hàng:</b> " + name +
                       "</p><p class=\"summary\">" + bank::html_escape(summary_line(review)) +
                       "</p>" + html_counts(review.questions) + "</header>\n";
    for (std::size_t i = 0; i < review.questions.size(); ++i)
        html += html_question(review.questions[i], i + 1);
    return bank::to_nfc(html + "</body></html>\n");
}

std::string write_bank_review_pdf(bank_review const& review,
                                  std::filesystem::path const& font_dir) {
    pdf_document pdf(font_dir);
    pdf.paragraph(std::string(title), {.size = 16, .bold = true});
    pdf.paragraph("Ngân hàng: " + review.bank_name, {.size = 11, .space_before = 4});
    pdf.paragraph(summary_line(review), {.size = 9});
    pdf.paragraph("Số câu theo chuyên đề và mức độ", {.size = 10, .bold = true, .space_before = 8});
    for (auto const& row : count_by_topic(review.questions)) {
        std::string line = row.topic + ": ";
        for (std::size_t i = 0; i < levels.size(); ++i)
            line += std::string(bank::level_label(levels[i])) + " " +
                    std::to_string(row.counts[i]) + " · ";
        pdf.paragraph(line + "Tổng " + std::to_string(row.total),
                      {.size = 9, .indent = 10, .hanging = 10});
    }
    for (std::size_t n = 0; n < review.questions.size(); ++n) {
        auto const& q = review.questions[n];
        // The number, the details and the first lines of the stem stay on one page.
        pdf.keep_together(pdf_document::line_height(11) + 4 * pdf_document::line_height(10) + 12);
        pdf.paragraph("Câu " + std::to_string(n + 1),
                      {.size = 11, .bold = true, .space_before = 12});
        pdf.paragraph(meta_line(q), {.size = 8.5F});
        pdf.paragraph(pdf_text(q, q.stem), {.size = 10, .space_before = 2});
        for (auto const* picture : pictures_apart(q))
            pdf.paragraph("[Hình: " + picture->name + "]", {.size = 9});
        for (std::size_t i = 0; i < q.options.size(); ++i) {
            auto const& o = q.options[i];
            std::string const mark = option_mark(q, o);
            pdf.paragraph(letter(i) + ". " + pdf_text(q, o.text) +
                              (mark.empty() ? "" : "   " + mark),
                          {.size = 10, .bold = o.weight > 0, .indent = 12, .hanging = 14});
        }
        if (!q.explanation.empty())
            pdf.paragraph("Giải thích: " + pdf_text(q, q.explanation),
                          {.size = 9, .indent = 12, .space_before = 2});
    }
    return pdf.finish();
}

} // namespace phongthi::scoring
