// `phongthi report`, `verify-cert`, `revoke-cert` and `settings` on the data directory: the same
// files the API offers, the check of a certificate's code, and the report settings.
#include "server/api/api_support.hpp"
#include "server/auth/password_hasher.hpp"
#include "server/auth/session_token.hpp"
#include "server/cli/cli_support.hpp"
#include "server/cli/commands.hpp"
#include "server/reports/certificates.hpp"
#include "server/reports/report_files.hpp"
#include "server/reports/report_format.hpp"
#include "server/reports/report_settings.hpp"
#include "server/store/data_store.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

namespace phongthi::server {

namespace {

using report_files::report_file;
using report_files::report_kind;

/// The address for QR codes and cards: --url, else the report header's server_url.
std::string server_url_of(command_args const& args, store::data_store& data) {
    if (auto const url = args.value("url"))
        return *url;
    auto url = data.read_side().with(
        [](store::database& db) { return report_settings::read_header(db).server_url; });
    if (url.empty())
        throw usage_error("give --url (the server's address as learners reach it, e.g. "
                          "http://192.168.1.10:8080) or set server_url with `phongthi settings "
                          "report-header`");
    return url;
}

std::runtime_error no_exam(std::int64_t id) {
    return std::runtime_error("no exam " + std::to_string(id));
}

/// A report that only reads: `load` from the database, then `render` in `format`.
template <class Load, class Render>
report_file read_report(store::data_store& data, std::int64_t id, std::string const& format,
                        Load load, Render render) {
    auto const found =
        data.read_side().with([&](store::database& db) { return load(db, id, now_ms()); });
    if (!found)
        throw no_exam(id);
    return render(*found, format);
}

report_file certificates_of(command_args const& args, store::data_store& data, std::int64_t id) {
    auto const base = server_url_of(args, data);
    std::optional<certificates::print_job> job;
    data.write_side().write([&](store::database& db) {
        job = certificates::issue_for_exam(db, id, base, cli_actor(), now_ms());
    });
    if (!job)
        throw no_exam(id);
    if (job->pages.empty())
        throw std::runtime_error("nobody has passed exam " + std::to_string(id));
    std::cout << job->pages.size() << " certificates\n";
    return report_files::certificates_file(*job);
}

/// Login cards; with --reset, new initial passwords (printed on the cards) for the learners who
/// have never signed in.
report_file cards_of(command_args const& args, store::data_store& data, std::int64_t id) {
    auto const base = server_url_of(args, data);
    std::map<std::int64_t, std::string> passwords;
    if (args.flag("reset")) {
        auto const learners = data.read_side().with(
            [&](store::database& db) { return printables::never_signed_in(db, id); });
        std::map<std::int64_t, std::string> hashes;
        for (auto const learner : learners) {
            passwords[learner] = auth::random_password(8);
            hashes[learner] = auth::hash_password(passwords[learner]);
        }
        std::vector<std::int64_t> reset;
        data.write_side().write([&](store::database& db) {
            reset = printables::reset_passwords(db, id, hashes, cli_actor(), now_ms());
        });
        std::erase_if(passwords, [&](auto const& p) {
            return std::find(reset.begin(), reset.end(), p.first) == reset.end();
        });
        std::cout << "new initial passwords for " << reset.size() << " learners\n";
    }
    auto const found = data.read_side().with(
        [&](store::database& db) { return printables::login_cards(db, id, passwords); });
    if (!found)
        throw no_exam(id);
    return report_files::cards_file(*found, base);
}

report_file papers_of(store::data_store& data, std::int64_t id, bool keys) {
    auto const outcome = data.read_side().with(
        [&](store::database& db) { return printables::paper_variants(db, id); });
    if (!outcome.found)
        throw no_exam(id);
    if (!outcome.value)
        throw std::runtime_error("exam " + std::to_string(id) +
                                 " has no published blueprint that can fill its papers");
    auto file = report_files::papers_file(*outcome.value, keys);
    data.write_side().write([&](store::database& db) {
        printables::audit_print(db, id, keys ? "keys" : "papers", cli_actor(), now_ms());
    });
    return file;
}

int report(report_kind kind, command_args const& args) {
    auto const id = parse_id(args.required("exam"));
    if (!id)
        throw usage_error("--exam must be an exam id (a number)");
    auto const format =
        args.value("format").value_or(std::string(report_files::default_format(kind)));
    if (!report_files::offers(kind, format))
        throw usage_error("--format is " + report_files::formats_of(kind) + " for this report");
    auto const out = args.required("o");
    store::data_store data(data_dir_of(args));
    auto const file = [&] {
        switch (kind) {
        case report_kind::class_scores:
            return read_report(data, *id, format, report_data::class_report,
                               report_files::class_file);
        case report_kind::units:
            return read_report(data, *id, format, report_data::unit_notices,
                               report_files::units_file);
        case report_kind::items:
            return read_report(data, *id, format, report_data::item_report,
                               report_files::items_file);
        case report_kind::certificates:
            return certificates_of(args, data, *id);
        case report_kind::cards:
            return cards_of(args, data, *id);
        case report_kind::papers:
        case report_kind::keys:
            break;
        }
        return papers_of(data, *id, kind == report_kind::keys);
    }();
    save_file(file.bytes, out);
    std::cout << out << ": " << file.bytes.size() << " bytes\n";
    return 0;
}

int verify_certificate(command_args const& args, std::string const& typed) {
    auto const code = certificate_store::normalize_code(typed);
    store::data_store data(data_dir_of(args));
    auto const found =
        code.empty() ? std::nullopt : data.read_side().with([&](store::database& db) {
            return certificate_store::find_by_code(db, code);
        });
    if (!found) {
        std::cout << "Không có giấy chứng nhận với mã " << typed << "\n";
        return 1;
    }
    auto const shown = certificates::verification_json(*found);
    if (args.flag("json")) {
        std::cout << shown.dump(2) << "\n";
        return found->revoked ? 1 : 0;
    }
    auto const text = [&](char const* key) { return shown.value(key, ""); };
    std::cout << (found->revoked ? "ĐÃ THU HỒI" : "Hợp lệ") << ": giấy chứng nhận số "
              << found->serial << ", cấp ngày " << report_format::date_text(text("issued_on"))
              << "\n  " << text("full_name") << " (sinh ngày "
              << report_format::date_text(text("birth_date")) << "), " << text("unit") << "\n  "
              << text("course") << ", " << text("class_name") << "\n  " << text("exam_title")
              << ": " << text("score") << " điểm, xếp loại " << text("classification") << "\n";
    return found->revoked ? 1 : 0;
}

int revoke_certificate(command_args const& args, std::string const& typed) {
    auto const code = certificate_store::normalize_code(typed);
    auto const reason = args.required("reason");
    store::data_store data(data_dir_of(args));
    bool revoked = false;
    data.write_side().write([&](store::database& db) {
        revoked = certificate_store::revoke(db, code, reason, cli_actor(), now_ms());
    });
    if (!revoked)
        throw std::runtime_error("no certificate " + typed + " that is still valid");
    std::cout << "revoked " << code << "\n";
    return 0;
}

/// `settings NAME [--json FILE]`: prints the setting, or checks and stores the file's.
template <class T>
int setting(command_args const& args, report_settings::parsed<T> (*parse)(nlohmann::json const&),
            T (*read)(store::database&),
            void (*store)(store::database&, T const&, actor const&, std::int64_t)) {
    store::data_store data(data_dir_of(args));
    if (auto const file = args.value("json")) {
        auto const parsed = parse(read_json_file(*file));
        if (!parsed.value)
            throw std::runtime_error(*file + ": " + parsed.bad_field + " is not valid" +
                                     (parsed.message.empty() ? "" : ": " + parsed.message));
        data.write_side().write(
            [&](store::database& db) { store(db, *parsed.value, cli_actor(), now_ms()); });
    }
    auto const current = data.read_side().with([&](store::database& db) { return read(db); });
    std::cout << report_settings::to_json(current).dump(2) << "\n";
    return 0;
}

} // namespace

int run_report(int argc, char** argv, int first) {
    auto const name = positional(argc, argv, first,
                                 "the report (class, units, items, "
                                 "certificates, cards, papers or keys)");
    auto const kind = report_files::parse_kind(name);
    if (!kind)
        throw usage_error("unknown report \"" + name + "\"");
    return report(*kind, command_args(argc, argv, first + 1, {"exam", "format", "o", "url", "data"},
                                      {"reset"}));
}

int run_verify_cert(int argc, char** argv, int first) {
    auto const code = positional(argc, argv, first, "the verification code");
    return verify_certificate(command_args(argc, argv, first + 1, {"data"}, {"json"}), code);
}

int run_revoke_cert(int argc, char** argv, int first) {
    auto const code = positional(argc, argv, first, "the verification code");
    return revoke_certificate(command_args(argc, argv, first + 1, {"reason", "data"}, {}), code);
}

int run_settings(int argc, char** argv, int first) {
    auto const name = positional(argc, argv, first,
                                 "the setting (report-header, certificate-template or "
                                 "backup-schedule)");
    if (name == "backup-schedule")
        return run_backup_schedule_setting(argc, argv, first + 1);
    command_args const args(argc, argv, first + 1, {"json", "data"}, {});
    if (name == "report-header")
        return setting<report_settings::header_settings>(args, report_settings::parse_header,
                                                         report_settings::read_header,
                                                         report_settings::store_header);
    if (name == "certificate-template")
        return setting<scoring::certificate_template>(args, report_settings::parse_template,
                                                      report_settings::read_template,
                                                      report_settings::store_template);
    throw usage_error("unknown setting \"" + name + "\"");
}

} // namespace phongthi::server
