// Result bundle files: sealed with an Ed25519 key, and every way a file can go wrong named.
#include "server/bundles/bundle_file.hpp"
#include "server/keys/signing_key.hpp"
#include "server/store/data_store.hpp"
#include "tests/support/temp_dir.hpp"

#include <gtest/gtest.h>

namespace {

using json = nlohmann::json;
using namespace phongthi::server;

/// A consistent body with one learner and a long Vietnamese name, so the document spans blocks.
json sample_bundle_body() {
    return {{"exam", {{"id", 7}, {"title", "Kiểm tra cuối khoá"}}},
            {"class", {{"id", 3}, {"code", "K01"}}},
            {"units", json::array()},
            {"learners", {{{"user", 11}, {"username", "hv01"}, {"full_name", "Nguyễn Thị Ánh"}}}},
            {"sessions", json::array()},
            {"attendance", json::array()},
            {"corrections", json::array()},
            {"questions", json::array()},
            {"attempts", json::array()},
            {"note", std::string(3000, 'x')}};
}

std::string sample_bundle(std::string const& key) {
    auto const fingerprint = signing_key::fingerprint(signing_key::public_key_of(key));
    return bundle_file::seal(
        bundle_file::document_text(
            bundle_file::header(fingerprint, "2026-11-26T00:00:00Z", 7, "Kiểm tra cuối khoá"),
            sample_bundle_body()),
        key);
}

TEST(BundleFile, ASealedFileChecksAndNamesItsSigner) {
    auto const key = signing_key::generate();
    auto const fingerprint = signing_key::fingerprint(signing_key::public_key_of(key));
    auto const result = bundle_file::check(sample_bundle(key), "");
    ASSERT_FALSE(result.problem) << result.problem->en;
    EXPECT_EQ(result.fingerprint, fingerprint);
    EXPECT_EQ(result.document["body"]["learners"][0]["full_name"], "Nguyễn Thị Ánh");
    // Pinned in any form people type it.
    std::string typed = "sha256:";
    for (char const c : fingerprint)
        if (c != ':')
            typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_FALSE(bundle_file::check(sample_bundle(key), typed).problem);
}

TEST(BundleFile, EachDamageIsNamed) {
    auto const key = signing_key::generate();
    auto const good = sample_bundle(key);
    auto flipped = good;
    flipped[2100] = static_cast<char>(flipped[2100] ^ 0x20);
    auto result = bundle_file::check(flipped, "");
    ASSERT_TRUE(result.problem);
    EXPECT_EQ(result.problem->code, "tampered");
    EXPECT_NE(result.problem->en.find("bytes 2048–3071"), std::string::npos) << result.problem->en;

    result = bundle_file::check(good.substr(0, good.size() - 10), "");
    ASSERT_TRUE(result.problem);
    EXPECT_EQ(result.problem->code, "truncated");

    result = bundle_file::check(good, signing_key::fingerprint(std::string(32, 'k')));
    ASSERT_TRUE(result.problem);
    EXPECT_EQ(result.problem->code, "wrong_key");

    auto longer = good;
    longer.insert(100, " ");
    result = bundle_file::check(longer, "");
    ASSERT_TRUE(result.problem);
    EXPECT_NE(result.problem->en.find("bytes added or removed"), std::string::npos)
        << result.problem->en;

    // Re-signed by another key, the header still names the first one.
    auto const other = signing_key::generate();
    auto const document = good.substr(0, good.find('\n'));
    result = bundle_file::check(bundle_file::seal(document, other), "");
    ASSERT_TRUE(result.problem);
    EXPECT_EQ(result.problem->code, "wrong_key");
}

TEST(BundleFile, AnAttemptOfNoLearnerIsInconsistent) {
    auto const key = signing_key::generate();
    auto body = sample_bundle_body();
    body["attempts"] = {
        {{"id", 5}, {"user", 99}, {"paper", json::array()}, {"answers", json::array()}}};
    auto const fingerprint = signing_key::fingerprint(signing_key::public_key_of(key));
    auto const file = bundle_file::seal(
        bundle_file::document_text(bundle_file::header(fingerprint, "x", 7, "t"), body), key);
    auto const result = bundle_file::check(file, "");
    ASSERT_TRUE(result.problem);
    EXPECT_EQ(result.problem->code, "inconsistent");
    EXPECT_NE(result.problem->vi.find("bài làm 5"), std::string::npos) << result.problem->vi;
}

TEST(SigningKey, IsMadeOnceAndKeptInTheDatabase) {
    phongthi::test::temp_dir dir;
    std::string first;
    {
        phongthi::store::data_store store(dir.path());
        first = signing_key::load_or_create(store);
        EXPECT_EQ(signing_key::load_or_create(store), first);
    }
    phongthi::store::data_store reopened(dir.path());
    EXPECT_EQ(signing_key::load_or_create(reopened), first);
    auto const raw = signing_key::public_key_of(first);
    EXPECT_EQ(signing_key::public_from_pem(signing_key::public_pem(raw)), raw);
    EXPECT_TRUE(signing_key::verify(raw, "abc", signing_key::sign(first, "abc")));
    EXPECT_FALSE(signing_key::verify(raw, "abd", signing_key::sign(first, "abc")));
}

} // namespace
