#include "server/auth/session_token.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>

namespace phongthi::auth {
namespace {

bool is_base64url(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

TEST(SessionToken, Is256BitsBase64Url) {
    auto const token = new_token();
    // 32 bytes = 256 bits = 42 full sextets + 4 bits: 43 characters without '=' padding.
    ASSERT_EQ(token.size(), 43u);
    EXPECT_TRUE(std::all_of(token.begin(), token.end(), is_base64url)) << token;
    // The last character carries 4 bits and 2 zero bits, so it is one of every fourth digit.
    EXPECT_NE(std::string_view("AEIMQUYcgkosw048").find(token.back()), std::string_view::npos);
}

TEST(SessionToken, TokensDoNotRepeat) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i)
        EXPECT_TRUE(seen.insert(new_token()).second);
}

TEST(SessionToken, DigestIs64LowercaseHexAndStable) {
    auto const token = new_token();
    auto const digest = token_digest(token);
    ASSERT_EQ(digest.size(), 64u);
    EXPECT_TRUE(std::all_of(digest.begin(), digest.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    })) << digest;
    EXPECT_EQ(token_digest(token), digest);
    EXPECT_NE(token_digest(new_token()), digest);
}

TEST(SessionToken, DigestIsSha256) {
    EXPECT_EQ(token_digest(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(token_digest("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(SessionToken, RandomPasswordIsGroupedByFour) {
    EXPECT_EQ(random_password(1).size(), 1u);
    EXPECT_EQ(random_password(4).size(), 4u);
    auto const eight = random_password(8);
    ASSERT_EQ(eight.size(), 9u);
    EXPECT_EQ(eight[4], '-');
    auto const ten = random_password(10);
    ASSERT_EQ(ten.size(), 12u);
    EXPECT_EQ(ten[4], '-');
    EXPECT_EQ(ten[9], '-');
    EXPECT_EQ(std::count(ten.begin(), ten.end(), '-'), 2);
}

TEST(SessionToken, RandomPasswordAvoidsLookAlikeCharacters) {
    std::set<char> used;
    for (int i = 0; i < 200; ++i)
        for (char c : random_password(12))
            if (c != '-')
                used.insert(c);
    for (char c : std::string_view("0Oo1lIi"))
        EXPECT_EQ(used.count(c), 0u) << c;
    for (char c : used)
        EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '2' && c <= '9')) << c;
    // 2,400 draws from 31 characters: every one of them turns up.
    EXPECT_EQ(used.size(), 31u);
}

TEST(SessionToken, RandomPasswordRejectsNonPositiveLength) {
    EXPECT_THROW(random_password(0), std::invalid_argument);
    EXPECT_THROW(random_password(-3), std::invalid_argument);
}

} // namespace
} // namespace phongthi::auth
