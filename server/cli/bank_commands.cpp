#include "question-bank/bank_formats.hpp"
#include "question-bank/import_report.hpp"
#include "scoring/bank_review.hpp"
#include "server/accounts/account_store.hpp"
#include "server/api/api_support.hpp"
#include "server/banks/bank_import_job.hpp"
#include "server/banks/bank_store.hpp"
#include "server/banks/question_json.hpp"
#include "server/cli/args.hpp"
#include "server/cli/cli_support.hpp"
#include "server/cli/commands.hpp"
#include "server/store/data_store.hpp"

#include <fstream>
#include <iomanip>
#include <iostream>
#include <span>
#include <sstream>

namespace phongthi::server {

namespace {

std::string read_whole_file(std::filesystem::path const& file) {
    std::error_code ec;
    auto const size = std::filesystem::file_size(file, ec);
    if (ec)
        throw std::runtime_error("cannot read " + file.string() + ": " + ec.message());
    if (size > bank::import_limits::file_bytes)
        throw std::runtime_error(file.string() + " is larger than 64 MB");
    std::ifstream in(file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

std::optional<bank::bank_format> format_option(command_args const& args) {
    auto const key = args.value("format");
    if (!key)
        return std::nullopt;
    auto const format = bank::parse_format(*key);
    if (!format)
        throw usage_error("--format must be json, gift, aiken, xml, csv, xlsx or docx");
    return format;
}

bank::message_language language_option(command_args const& args) {
    return args.value("lang").value_or("vi") == "en" ? bank::message_language::en
                                                     : bank::message_language::vi;
}

/// One line a problem, as a compiler prints: file:line: question N: message.
void print_problems(std::span<bank::problem const> problems, bank::message_language lang) {
    for (auto const& p : problems) {
        std::cerr << p.file;
        if (p.line > 0)
            std::cerr << ":" << p.line;
        std::cerr << ": " << (p.level == bank::severity::error ? "error" : "warning");
        if (p.question_number > 0)
            std::cerr << ": question " << p.question_number;
        if (!p.field.empty())
            std::cerr << " (" << p.field << ")";
        std::cerr << ": " << (lang == bank::message_language::en ? p.message_en : p.message_vi)
                  << "\n";
    }
}

bank::bank_import read_bank_file(command_args const& args, std::string const& file) {
    std::string const bytes = read_whole_file(file);
    return bank::read_bank(bytes, std::filesystem::path(file).filename().string(),
                           format_option(args));
}

int validate(command_args const& args, std::string const& file) {
    auto const report = read_bank_file(args, file);
    auto const lang = language_option(args);
    if (args.flag("json")) {
        std::cout << bank::import_report(report, lang).dump(2) << "\n";
    } else {
        print_problems(report.problems, lang);
        std::cout << report.questions.size() << " questions read\n";
    }
    return report.has_errors() ? 1 : 0;
}

int import_file(command_args const& args, std::string const& file) {
    std::string const bank_name = args.required("bank");
    auto report = read_bank_file(args, file);
    auto const lang = language_option(args);
    print_problems(report.problems, lang);
    if (!may_import(report, args.flag("partial"))) {
        std::cerr << "nothing imported"
                  << (report.has_errors() ? " (fix the errors, or use --partial to take the "
                                            "good questions)"
                                          : "")
                  << "\n";
        return 1;
    }
    std::size_t const read_problems = report.problems.size();
    store::data_store data(data_dir_of(args));
    data.write_side().write([&](store::database& db) {
        store_import(db, bank_name, std::filesystem::path(file).filename().string(), report,
                     cli_actor(), now_ms());
    });
    print_problems(std::span(report.problems).subspan(read_problems), lang); // already in the bank
    std::cout << "imported " << report.questions.size() << " questions into \"" << bank_name
              << "\"\n";
    return 0;
}

/// The live questions of the bank called `bank_name`; throws when there is no such bank.
std::vector<bank::question> load_named_bank(command_args const& args,
                                            std::string const& bank_name) {
    store::data_store data(data_dir_of(args));
    return data.read_side().with([&](store::database& db) {
        auto const bank = bank_store::find_bank_by_name(db, bank_name);
        if (!bank)
            throw std::runtime_error("no bank named \"" + bank_name + "\"");
        return bank_store::load_bank_questions(db, bank->id);
    });
}

void write_file(std::string const& out, std::string const& bytes) {
    std::ofstream file(out, std::ios::binary);
    file << bytes;
    if (!file.flush())
        throw std::runtime_error("cannot write " + out);
}

int export_bank(command_args const& args, std::string const& bank_name) {
    auto const format = format_option(args);
    if (!format)
        throw usage_error("--format is required");
    std::string const out = args.required("o");
    auto const questions = load_named_bank(args, bank_name);
    auto const written = bank::write_bank(questions, *format, bank_name);
    for (auto const& p : written.skipped)
        std::cerr << "warning: " << p.message_en << "\n";
    write_file(out, written.bytes);
    std::cout << "exported " << questions.size() - written.skipped.size() << " questions to " << out
              << "\n";
    return 0;
}

int review_bank(command_args const& args, std::string const& bank_name) {
    std::string const format = args.value("format").value_or("");
    if (format != "html" && format != "pdf")
        throw usage_error("--format must be html or pdf");
    std::string const out = args.required("o");
    scoring::bank_review const review{bank_name, iso_utc(now_ms()).substr(0, 10),
                                      load_named_bank(args, bank_name)};
    write_file(out, format == "pdf" ? scoring::write_bank_review_pdf(review)
                                    : scoring::write_bank_review_html(review));
    std::cout << "wrote the review of " << review.questions.size() << " questions to " << out
              << "\n";
    return 0;
}

int list_banks(command_args const& args) {
    store::data_store data(data_dir_of(args));
    auto const banks =
        data.read_side().with([](store::database& db) { return bank_store::list_banks(db); });
    for (auto const& b : banks)
        std::cout << std::left << std::setw(6) << b.id << std::setw(8) << b.question_count << b.name
                  << "\n";
    return 0;
}

/// `bank question QID [--json FILE]`: prints the stored question, or first revises it with the
/// question in FILE (the JSON the page edits; audited as question.revise).
int show_or_revise_question(command_args const& args, std::int64_t id) {
    store::data_store data(data_dir_of(args));
    if (auto const file = args.value("json")) {
        auto report = question_json::read(read_json_file(*file), *file);
        if (report.has_errors() || report.questions.empty()) {
            print_problems(report.problems, language_option(args));
            throw std::runtime_error(*file + ": the question is not valid; nothing changed");
        }
        std::optional<int> revision;
        data.write_side().write([&](store::database& db) {
            auto const now = now_ms();
            revision =
                bank_store::revise_question(db, id, report.questions.front(), std::nullopt, now);
            if (revision)
                account_store::append_audit(db, cli_actor(), "question.revise",
                                            "question:" + std::to_string(id),
                                            json{{"revision", *revision}}.dump(), now);
        });
        if (!revision)
            throw std::runtime_error("no question " + std::to_string(id));
    }
    auto const found = data.read_side().with(
        [&](store::database& db) { return bank_store::find_question(db, id); });
    if (!found)
        throw std::runtime_error("no question " + std::to_string(id));
    std::cout << question_json::to_json(*found).dump(2) << "\n";
    return 0;
}

/// `bank retire|restore QID`: a retired question stays in the bank (papers already drawn keep
/// it) but is drawn no more.
int set_question_retired(command_args const& args, std::int64_t id, bool retired) {
    store::data_store data(data_dir_of(args));
    bool found = false;
    data.write_side().write([&](store::database& db) {
        auto const now = now_ms();
        found = bank_store::set_retired(db, id, retired, now);
        if (found)
            account_store::append_audit(db, cli_actor(),
                                        retired ? "question.retire" : "question.restore",
                                        "question:" + std::to_string(id), "", now);
    });
    if (!found)
        throw std::runtime_error("no question " + std::to_string(id));
    std::cout << "question " << id << (retired ? " retired" : " restored") << "\n";
    return 0;
}

} // namespace

int run_bank(int argc, char** argv, int first) {
    if (first >= argc)
        throw usage_error("an action is missing");
    std::string_view const action = argv[first];
    if (action == "validate") {
        std::string const file = positional(argc, argv, first + 1, "the file");
        return validate(command_args(argc, argv, first + 2, {"format", "lang"}, {"json"}), file);
    }
    if (action == "import") {
        std::string const file = positional(argc, argv, first + 1, "the file");
        return import_file(
            command_args(argc, argv, first + 2, {"bank", "format", "lang", "data"}, {"partial"}),
            file);
    }
    if (action == "export") {
        std::string const name = positional(argc, argv, first + 1, "the bank name");
        return export_bank(command_args(argc, argv, first + 2, {"format", "o", "data"}, {}), name);
    }
    if (action == "review") {
        std::string const name = positional(argc, argv, first + 1, "the bank name");
        return review_bank(command_args(argc, argv, first + 2, {"format", "o", "data"}, {}), name);
    }
    if (action == "list")
        return list_banks(command_args(argc, argv, first + 1, {"data"}, {}));
    if (action == "question" || action == "retire" || action == "restore") {
        auto const id = positional_id(argc, argv, first + 1, "the question id");
        if (action == "question")
            return show_or_revise_question(
                command_args(argc, argv, first + 2, {"json", "lang", "data"}, {}), id);
        return set_question_retired(command_args(argc, argv, first + 2, {"data"}, {}), id,
                                    action == "retire");
    }
    throw usage_error("unknown action \"" + std::string(action) + "\"");
}

} // namespace phongthi::server
