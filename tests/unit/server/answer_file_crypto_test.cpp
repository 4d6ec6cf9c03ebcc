// Sealed answer files: what the browser's WebCrypto seals (a file made by client-web's
// sealAnswerFile under Node, kept in data/) opens here, and nothing else does.
#include "server/exams/answer_file_crypto.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace crypto = phongthi::server::answer_file_crypto;
using nlohmann::json;

namespace {

std::string data_file(std::string const& name) {
    std::ifstream in(std::string(PHONGTHI_SERVER_TEST_DATA) + "/" + name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

crypto::key_pair browser_fixture_key() {
    return {data_file("answer_file_key.pem"), ""};
}

} // namespace

TEST(AnswerFileCrypto, OpensWhatTheBrowserSealed) {
    auto const sealed = json::parse(data_file("answer_file_sealed_by_browser.json"));
    std::string field;
    auto const opened = crypto::open(sealed, browser_fixture_key(), field);
    ASSERT_TRUE(opened) << field;
    EXPECT_EQ(*opened, json::parse(data_file("answer_file_plain.json")));
}

TEST(AnswerFileCrypto, RefusesATamperedOrMovedFileNamingTheMember) {
    auto const sealed = json::parse(data_file("answer_file_sealed_by_browser.json"));
    auto const refused = [&](json const& file) {
        std::string field;
        EXPECT_FALSE(crypto::open(file, browser_fixture_key(), field));
        return field;
    };
    auto moved = sealed;
    moved["attempt"] = 13; // the associated data no longer matches
    EXPECT_EQ(refused(moved), "data");
    auto flipped = sealed;
    auto data = flipped["data"].get<std::string>();
    data[10] = data[10] == 'A' ? 'B' : 'A';
    flipped["data"] = data;
    EXPECT_EQ(refused(flipped), "data");
    auto other_key = sealed;
    other_key["epk"] = "bm90IGEga2V5";
    EXPECT_EQ(refused(other_key), "epk");
    auto short_iv = sealed;
    short_iv["iv"] = "AAAA";
    EXPECT_EQ(refused(short_iv), "iv");
    auto alg = sealed;
    alg["alg"] = "RSA-OAEP";
    EXPECT_EQ(refused(alg), "alg");
}

TEST(AnswerFileCrypto, SealsToAServerKeyThatOnlyThatServerOpens) {
    auto const server = crypto::generate();
    auto const other = crypto::generate();
    json const plain = {{"format", "phongthi-answers"},
                        {"version", 1},
                        {"exam", 3},
                        {"attempt", 9},
                        {"username", "thisinh02"},
                        {"answers", json::array()}};
    auto const sealed = crypto::seal(plain, server.public_spki_base64);
    EXPECT_EQ(sealed["format"], crypto::sealed_format);
    EXPECT_FALSE(sealed.contains("answers"));
    std::string field;
    auto const opened = crypto::open(sealed, server, field);
    ASSERT_TRUE(opened) << field;
    EXPECT_EQ(*opened, plain);
    EXPECT_FALSE(crypto::open(sealed, other, field));
    EXPECT_EQ(field, "data");
}
