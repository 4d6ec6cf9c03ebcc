#include "server/banks/bank_import_job.hpp"

#include "question-bank/import_report.hpp"
#include "server/accounts/account_store.hpp"
#include "server/banks/bank_store.hpp"

#include <nlohmann/json.hpp>

namespace phongthi::server {

bool may_import(bank::bank_import const& report, bool partial) {
    return !report.questions.empty() && (partial || !report.has_errors());
}

std::int64_t store_import(store::database& db, std::string_view bank_name,
                          std::string_view file_name, bank::bank_import& report, actor const& who,
                          std::int64_t now) {
    std::int64_t bank_id = 0;
    if (auto const existing = bank_store::find_bank_by_name(db, bank_name)) {
        bank_id = existing->id;
        bank::report_existing_duplicates(report, bank_store::load_bank_questions(db, bank_id));
        bank_store::add_questions(db, bank_id, who.user_id, report.questions, now);
    } else {
        bank_id = bank_store::insert_bank(db, bank_name, report.description, who.user_id,
                                          report.questions, now);
    }
    account_store::append_audit(db, who, "bank.import", std::string(bank_name),
                                nlohmann::json{{"file", file_name},
                                               {"questions", report.questions.size()},
                                               {"problems", report.problems.size()}}
                                    .dump(),
                                now);
    return bank_id;
}

} // namespace phongthi::server
