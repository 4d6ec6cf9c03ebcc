#include "server/banks/question_json.hpp"

#include "question-bank/json_bank.hpp"

namespace phongthi::server::question_json {

nlohmann::json to_json(bank_store::stored_question const& q) {
    nlohmann::json body = bank::question_to_json(q.content);
    body.erase("id"); // the file's own id is "code" here; "id" is the stored question's
    if (!q.content.external_id.empty())
        body["code"] = q.content.external_id;
    body["id"] = q.id;
    body["bank_id"] = q.bank_id;
    body["revision"] = q.revision;
    body["retired"] = q.retired;
    body["multiple"] = q.content.is_multiple_answer();
    return body;
}

bank::bank_import read(nlohmann::json body, std::string_view source) {
    body.erase("id");
    if (auto const code = body.find("code"); code != body.end()) {
        body["id"] = *code;
        body.erase("code");
    }
    return bank::read_json_question(body, source);
}

} // namespace phongthi::server::question_json
