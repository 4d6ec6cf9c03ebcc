#include "server/reports/report_settings.hpp"

#include "question-bank/text.hpp"
#include "server/app/server_settings.hpp"
#include "server/store/database.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace phongthi::server::report_settings {

namespace {

constexpr std::string_view header_key = "report_header";
constexpr std::string_view template_key = "certificate_template";
constexpr std::size_t max_text_bytes = 300;
constexpr std::size_t max_body_bytes = 4000;
constexpr std::size_t max_issuing_lines = 4;

using text_members = std::vector<std::pair<std::string_view, std::string*>>;

/// A member's text in NFC when it is a string of valid UTF-8 within `limit` bytes.
std::optional<std::string> text_of(nlohmann::json const& value, std::size_t limit) {
    if (!value.is_string())
        return std::nullopt;
    auto const& text = value.get_ref<std::string const&>();
    if (text.size() > limit || !bank::is_valid_utf8(text))
        return std::nullopt;
    return bank::to_nfc(text);
}

/// Copies the string members of `body` named in `members` into their targets; returns the first
/// member that is unknown or not an acceptable text, or "" when all are fine.
std::string read_members(nlohmann::json const& body, text_members const& members,
                         std::string_view long_member = {}) {
    for (auto const& [key, value] : body.items()) {
        auto const target = std::find_if(members.begin(), members.end(),
                                         [&](auto const& m) { return m.first == key; });
        if (target == members.end())
            return key;
        auto text = text_of(value, key == long_member ? max_body_bytes : max_text_bytes);
        if (!text)
            return key;
        *target->second = std::move(*text);
    }
    return "";
}

text_members header_members(header_settings& h) {
    return {{"organisation", &h.organisation},
            {"school", &h.school},
            {"place", &h.place},
            {"signer_title", &h.signer_title},
            {"signer_name", &h.signer_name},
            {"server_url", &h.server_url}};
}

text_members template_members(scoring::certificate_template& t) {
    return {{"title", &t.title},
            {"recipient_label", &t.recipient_label},
            {"body", &t.body},
            {"place", &t.place},
            {"signer_title", &t.signer_title},
            {"signer_name", &t.signer_name}};
}

} // namespace

std::vector<std::string> issuing_body(header_settings const& header) {
    std::vector<std::string> lines;
    for (auto const* line : {&header.organisation, &header.school})
        if (!line->empty())
            lines.push_back(*line);
    return lines;
}

parsed<header_settings> parse_header(nlohmann::json const& body) {
    if (!body.is_object())
        return {std::nullopt, "report_header", ""};
    header_settings header;
    if (auto bad = read_members(body, header_members(header)); !bad.empty())
        return {std::nullopt, std::move(bad), ""};
    return {std::move(header), "", ""};
}

nlohmann::json to_json(header_settings const& header) {
    auto copy = header;
    nlohmann::json out = nlohmann::json::object();
    for (auto const& [key, value] : header_members(copy))
        out[std::string(key)] = *value;
    return out;
}

parsed<scoring::certificate_template> parse_template(nlohmann::json const& body) {
    if (!body.is_object())
        return {std::nullopt, "certificate_template", ""};
    auto t = scoring::default_certificate_template();
    auto rest = body;
    if (auto const lines = rest.find("issuing_body"); lines != rest.end()) {
        if (!lines->is_array() || lines->size() > max_issuing_lines)
            return {std::nullopt, "issuing_body", ""};
        t.issuing_body.clear();
        for (auto const& line : *lines) {
            auto text = text_of(line, max_text_bytes);
            if (!text)
                return {std::nullopt, "issuing_body", ""};
            t.issuing_body.push_back(std::move(*text));
        }
        rest.erase(lines);
    }
    if (auto bad = read_members(rest, template_members(t), "body"); !bad.empty())
        return {std::nullopt, std::move(bad), ""};
    if (auto message = scoring::certificate_template_error(t); !message.empty())
        return {std::nullopt, "body", std::move(message)};
    return {std::move(t), "", ""};
}

nlohmann::json to_json(scoring::certificate_template const& t) {
    auto copy = t;
    nlohmann::json out = {{"issuing_body", t.issuing_body}};
    for (auto const& [key, value] : template_members(copy))
        out[std::string(key)] = *value;
    return out;
}

header_settings read_header(store::database& db) {
    auto const stored = server_settings::read(db, header_key);
    auto header = stored ? parse_header(*stored).value : std::nullopt;
    return header ? std::move(*header) : header_settings{};
}

scoring::certificate_template read_template(store::database& db) {
    auto const stored = server_settings::read(db, template_key);
    auto t = stored ? parse_template(*stored).value : std::nullopt;
    if (t)
        return std::move(*t);
    auto const header = read_header(db);
    auto fallback = scoring::default_certificate_template();
    fallback.issuing_body = issuing_body(header);
    fallback.place = header.place;
    fallback.signer_title = header.signer_title;
    fallback.signer_name = header.signer_name;
    return fallback;
}

void store_header(store::database& db, header_settings const& header, actor const& who,
                  std::int64_t now) {
    server_settings::store(db, header_key, to_json(header), who, now);
}

void store_template(store::database& db, scoring::certificate_template const& t, actor const& who,
                    std::int64_t now) {
    server_settings::store(db, template_key, to_json(t), who, now);
}

} // namespace phongthi::server::report_settings
