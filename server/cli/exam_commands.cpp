// `phongthi exam` on the data directory: list, create, show, publish, and rebuild a paper. The
// server caches only open exams, so these are safe while it runs; the actions on running exams
// go through the server (live_commands.cpp).
#include "question-bank/blueprint.hpp"
#include "question-bank/paper.hpp"
#include "server/accounts/account_store.hpp"
#include "server/api/api_support.hpp"
#include "server/api/exam_json.hpp"
#include "server/banks/bank_store.hpp"
#include "server/cli/cli_support.hpp"
#include "server/cli/commands.hpp"
#include "server/exams/exam_definition.hpp"
#include "server/exams/exam_secret.hpp"
#include "server/exams/exam_settings.hpp"
#include "server/exams/exam_store.hpp"
#include "server/exams/paper_codec.hpp"
#include "server/store/data_store.hpp"

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>

namespace phongthi::server {

namespace {

exam_store::exam_record find_exam(store::database& db, std::int64_t id) {
    auto exam = exam_store::find_exam(db, id);
    if (!exam)
        throw std::runtime_error("no exam " + std::to_string(id));
    return std::move(*exam);
}

/// The plan of a stored blueprint spec (its banks and frozen pool aside), if it is one.
std::optional<bank::blueprint> plan_of(json spec) {
    spec.erase("bank_ids");
    spec.erase("pool");
    return bank::parse_blueprint(spec).value;
}

std::string const& message_of(exam_check const& check, language lang) {
    return lang == language::en ? check.message_en : check.message_vi;
}

void print_check(exam_check const& check, language lang) {
    if (check.ok())
        std::cout << "check: ok, the banks hold " << check.pool_size << " questions\n";
    else
        std::cout << "check: short\n" << message_of(check, lang) << "\n";
}

int list_exams(command_args const& args) {
    store::data_store data(data_dir_of(args));
    data.read_side().with([&](store::database& db) {
        std::optional<std::int64_t> class_id;
        if (auto const name = args.value("class"))
            class_id = class_id_named(db, *name);
        std::map<std::int64_t, std::string> class_codes;
        for (auto const& c : exam_store::list_classes(db))
            class_codes[c.id] = c.code;
        std::cout << std::left << std::setw(6) << "id" << std::setw(10) << "class" << std::setw(11)
                  << "state" << std::setw(11) << "questions" << std::setw(10) << "minutes"
                  << "title\n";
        for (auto const& e : exam_store::list_exams(db, class_id)) {
            auto const bp = exam_store::latest_blueprint(db, e.id);
            auto const plan = bp ? plan_of(bp->spec) : std::nullopt;
            std::cout << std::setw(6) << e.id << std::setw(10) << class_codes[e.class_id]
                      << std::setw(11) << e.state << std::setw(11)
                      << (plan ? bank::total_questions(*plan) : 0) << std::setw(10)
                      << parse_exam_settings(e.settings).value.duration_minutes << e.title << "\n";
        }
    });
    return 0;
}

/// The request body of POST /api/exams, from the options, the files and the data directory.
json definition_body(command_args const& args, store::data_store& data) {
    auto const blueprint_file = args.required("blueprint");
    json blueprint = read_json_file(blueprint_file);
    if (blueprint.is_object() && blueprint.contains("bank_ids"))
        throw std::runtime_error(blueprint_file +
                                 ": the banks are named with --bank, not by bank_ids in the file");
    auto const bank_names = args.values("bank");
    if (bank_names.empty())
        throw usage_error("option --bank is required");
    json body = {{"title", args.required("title")}};
    if (auto const file = args.value("settings"))
        body["settings"] = read_json_file(*file);
    if (auto const opens = args.value("opens"))
        body["opens_at"] = *opens;
    if (auto const closes = args.value("closes"))
        body["closes_at"] = *closes;
    data.read_side().with([&](store::database& db) {
        body["class_id"] = class_id_named(db, args.required("class"));
        if (!blueprint.is_object())
            return; // parse_definition names the blueprint
        json bank_ids = json::array();
        for (auto const& name : bank_names) {
            auto const bank = bank_store::find_bank_by_name(db, name);
            if (!bank)
                throw std::runtime_error("no bank named \"" + name + "\"");
            bank_ids.push_back(bank->id);
        }
        blueprint["bank_ids"] = std::move(bank_ids);
    });
    body["blueprint"] = std::move(blueprint);
    return body;
}

int create_exam(command_args const& args) {
    auto const lang = language_of(args);
    store::data_store data(data_dir_of(args));
    auto const definition = parse_definition(definition_body(args, data));
    if (!definition.value) {
        for (auto const& e : definition.errors)
            std::cerr << e.field << ": " << error_message(e.code, lang) << "\n";
        return 1;
    }
    auto const& d = *definition.value;
    std::int64_t id = 0;
    data.write_side().write([&](store::database& db) {
        auto const now = now_ms();
        auto const who = cli_actor();
        auto exam = d.exam;
        exam.secret = exam_secret::generate();
        id = exam_store::insert_exam(db, exam, who.user_id, now);
        exam_store::insert_blueprint(db, id, d.blueprint_spec, who.user_id, now);
        account_store::append_audit(db, who, "exam.create", "exam:" + std::to_string(id), "", now);
    });
    auto const check = data.read_side().with(
        [&](store::database& db) { return check_blueprint(db, d.blueprint_spec); });
    std::cout << "created exam " << id << " (draft)\n";
    print_check(check, lang);
    return 0;
}

void print_blueprint(exam_store::blueprint_record const& bp) {
    std::cout << "blueprint: revision " << bp.revision << ", banks "
              << bp.spec.value("bank_ids", json::array()).dump()
              << (bp.spec.contains("pool") ? ", pool frozen" : "") << "\n";
    auto const plan = plan_of(bp.spec);
    if (!plan)
        return;
    std::cout << "  shuffle questions: " << (plan->shuffle_questions ? "yes" : "no")
              << ", options: " << (plan->shuffle_options ? "yes" : "no") << "\n";
    for (auto const& cell : plan->cells) {
        std::cout << "  " << cell.count << " x " << (cell.topic.empty() ? "any topic" : cell.topic)
                  << ", " << bank::level_key(cell.level);
        if (cell.points)
            std::cout << ", " << *cell.points << " points each";
        std::cout << "\n";
    }
}

int show_exam(command_args const& args, std::int64_t id) {
    auto const lang = language_of(args);
    store::data_store data(data_dir_of(args));
    data.read_side().with([&](store::database& db) {
        auto const exam = find_exam(db, id);
        auto const bp = exam_store::latest_blueprint(db, id);
        auto const check = bp ? std::optional(check_blueprint(db, bp->spec)) : std::nullopt;
        json shown = to_json(exam, bp);
        if (args.flag("json")) {
            if (check)
                shown["check"] = to_json(*check);
            std::cout << shown.dump(2) << "\n";
            return;
        }
        std::cout << "exam " << exam.id << ": " << exam.title << "\n";
        for (auto const& c : exam_store::list_classes(db))
            if (c.id == exam.class_id)
                std::cout << "class: " << c.course_code << "/" << c.code << " " << c.name << "\n";
        std::cout << "state: " << exam.state << (exam.published_blueprint_id ? ", published" : "")
                  << "\n";
        for (auto const* key : {"opens_at", "closes_at", "started_at"})
            if (!shown[key].is_null())
                std::cout << key << ": " << shown[key].get<std::string>() << "\n";
        std::cout << "settings:\n";
        for (auto const& [key, value] : shown["settings"].items())
            std::cout << "  " << key << ": " << value.dump() << "\n";
        if (bp)
            print_blueprint(*bp);
        if (check)
            print_check(*check, lang);
    });
    return 0;
}

int publish_exam(command_args const& args, std::int64_t id) {
    auto const lang = language_of(args);
    store::data_store data(data_dir_of(args));
    exam_check check;
    data.write_side().write([&](store::database& db) {
        auto const exam = find_exam(db, id);
        if (exam.state != "draft")
            throw std::runtime_error("exam " + std::to_string(id) + " is " + exam.state +
                                     "; only a draft can be published");
        auto const now = now_ms();
        auto const who = cli_actor();
        auto const latest = exam_store::latest_blueprint(db, id);
        json spec = latest ? latest->spec : json::object();
        spec.erase("pool");
        check = publish_blueprint(db, id, spec, who.user_id, now);
        if (!check.ok())
            return; // publish_blueprint wrote nothing
        exam_store::set_exam_state(db, id, "scheduled");
        account_store::append_audit(db, who, "exam.publish", "exam:" + std::to_string(id), "", now);
    });
    if (!check.ok()) {
        std::cerr << message_of(check, lang) << "\n";
        return 1;
    }
    std::cout << "published exam " << id << ": scheduled, its pool of " << check.pool_size
              << " questions frozen\n";
    return 0;
}

/// The paper drawn again from a blueprint revision's frozen pool and `seed`, in the stored JSON
/// form; null when the revision cannot draw one.
json redraw(std::optional<exam_store::blueprint_record> const& bp, std::uint64_t seed) {
    if (!bp)
        return nullptr;
    auto const plan = plan_of(bp->spec);
    auto const pool = paper_codec::pool_from_json(bp->spec.value("pool", json()));
    if (!plan || !pool)
        return nullptr;
    auto const drawn = bank::draw_paper(*plan, *pool, seed);
    return drawn.value ? paper_codec::paper_to_json(*drawn.value) : json(nullptr);
}

/// One question of a paper as shown: the stem, then the options in paper order, the correct
/// ones marked with * and the candidate's saved choice with "<- chosen".
void print_item(store::database& db, std::size_t n, bank::paper_item const& item,
                std::vector<int> const& chosen) {
    auto const question = bank_store::load_revision(db, item.revision_id);
    std::cout << "\n" << n + 1 << ". (" << item.points << ") ";
    if (!question) {
        std::cout << "[revision " << item.revision_id << " is missing]\n";
        return;
    }
    std::cout << question->stem << "\n";
    for (std::size_t k = 0; k < item.option_order.size(); ++k) {
        auto const index = item.option_order[k];
        if (index < 0 || static_cast<std::size_t>(index) >= question->options.size())
            continue;
        auto const& option = question->options[static_cast<std::size_t>(index)];
        bool const was_chosen = std::find(chosen.begin(), chosen.end(), index) != chosen.end();
        std::cout << "   " << (option.weight > 0 ? '*' : ' ') << " " << static_cast<char>('A' + k)
                  << ". " << option.text << (was_chosen ? "   <- chosen" : "") << "\n";
    }
}

int print_paper(command_args const& args) {
    auto const attempt_id = parse_id(args.required("attempt"));
    if (!attempt_id)
        throw usage_error("--attempt must be a number");
    store::data_store data(data_dir_of(args));
    return data.read_side().with([&](store::database& db) {
        auto const attempt = exam_store::find_attempt(db, *attempt_id);
        auto const exam_id = exam_store::exam_of_attempt(db, *attempt_id);
        if (!attempt || !exam_id)
            throw std::runtime_error("no attempt " + std::to_string(*attempt_id));
        auto const paper = paper_codec::paper_from_json(attempt->paper);
        if (!paper)
            throw std::runtime_error("attempt " + std::to_string(attempt->id) +
                                     " holds no paper this server wrote");
        auto const exam = find_exam(db, *exam_id);
        auto const candidate = account_store::find_user(db, attempt->user_id);
        auto const bp = attempt->blueprint_id
                            ? exam_store::find_blueprint(db, *attempt->blueprint_id)
                            : std::nullopt;
        bool const exact = redraw(bp, attempt->paper_seed) == attempt->paper;
        std::cout << "attempt " << attempt->id << " of exam " << exam.id << " \"" << exam.title
                  << "\"\ncandidate: "
                  << (candidate ? candidate->username + " (" + candidate->full_name + ")" : "?")
                  << ", state " << attempt->state << "\n";
        if (!attempt->variant_code.empty())
            std::cout << "variant: " << attempt->variant_code << "\n";
        std::cout << "blueprint revision: " << (bp ? std::to_string(bp->revision) : "?") << "\n"
                  << "rebuilt exactly: " << (exact ? "yes" : "no") << "\n";
        std::map<int, std::vector<int>> chosen;
        for (auto& answer : exam_store::attempt_answers(db, attempt->id))
            chosen[answer.position] = std::move(answer.choice);
        for (std::size_t n = 0; n < paper->items.size(); ++n)
            print_item(db, n, paper->items[n], chosen[static_cast<int>(n)]);
        if (!exact)
            std::cerr << "the stored paper differs from the one its blueprint revision and seed "
                         "draw\n";
        return exact ? 0 : 1;
    });
}

/// `exam start-code ID`: the code candidates type to join when the exam asks for one; it
/// changes every period, as on the proctor's page.
int print_start_code(command_args const& args, std::int64_t id) {
    store::data_store data(data_dir_of(args));
    auto const exam =
        data.read_side().with([&](store::database& db) { return exam_store::find_exam(db, id); });
    if (!exam || exam->secret.empty())
        throw std::runtime_error("no exam " + std::to_string(id) + " with a start code");
    auto const now = now_ms();
    std::cout << exam_secret::start_code(exam->secret, now) << " (valid until "
              << iso_utc(exam_secret::start_code_period_end(now)) << ")\n";
    return 0;
}

} // namespace

int run_exam(int argc, char** argv, int first) {
    if (first >= argc)
        throw usage_error("an action is missing");
    std::string_view const action = argv[first];
    if (action == "list")
        return list_exams(command_args(argc, argv, first + 1, {"class", "data"}, {}));
    if (action == "create")
        return create_exam(command_args(
            argc, argv, first + 1,
            {"class", "title", "bank", "blueprint", "settings", "opens", "closes", "lang", "data"},
            {}));
    if (action == "show") {
        auto const id = positional_id(argc, argv, first + 1, "the exam id");
        return show_exam(command_args(argc, argv, first + 2, {"lang", "data"}, {"json"}), id);
    }
    if (action == "publish") {
        auto const id = positional_id(argc, argv, first + 1, "the exam id");
        return publish_exam(command_args(argc, argv, first + 2, {"lang", "data"}, {}), id);
    }
    if (action == "start-code") {
        auto const id = positional_id(argc, argv, first + 1, "the exam id");
        return print_start_code(command_args(argc, argv, first + 2, {"data"}, {}), id);
    }
    if (action == "paper")
        return print_paper(command_args(argc, argv, first + 1, {"attempt", "data"}, {}));
    if (action == "fix-key")
        return run_fix_key(argc, argv, first + 1);
    if (is_live_exam_action(action))
        return run_live_exam_action(argc, argv, first);
    throw usage_error("unknown action \"" + std::string(action) + "\"");
}

} // namespace phongthi::server
