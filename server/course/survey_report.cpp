#include "server/course/survey_report.hpp"

#include "question-bank/csv_bank.hpp"

#include <algorithm>
#include <cstdio>

namespace phongthi::server::survey_report {

using nlohmann::json;

std::array<likert_label, survey_store::likert_points> const likert_labels{{
    {"Rất không đồng ý", "Strongly disagree"},
    {"Không đồng ý", "Disagree"},
    {"Phân vân", "Neither agree nor disagree"},
    {"Đồng ý", "Agree"},
    {"Rất đồng ý", "Strongly agree"},
}};

json survey_json(survey_store::survey_record const& survey) {
    return {{"id", survey.id},
            {"exam_id", survey.exam_id},
            {"title", survey.title},
            {"items", survey.items},
            {"comment", survey.comment},
            {"closed", survey.closed},
            {"responses", survey.responses}};
}

json report(survey_store::survey_record const& survey,
            std::vector<survey_store::survey_answer> const& responses) {
    json likert = json::array();
    for (std::size_t i = 0; i < likert_labels.size(); ++i)
        likert.push_back({{"value", i + 1},
                          {"vi", std::string(likert_labels[i].vi)},
                          {"en", std::string(likert_labels[i].en)}});
    json items = json::array();
    for (std::size_t item = 0; item < survey.items.size(); ++item) {
        std::array<int, survey_store::likert_points> counts{};
        int answered = 0;
        double sum = 0;
        for (auto const& r : responses) {
            int const value = item < r.values.size() ? r.values[item] : 0;
            if (value < 1 || value > survey_store::likert_points)
                continue;
            ++counts[static_cast<std::size_t>(value - 1)];
            ++answered;
            sum += value;
        }
        items.push_back({{"text", survey.items[item]},
                         {"counts", counts},
                         {"answered", answered},
                         {"mean", answered == 0 ? json(nullptr) : json(sum / answered)}});
    }
    std::vector<std::string> comments;
    for (auto const& r : responses)
        if (!r.comment.empty())
            comments.push_back(r.comment);
    std::sort(comments.begin(), comments.end());
    return {{"survey", survey_json(survey)},
            {"likert", std::move(likert)},
            {"items", std::move(items)},
            {"comments", std::move(comments)}};
}

std::string report_csv(json const& report) {
    std::vector<std::vector<std::string>> rows;
    rows.push_back({report["survey"]["title"].get<std::string>()});
    rows.push_back({"Số phiếu", std::to_string(report["survey"]["responses"].get<int>())});
    std::vector<std::string> head{"STT", "Nội dung"};
    for (auto const& label : likert_labels)
        head.emplace_back(label.vi);
    head.insert(head.end(), {"Số trả lời", "Điểm trung bình"});
    rows.push_back(std::move(head));
    int number = 0;
    for (auto const& item : report["items"]) {
        std::vector<std::string> row{std::to_string(++number), item["text"].get<std::string>()};
        for (auto const& count : item["counts"])
            row.push_back(std::to_string(count.get<int>()));
        row.push_back(std::to_string(item["answered"].get<int>()));
        char mean[16] = "";
        if (item["mean"].is_number())
            std::snprintf(mean, sizeof mean, "%.2f", item["mean"].get<double>());
        row.emplace_back(mean);
        rows.push_back(std::move(row));
    }
    rows.push_back({"Ý kiến khác"});
    for (auto const& comment : report["comments"])
        rows.push_back({"", comment.get<std::string>()});
    return bank::write_csv_table(rows);
}

} // namespace phongthi::server::survey_report
