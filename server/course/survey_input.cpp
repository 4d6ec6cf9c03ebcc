#include "server/course/survey_input.hpp"

#include "server/api/api_support.hpp"

namespace phongthi::server::survey_input {

std::optional<std::string_view> read_fields(nlohmann::json const& body,
                                            survey_store::survey_fields& fields) {
    if (read_text_fields(body, {{"title", &fields.title}}) || fields.title.empty() ||
        fields.title.size() > max_title_bytes)
        return "title";
    auto const items = body.find("items");
    if (items == body.end() || !items->is_array() || items->empty() || items->size() > max_items)
        return "items";
    for (auto const& item : *items) {
        if (!item.is_string() || item.get<std::string>().empty() ||
            item.get<std::string>().size() > max_item_bytes)
            return "items";
        fields.items.push_back(item.get<std::string>());
    }
    auto const comment = body.find("comment");
    if (comment != body.end() && !comment->is_boolean())
        return "comment";
    fields.comment = comment == body.end() || comment->get<bool>();
    return std::nullopt;
}

std::optional<refusal> refusal_of(survey_store::survey_result result) {
    using survey_store::survey_result;
    switch (result) {
    case survey_result::no_exam:
        return refusal{404, "exam_not_found"};
    case survey_result::no_survey:
        return refusal{404, "survey_not_found"};
    case survey_result::has_responses:
        return refusal{409, "survey_has_responses"};
    case survey_result::closed:
        return refusal{409, "survey_closed"};
    case survey_result::not_finished:
        return refusal{403, "survey_not_submitted"};
    case survey_result::already_answered:
        return refusal{409, "survey_already_answered"};
    case survey_result::saved:
    case survey_result::unchanged:
        break;
    }
    return std::nullopt;
}

} // namespace phongthi::server::survey_input
