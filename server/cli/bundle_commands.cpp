// `phongthi export-results`, `verify`, `server-key` and `import-results`: the signed result
// bundles that carry an exam's results to the provincial office (docs/DEPLOY.md).
#include "server/accounts/account_store.hpp"
#include "server/api/api_support.hpp"
#include "server/auth/session_token.hpp"
#include "server/bundles/bundle_document.hpp"
#include "server/bundles/bundle_file.hpp"
#include "server/bundles/bundle_import.hpp"
#include "server/cli/cli_support.hpp"
#include "server/cli/commands.hpp"
#include "server/keys/signing_key.hpp"
#include "server/store/data_dir_lock.hpp"
#include "server/store/data_store.hpp"
#include "server/store/database.hpp"

#include <iostream>

namespace phongthi::server {

namespace {

/// The text of `vi` or `en` as the --lang option asks.
std::string in_language(language lang, std::string const& vi, std::string const& en) {
    return lang == language::en ? en : vi;
}

/// The checked bundle in `file`; throws std::runtime_error with what is wrong in `lang`.
bundle_file::checked checked_bundle(std::string const& file, std::string_view expected,
                                    language lang) {
    auto result = bundle_file::check(read_file_bytes(file), expected);
    if (result.problem)
        throw std::runtime_error(file + ": " +
                                 in_language(lang, result.problem->vi, result.problem->en));
    return result;
}

/// The fingerprint a verification must find: --key as typed, or that of the --pubkey PEM file.
std::string expected_key(command_args const& args) {
    auto const key = args.value("key");
    auto const pem_file = args.value("pubkey");
    if (key && pem_file)
        throw usage_error("--key and --pubkey cannot go together");
    if (key) {
        if (signing_key::normalized_fingerprint(*key).empty())
            throw usage_error("--key must be a SHA-256 fingerprint: 32 hex pairs");
        return *key;
    }
    if (!pem_file)
        return {};
    auto const raw = signing_key::public_from_pem(read_file_bytes(*pem_file));
    if (!raw)
        throw std::runtime_error(*pem_file + " is not an Ed25519 public key (PEM)");
    return signing_key::fingerprint(*raw);
}

int export_results(command_args const& args) {
    auto const exam_id = parse_id(args.required("exam"));
    if (!exam_id)
        throw usage_error("--exam must be an exam id (a number)");
    auto const out = args.required("o");
    store::data_store data(data_dir_of(args));
    auto const key = signing_key::load_or_create(data);
    auto const fingerprint = signing_key::fingerprint(signing_key::public_key_of(key));
    auto const document = data.read_side().with([&](store::database& db) {
        switch (bundle_document::exportable(db, *exam_id)) {
        case bundle_document::availability::missing:
            throw std::runtime_error("no exam " + std::to_string(*exam_id));
        case bundle_document::availability::not_closed:
            throw std::runtime_error("exam " + std::to_string(*exam_id) +
                                     " is not closed yet: close it before exporting its results");
        case bundle_document::availability::ready:
            break;
        }
        return bundle_document::document(db, *exam_id, fingerprint, now_ms());
    });
    auto const file = bundle_file::seal(document, key);
    auto const sha256 = auth::token_digest(file);
    data.write_side().write([&](store::database& db) {
        bundle_document::audit_export(db, *exam_id, sha256, cli_actor(), now_ms());
    });
    save_file(file, out);
    auto const counts = bundle_document::counts(nlohmann::json::parse(document)["body"]);
    std::cout << "wrote " << out << ": exam " << *exam_id << ", " << counts["learners"]
              << " learners, " << counts["attempts"] << " attempts, " << counts["answers"]
              << " answers, " << counts["questions"] << " questions\nsigned by key " << fingerprint
              << "\nsha256 " << sha256 << "\n";
    return 0;
}

int verify(command_args const& args, std::string const& file) {
    auto const lang = language_of(args);
    auto const expected = expected_key(args);
    auto const bundle = checked_bundle(file, expected, lang);
    auto const& header = bundle.document["header"];
    auto const& body = bundle.document["body"];
    auto const counts = bundle_document::counts(body);
    bool const en = lang == language::en;
    std::cout << (en ? "signature valid\nsigned by key " : "chữ ký hợp lệ\nký bằng khoá ")
              << bundle.fingerprint << "\n";
    if (!expected.empty())
        std::cout << (en ? "matches the expected key\n" : "khớp khoá mong đợi\n");
    std::cout << (en ? "exam " : "bài thi ") << header["exam"]["id"] << ": "
              << header["exam"]["title"].get<std::string>() << " ("
              << body["class"]["code"].get<std::string>() << ", "
              << body["class"]["course"]["name"].get<std::string>() << ")\n"
              << (en ? "exported at " : "xuất lúc ") << header["exported_at"].get<std::string>()
              << "\n"
              << (en ? "learners " : "học viên ") << counts["learners"]
              << (en ? ", attempts " : ", bài làm ") << counts["attempts"]
              << (en ? ", answers " : ", câu trả lời ") << counts["answers"]
              << (en ? ", questions " : ", câu hỏi ") << counts["questions"]
              << (en ? ", key corrections " : ", lần sửa đáp án ") << counts["corrections"] << "\n";
    return 0;
}

/// `server-key --rotate`: a new signing key, with the server stopped (it keeps the key it read
/// at start); audited with both fingerprints.
std::string rotate_server_key(std::filesystem::path const& data_dir) {
    store::data_dir_lock const lock(data_dir);
    store::data_store data(data_dir);
    auto const old_fingerprint =
        signing_key::fingerprint(signing_key::public_key_of(signing_key::load_or_create(data)));
    auto fresh = signing_key::rotate(data, [&](store::database& db) {
        account_store::append_audit(db, cli_actor(), "server_key.rotate", "result_bundle_key",
                                    nlohmann::json{{"old", old_fingerprint}}.dump(), now_ms());
    });
    std::cerr << "khoá cũ / old key " << old_fingerprint
              << "\nđã thay bằng khoá mới: báo vân tay mới cho nơi nhận kết quả / replaced: "
                 "give the new fingerprint to the office\n";
    return fresh;
}

std::string current_server_key(std::filesystem::path const& data_dir) {
    store::data_store data(data_dir);
    return signing_key::load_or_create(data);
}

int server_key(command_args const& args) {
    auto const data_dir = data_dir_of(args);
    auto const raw = signing_key::public_key_of(args.flag("rotate") ? rotate_server_key(data_dir)
                                                                    : current_server_key(data_dir));
    std::cout << signing_key::fingerprint(raw) << "\n";
    if (auto const pem = args.value("pem")) {
        save_file(signing_key::public_pem(raw), *pem);
        std::cerr << "public key written to " << *pem << "\n";
    }
    return 0;
}

int import_results(command_args const& args, std::string const& file) {
    auto const lang = language_of(args);
    auto const bundle = checked_bundle(file, args.value("expect-key").value_or(""), lang);
    auto const sha256 = auth::token_digest(read_file_bytes(file));
    store::data_store data(data_dir_of(args));
    auto const own =
        signing_key::fingerprint(signing_key::public_key_of(signing_key::load_or_create(data)));
    nlohmann::json outcome;
    data.write_side().write([&](store::database& db) {
        outcome = bundle_import::merge(db, bundle.document, bundle.fingerprint, sha256, own,
                                       cli_actor(), now_ms());
    });
    bool const en = lang == language::en;
    if (outcome["already"] == true) {
        std::cout << (en ? "already imported as exam " : "đã nhập trước đây: bài thi ")
                  << outcome["exam"] << (en ? "; nothing changed\n" : "; không thay đổi gì\n");
        return 0;
    }
    std::cout << (en ? "imported as exam " : "đã nhập thành bài thi ") << outcome["exam"]
              << (en ? " (read-only), signed by " : " (chỉ xem), ký bằng khoá ")
              << bundle.fingerprint << "\n"
              << (en ? "learners " : "học viên ") << outcome["learners"]
              << (en ? " (new accounts " : " (tài khoản mới ") << outcome["learners_created"]
              << (en ? ", no password until an admin sets one)" : ", chưa có mật khẩu)")
              << (en ? ", attempts " : ", bài làm ") << outcome["attempts"]
              << (en ? ", answers " : ", câu trả lời ") << outcome["answers"] << "\n";
    return 0;
}

} // namespace

int run_export_results(int argc, char** argv, int first) {
    return export_results(command_args(argc, argv, first, {"exam", "o", "data"}, {}));
}

int run_verify(int argc, char** argv, int first) {
    auto const file = positional(argc, argv, first, "the bundle file");
    return verify(command_args(argc, argv, first + 1, {"key", "pubkey", "lang"}, {}), file);
}

int run_server_key(int argc, char** argv, int first) {
    return server_key(command_args(argc, argv, first, {"pem", "data"}, {"rotate"}));
}

int run_import_results(int argc, char** argv, int first) {
    auto const file = positional(argc, argv, first, "the bundle file");
    return import_results(command_args(argc, argv, first + 1, {"data", "expect-key", "lang"}, {}),
                          file);
}

} // namespace phongthi::server
