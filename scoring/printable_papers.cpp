#include "scoring/printable_papers.hpp"

#include "scoring/pdf_canvas.hpp"
#include "scoring/report_text.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace phongthi::scoring {

namespace {

constexpr float paper_margin = 50;
constexpr float paper_bottom_margin = 56; // room for the page number
constexpr float paper_size = 12;          // the questions' text, in points
constexpr std::size_t most_options = 26;  // A … Z

pdf_font_style paper_font(float size, bool bold = false, bool italic = false) {
    return {size, bold, italic, font_family::serif};
}

std::string option_letter(std::size_t option) {
    return std::string(1, static_cast<char>('A' + option));
}

// Refuses a question whose key does not match its options, naming the variant and question.
void check_variants(std::vector<paper_variant> const& variants) {
    for (paper_variant const& variant : variants)
        for (std::size_t i = 0; i < variant.questions.size(); ++i) {
            printable_question const& q = variant.questions[i];
            std::string const where = "mã đề " + variant.code + ", câu " + std::to_string(i + 1);
            if (q.correct.size() != q.options.size())
                throw std::invalid_argument(where + ": the key has " +
                                            std::to_string(q.correct.size()) + " entries for " +
                                            std::to_string(q.options.size()) + " options");
            if (q.options.size() > most_options)
                throw std::invalid_argument(where + ": more than 26 options");
        }
}

// Pages written top to bottom within the margins, for one variant at a time.
struct page_flow {
    pdf_canvas& pdf;
    float y = 0;

    float left() const { return paper_margin; }
    float width() const { return pdf.page_width() - 2 * paper_margin; }
    float bottom() const { return pdf.page_height() - paper_bottom_margin; }

