#include "server/results/correction_input.hpp"

#include "question-bank/question.hpp"
#include "server/api/api_support.hpp"

#include <algorithm>
#include <set>

namespace phongthi::server::correction_input {

parsed read(json const& body) {
    auto const fail = [](std::string field) { return parsed{std::nullopt, std::move(field)}; };
    exam_results::correction_request request;
    auto const question = body.find("question_id");
    if (question == body.end() || !question->is_number_integer())
        return fail("question_id");
    request.question_id = question->get<std::int64_t>();
    request.reason = string_member(body, "reason").value_or("");
    if (request.reason.empty() || request.reason.size() > max_reason_bytes)
        return fail("reason");
    bool by_indexes = false;
    if (auto const correct = body.find("correct"); correct != body.end()) {
        if (!correct->is_array() || correct->empty())
            return fail("correct");
        for (auto const& index : *correct)
            if (!index.is_number_integer() || index.get<std::int64_t>() < 0 ||
                index.get<std::int64_t>() >= static_cast<std::int64_t>(bank::max_options))
                return fail("correct");
        std::set<std::size_t> const right = [&] {
            std::set<std::size_t> indexes; // a repeated index counts once
            for (auto const& index : *correct)
                indexes.insert(index.get<std::size_t>());
            return indexes;
        }();
        request.weights = std::vector<double>(bank::max_options, 0.0);
        for (auto const index : right)
            (*request.weights)[index] = 100.0 / static_cast<double>(right.size());
        by_indexes = true;
    } else if (auto const weights = body.find("weights"); weights != body.end()) {
        if (!weights->is_array())
            return fail("weights");
        request.weights.emplace();
        for (auto const& w : *weights) {
            if (!w.is_number() || w.get<double>() < -100 || w.get<double>() > 100)
                return fail("weights");
            request.weights->push_back(w.get<double>());
        }
    } else if (auto const mode = string_member(body, "void"); mode) {
        if (*mode != "full_credit" && *mode != "drop")
            return fail("void");
        request.void_mode = *mode;
    } else if (body.value("restore", json()) != true) {
        return fail("correct");
    }
    return {std::move(request), "", by_indexes};
}

std::string fit_to_question(parsed& correction, std::size_t options) {
    auto& weights = correction.request->weights;
    if (!weights)
        return "";
    if (correction.by_indexes) {
        auto const past =
            weights->begin() + static_cast<std::ptrdiff_t>(std::min(options, weights->size()));
        if (std::any_of(past, weights->end(), [](double w) { return w > 0; }))
            return "correct";
        weights->resize(options);
    }
    return weights->size() == options ? "" : "weights";
}

} // namespace phongthi::server::correction_input
