#include "server/bundles/bundle_file.hpp"

#include "question-bank/base64.hpp"
#include "server/auth/session_token.hpp"
#include "server/bundles/bundle_document.hpp"
#include "server/keys/signing_key.hpp"

#include <algorithm>

namespace phongthi::server::bundle_file {

namespace {

using json = nlohmann::json;

/// The first 8 bytes of the SHA-256 of each block of `text`, hex.
json block_hashes(std::string_view text) {
    json hashes = json::array();
    for (std::size_t at = 0; at < text.size(); at += block_bytes)
        hashes.push_back(auth::token_digest(text.substr(at, block_bytes)).substr(0, 16));
    return hashes;
}

bundle_problem make_problem(std::string code, std::string vi, std::string en) {
    return {std::move(code), std::move(vi), std::move(en)};
}

checked failed(bundle_problem p, std::string fingerprint = {}) {
    return {std::move(p), std::move(fingerprint), nullptr};
}

/// What changed in a document whose signature does not verify: the first block whose hash is
/// not the signed one, by byte range; or the signature line itself.
bundle_problem tampered(std::string_view document, json const& signed_blocks,
                        std::size_t signed_length) {
    auto const blocks = block_hashes(document);
    std::size_t const count = std::max(blocks.size(), signed_blocks.size());
    for (std::size_t i = 0; i < count; ++i) {
        if (i < blocks.size() && i < signed_blocks.size() && blocks[i] == signed_blocks[i])
            continue;
        auto const from = std::to_string(i * block_bytes);
        auto const to = std::to_string(std::min((i + 1) * block_bytes, document.size()) - 1);
        if (document.size() != signed_length)
            return make_problem(
                "tampered",
                "tệp đã bị sửa: nội dung dài " + std::to_string(document.size()) +
                    " byte nhưng bản được ký dài " + std::to_string(signed_length) +
                    " byte (thêm hoặc bớt byte từ khoảng byte " + from + ")",
                "the file was altered: the document is " + std::to_string(document.size()) +
                    " bytes but " + std::to_string(signed_length) +
                    " were signed (bytes added or removed from around byte " + from + ")");
        return make_problem("tampered",
                            "tệp đã bị sửa: có byte bị thay đổi trong khoảng byte " + from + "–" +
                                to + " của nội dung (khối " + std::to_string(i) + ")",
                            "the file was altered: a byte changed in bytes " + from + "–" + to +
                                " of the document (block " + std::to_string(i) + ")");
    }
    return make_problem(
        "tampered",
        "chữ ký không khớp với nội dung: dòng chữ ký đã bị sửa hoặc không phải của khoá "
        "đã ký",
        "the signature does not match the document: the signature line was altered or "
        "is not the signing key's");
}

std::optional<std::string> decoded_member(json const& object, char const* name) {
    auto const found = object.find(name);
    if (found == object.end() || !found->is_string())
        return std::nullopt;
    return bank::base64_decode(found->get<std::string>());
}

bundle_problem unknown_version(json const& version) {
    return make_problem("unknown_version",
                        "phiên bản gói kết quả " + version.dump() +
                            " không được hỗ trợ (phongthi này đọc " +
                            std::to_string(format_version) + ")",
                        "unknown result bundle version " + version.dump() +
                            " (this phongthi reads " + std::to_string(format_version) + ")");
}

} // namespace

json header(std::string const& fingerprint, std::string const& exported_at, std::int64_t exam_id,
            std::string const& exam_title) {
    return {{"format", format_name},
            {"version", format_version},
            {"server_key", fingerprint},
            {"exported_at", exported_at},
            {"exam", {{"id", exam_id}, {"title", exam_title}}}};
}

std::string document_text(json const& header, json const& body) {
    return "{\"header\":" + header.dump() + ",\"body\":" + body.dump() + "}";
}

std::string seal(std::string const& document, std::string const& private_pem) {
    auto const public_raw = signing_key::public_key_of(private_pem);
    json const signature = {
        {"format", format_name},
        {"version", format_version},
        {"alg", "Ed25519"},
        {"key", bank::base64_encode(public_raw)},
        {"fingerprint", signing_key::fingerprint(public_raw)},
        {"length", document.size()},
        {"block", block_bytes},
        {"blocks", block_hashes(document)},
        {"signature", bank::base64_encode(signing_key::sign(private_pem, document))}};
    return document + "\n" + signature.dump() + "\n";
}

checked check(std::string const& file, std::string_view expected_fingerprint) {
    // Two lines, each ending in '\n': a cut file loses the end of the signature line.
    auto const last_break =
        file.size() >= 2 ? file.rfind('\n', file.size() - 2) : std::string::npos;
    if (file.empty() || file.back() != '\n' || last_break == std::string::npos)
        return failed(make_problem("truncated",
                                   "tệp bị cắt cụt: hết ở byte " + std::to_string(file.size()) +
                                       " mà không có dòng chữ ký đầy đủ",
                                   "the file is truncated: it ends at byte " +
                                       std::to_string(file.size()) +
                                       " without a complete signature line"));
    std::string_view const document(file.data(), last_break);
    auto const trailer = json::parse(file.begin() + static_cast<std::ptrdiff_t>(last_break) + 1,
                                     file.end() - 1, nullptr, false);
    if (!trailer.is_object() || trailer.value("format", "") != format_name)
        return failed(make_problem(
            "malformed", "không phải gói kết quả phongthi: dòng cuối không phải dòng chữ ký",
            "not a phongthi result bundle: the last line is not a signature "
            "line"));
    if (trailer.value("version", json()) != json(format_version))
        return failed(unknown_version(trailer.value("version", json())));
    auto const key = decoded_member(trailer, "key");
    auto const signature = decoded_member(trailer, "signature");
    auto const length = trailer.value("length", json());
    if (!key || key->size() != 32 || !signature || !length.is_number_unsigned() ||
        trailer.value("alg", "") != "Ed25519" || !trailer.value("blocks", json()).is_array())
        return failed(make_problem(
            "malformed", "dòng chữ ký bị hỏng (thiếu hoặc sai key, signature, length, blocks)",
            "the signature line is damaged (key, signature, length or blocks "
            "missing or wrong)"));
    auto const fingerprint = signing_key::fingerprint(*key);
    if (!signing_key::verify(*key, document, *signature))
        return failed(tampered(document, trailer["blocks"], length.get<std::size_t>()),
                      fingerprint);

    auto document_json = json::parse(document, nullptr, false);
    if (!document_json.is_object() || !document_json.contains("header") ||
        !document_json.contains("body") || !document_json["header"].is_object() ||
        !document_json["body"].is_object())
        return failed(make_problem("malformed", "nội dung đã ký không phải tài liệu kết quả",
                                   "the signed document is not a results document"),
                      fingerprint);
    auto const& head = document_json["header"];
    if (head.value("version", json()) != json(format_version))
        return failed(unknown_version(head.value("version", json())), fingerprint);
    if (head.value("server_key", "") != fingerprint)
        return failed(make_problem("wrong_key",
                                   "phần đầu ghi khoá " + head.value("server_key", "") +
                                       " nhưng tệp được ký bằng khoá " + fingerprint,
                                   "the header names key " + head.value("server_key", "") +
                                       " but the file is signed by key " + fingerprint),
                      fingerprint);
    if (!expected_fingerprint.empty() &&
        signing_key::normalized_fingerprint(expected_fingerprint) != fingerprint)
        return failed(
            make_problem("wrong_key",
                         "sai khoá: tệp được ký bằng khoá " + fingerprint +
                             ", không phải khoá mong đợi " + std::string(expected_fingerprint),
                         "wrong key: the file is signed by " + fingerprint +
                             ", not by the expected " + std::string(expected_fingerprint)),
            fingerprint);
    if (auto inconsistent = bundle_document::inconsistency(document_json["body"]))
        return failed(std::move(*inconsistent), fingerprint);
    return {std::nullopt, fingerprint, std::move(document_json)};
}

} // namespace phongthi::server::bundle_file
