#include "scoring/item_report.hpp"

#include "scoring/report_text.hpp"

#include <cmath>

namespace phongthi::scoring {

namespace {

double or_nan(std::optional<double> value) {
    return value ? *value : std::nan("");
}

} // namespace

std::string flag_text_vi(item_flag flag) {
    switch (flag) {
    case item_flag::too_easy:
        return "Quá dễ";
    case item_flag::too_hard:
        return "Quá khó";
    case item_flag::negative_discrimination:
        return "Độ phân biệt âm";
    case item_flag::weak_discrimination:
        return "Độ phân biệt thấp";
    case item_flag::unused_distractor:
        return "Có phương án nhiễu không ai chọn";
    case item_flag::distractor_beats_key:
        return "Phương án nhiễu tương quan cao hơn đáp án";
    }
    return "";
}

std::vector<summary_line> item_summary_lines(test_statistics const& test) {
    return {
        {"Số thí sinh", static_cast<double>(test.candidates), summary_kind::count},
        {"Số câu hỏi", static_cast<double>(test.questions), summary_kind::count},
        {"Điểm trung bình", or_nan(test.mean), summary_kind::score},
        {"Độ lệch chuẩn", or_nan(test.standard_deviation), summary_kind::score},
        {"Hệ số KR-20", or_nan(test.kr20), summary_kind::score},
        {"Hệ số Cronbach alpha", or_nan(test.alpha), summary_kind::score},
        {"Sai số chuẩn đo lường (SEM)", or_nan(test.standard_error), summary_kind::score},
    };
}

std::string item_column_header(item_column column) {
    switch (column) {
    case item_column::label:
        return "Câu";
    case item_column::stem:
        return "Nội dung";
    case item_column::difficulty:
        return "Độ khó (p)";
    case item_column::discrimination:
        return "Độ phân biệt (r)";
    case item_column::upper_lower:
        return "Nhóm trên - nhóm dưới";
    case item_column::unanswered:
        return "Bỏ trống";
    case item_column::flags:
        return "Cảnh báo";
    }
    return "";
}

double item_value(item_report const& report, std::size_t index, item_column column) {
    item_statistics const& item = report.analysis.items.at(index);
    switch (column) {
    case item_column::difficulty:
        return or_nan(item.difficulty);
    case item_column::discrimination:
        return or_nan(item.corrected_point_biserial);
    case item_column::upper_lower:
        return or_nan(item.upper_lower);
    case item_column::unanswered:
        return item.unanswered_share;
    case item_column::label:
    case item_column::stem:
    case item_column::flags:
        break;
    }
    return std::nan("");
}

std::string item_cell(item_report const& report, std::size_t index, item_column column,
                      char point) {
    bool const has_text = index < report.questions.size();
    switch (column) {
    case item_column::label:
        return has_text ? report.questions[index].label : "Câu " + std::to_string(index + 1);
    case item_column::stem:
        return has_text ? report.questions[index].stem : "";
    case item_column::unanswered:
        return percent_text(item_value(report, index, column), point);
    case item_column::flags: {
        std::string text;
        for (auto const flag : report.analysis.items.at(index).flags)
            text += (text.empty() ? "" : "; ") + flag_text_vi(flag);
        return text;
    }
    case item_column::difficulty:
    case item_column::discrimination:
    case item_column::upper_lower:
        break;
    }
    return decimal_text(item_value(report, index, column), 2, point);
}

std::vector<pdf_bar> option_bars(item_report const& report, std::size_t index) {
    auto const& options = report.analysis.items.at(index).options;
    std::vector<pdf_bar> bars;
    for (std::size_t o = 0; o < options.size(); ++o) {
        std::string label(1, static_cast<char>('A' + o % 26));
        if (index < report.questions.size() && o < report.questions[index].options.size())
            label += ". " + report.questions[index].options[o];
        if (options[o].key)
            label += " (đáp án)";
        bars.push_back(
            {label, options[o].share, options[o].key, percent_text(options[o].share, ',')});
    }
    return bars;
}

} // namespace phongthi::scoring