    void new_page() {
        pdf.add_page();
        y = paper_margin;
    }
    // Starts a new page unless `height` still fits on this one.
    void keep_together(float height) {
        if (y + height > bottom())
            new_page();
    }
};

// The top of every paper, sheet and key: the issuing body, the exam's title and course, the
// duration; then `title` and the variant's code in a box at the right.
void print_paper_heading(page_flow& flow, paper_header const& header, std::string const& title,
                         std::string const& code) {
    pdf_canvas& pdf = flow.pdf;
    flow.y = print_official_heading(pdf, header.issuing_body, {header.exam_title}, flow.y,
                                    paper_font(12));
    // The course and the duration under the title, wrapped within the right half.
    float const half = pdf.page_width() / 2 - paper_margin;
    for (std::string const& line :
         {header.course,
          header.duration_minutes > 0
              ? "Thời gian làm bài: " + std::to_string(header.duration_minutes) + " phút"
              : std::string()})
        if (!line.empty())
            flow.y += pdf.text_box(pdf.page_width() / 2, flow.y, half, line,
                                   paper_font(12, false, true), text_align::centre);
    flow.y += 14;
    float const box_width = 110;
    float const box_left = flow.left() + flow.width() - box_width;
    pdf.rectangle(box_left, flow.y, box_width, 26, {1.0F});
    pdf.text(box_left + box_width / 2, flow.y + 18, "Mã đề " + code, paper_font(14, true),
             text_align::centre);
    if (!title.empty())
        pdf.text(flow.left(), flow.y + 18, title, paper_font(14, true));
    flow.y += 40;
}

// "Họ và tên: ……" and "Số báo danh: ……" with dotted lines to write on.
void print_name_lines(page_flow& flow) {
    pdf_stroke const dotted{0.6F, 1, 0};
    for (char const* label : {"Họ và tên:", "Số báo danh:"}) {
        flow.y += pdf_canvas::line_height(paper_size);
        flow.pdf.text(flow.left(), flow.y, label, paper_font(paper_size));
        float const start = flow.left() + flow.pdf.text_width(label, paper_font(paper_size)) + 6;
        flow.pdf.line(start, flow.y + 1, flow.left() + flow.width() * 0.7F, flow.y + 1, dotted);
    }
    flow.y += 14;
}

// Places `count` cells column by column in `columns` columns from flow.y, each column starting
// with `header_rows` rows of its own; the rows are balanced between the columns and a new page
// starts when the page is full. place(index, column, row, top) draws cell `index` in row `row`
// (after the header rows) of `column` of the grid that starts at `top`.
template <typename Place>
void lay_out_grid(page_flow& flow, std::size_t count, std::size_t columns, float row_height,
                  std::size_t header_rows, Place const& place) {
    for (std::size_t done = 0; done < count;) {
        auto const fit =
            static_cast<std::size_t>(std::max(0.0F, (flow.bottom() - flow.y) / row_height));
        if (fit <= header_rows) {
            flow.new_page();
            continue;
        }
        std::size_t const rows =
            std::min(fit - header_rows, (count - done + columns - 1) / columns);
        std::size_t const on_page = std::min(count - done, rows * columns);
        for (std::size_t k = 0; k < on_page; ++k)
            place(done + k, k / rows, k % rows, flow.y);
        done += on_page;
        flow.y += row_height * static_cast<float>(rows + header_rows);
        if (done < count)
            flow.new_page();
    }
}

// "Mã đề 101 - Trang n/N" at the foot of the pages from `first` to the last one.
void number_pages(pdf_canvas& pdf, int first, std::string const& code) {
    int const last = pdf.page_count();
    for (int page = first; page < last; ++page) {
        pdf.select_page(page);
        pdf.text(pdf.page_width() / 2, pdf.page_height() - 28,
                 "Mã đề " + code + " - Trang " + std::to_string(page - first + 1) + "/" +
                     std::to_string(last - first),
                 paper_font(9), text_align::centre);
    }
    pdf.select_page(last - 1);
}

// "Câu n." in bold and the stem beside it, then the options "A." "B." … below; a question that
// fits on a page is not split.
void print_question(page_flow& flow, printable_question const& q, std::size_t number) {
    pdf_canvas& pdf = flow.pdf;
    std::string const label = "Câu " + std::to_string(number) + ".";
    float const stem_left = flow.left() + pdf.text_width(label + " ", paper_font(paper_size, true));
    float const stem_width = flow.left() + flow.width() - stem_left;
    float const option_left = flow.left() + 36;
    float const option_width = flow.left() + flow.width() - option_left;
    float height = pdf.text_box_height(stem_width, q.stem, paper_font(paper_size));
    for (std::string const& option : q.options)
        height += pdf.text_box_height(option_width, option, paper_font(paper_size));
    flow.keep_together(height + 8);

    pdf.text(flow.left(), flow.y + paper_size, label, paper_font(paper_size, true));
    flow.y += pdf.text_box(stem_left, flow.y, stem_width, q.stem, paper_font(paper_size));
    for (std::size_t i = 0; i < q.options.size(); ++i) {
        flow.keep_together(pdf_canvas::line_height(paper_size));
        pdf.text(flow.left() + 16, flow.y + paper_size, option_letter(i) + ".",
                 paper_font(paper_size, true));
        flow.y +=
            pdf.text_box(option_left, flow.y, option_width, q.options[i], paper_font(paper_size));
    }
    flow.y += 8;
}

// The answer sheet: a row of lettered bubbles per question, in four columns.
void print_answer_sheet(page_flow& flow, paper_header const& header, paper_variant const& variant) {
    flow.new_page();
    print_paper_heading(flow, header, "PHIẾU TRẢ LỜI TRẮC NGHIỆM", variant.code);
    print_name_lines(flow);
    flow.pdf.text(flow.left(), flow.y, "Tô kín một ô tròn cho phương án chọn ở mỗi câu.",
                  paper_font(11, false, true));
    flow.y += 14;
    constexpr std::size_t columns = 4;
    constexpr float row_height = 20;
    float const column_width = flow.width() / columns;
    lay_out_grid(flow, variant.questions.size(), columns, row_height, 0,
                 [&](std::size_t i, std::size_t column, std::size_t row, float top) {
                     float const x = flow.left() + column_width * static_cast<float>(column);
                     float const y = top + row_height * (static_cast<float>(row) + 0.5F);
                     flow.pdf.text(x + 24, y + 3.5F, std::to_string(i + 1) + ".",
                                   paper_font(10, true), text_align::right);
                     for (std::size_t option = 0; option < variant.questions[i].options.size();
                          ++option) {
                         float const centre = x + 38 + 19 * static_cast<float>(option);
                         flow.pdf.circle(centre, y, 6.5F, {0.7F});
                         flow.pdf.text(centre, y + 2.5F, option_letter(option), paper_font(7),
                                       text_align::centre);
                     }
                 });
}

// The right options of a question: "A", or "A, C" when several are right.
std::string key_of(printable_question const& q) {
    std::string key;
    for (std::size_t i = 0; i < q.correct.size(); ++i)
        if (q.correct[i])
            key += (key.empty() ? "" : ", ") + option_letter(i);
    return key;
}

// The key of one variant as a table câu | đáp án | điểm in three blocks across the page.
void print_key(page_flow& flow, paper_variant const& variant) {
    constexpr std::size_t blocks = 3;
    constexpr float row_height = 18;
    constexpr float gap = 14;
    float const block_width = (flow.width() - gap * (blocks - 1)) / blocks;
    std::array<float, 3> const cell = {block_width * 0.25F, block_width * 0.45F,
                                       block_width * 0.30F};
    std::array<char const*, 3> const titles = {"Câu", "Đáp án", "Điểm"};
    auto const row = [&](float x, float y, std::array<std::string, 3> const& texts, bool head) {
        for (std::size_t c = 0; c < cell.size(); ++c) {
            if (head)
                flow.pdf.fill_rectangle(x, y, cell[c], row_height, 0.88F);
            flow.pdf.rectangle(x, y, cell[c], row_height);
            flow.pdf.text(x + cell[c] / 2, y + 13, texts[c], paper_font(11, head || c == 1),
                          text_align::centre);
            x += cell[c];
        }
    };
    double total = 0;
    lay_out_grid(flow, variant.questions.size(), blocks, row_height, 1,
                 [&](std::size_t i, std::size_t block, std::size_t r, float top) {
                     float const x = flow.left() + (block_width + gap) * static_cast<float>(block);
                     if (r == 0)
                         row(x, top, {titles[0], titles[1], titles[2]}, true);
                     printable_question const& q = variant.questions[i];
                     total += q.points;
                     row(x, top + row_height * static_cast<float>(r + 1),
                         {std::to_string(i + 1), key_of(q), decimal_text(q.points, 2, ',')}, false);
                 });
    flow.y += 16;
    flow.keep_together(pdf_canvas::line_height(12));
    flow.pdf.text(flow.left(), flow.y + 12,
                  "Số câu: " + std::to_string(variant.questions.size()) +
                      ". Tổng điểm: " + decimal_text(total, 2, ','),
                  paper_font(12, true));
}

// The paper's questions and its end mark.
void print_questions(page_flow& flow, paper_variant const& variant) {
    for (std::size_t i = 0; i < variant.questions.size(); ++i)
        print_question(flow, variant.questions[i], i + 1);
    flow.keep_together(pdf_canvas::line_height(paper_size));
    flow.pdf.text(flow.pdf.page_width() / 2, flow.y + paper_size, "----- HẾT -----",
                  paper_font(paper_size, true), text_align::centre);
}

// Every variant from a new page, its pages numbered per variant: the paper followed by its
// answer sheet, or the answer key.
std::string write_variants(paper_header const& header, std::vector<paper_variant> const& variants,
                           std::filesystem::path const& font_dir, bool answer_keys) {
    check_variants(variants);
    pdf_canvas pdf(font_dir);
    page_flow flow{pdf};
    for (paper_variant const& variant : variants) {
        flow.new_page();
        int const first_page = pdf.page_count() - 1;
        print_paper_heading(flow, header, answer_keys ? "ĐÁP ÁN" : "", variant.code);
        if (answer_keys) {
            print_key(flow, variant);
        } else {
            print_name_lines(flow);
            print_questions(flow, variant);
        }
        number_pages(pdf, first_page, variant.code);
        if (!answer_keys)
            print_answer_sheet(flow, header, variant);
    }
    return pdf.finish();
}

} // namespace

std::string write_papers_pdf(paper_header const& header, std::vector<paper_variant> const& variants,
                             std::filesystem::path const& font_dir) {
    return write_variants(header, variants, font_dir, false);
}

std::string write_answer_keys_pdf(paper_header const& header,
                                  std::vector<paper_variant> const& variants,
                                  std::filesystem::path const& font_dir) {
    return write_variants(header, variants, font_dir, true);
}

} // namespace phongthi::scoring
