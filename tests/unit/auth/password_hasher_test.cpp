#include "server/auth/password_hasher.hpp"

#include <gtest/gtest.h>

#include <string>

namespace phongthi::auth {
namespace {

constexpr hash_params cheap{.memory_kib = 1024, .iterations = 1, .parallelism = 1};

TEST(PasswordHasher, VerifiesTheRightPasswordAndRejectsAWrongOne) {
    auto const encoded = hash_password("kx7m-q3fa", cheap);
    EXPECT_TRUE(verify_password("kx7m-q3fa", encoded));
    EXPECT_FALSE(verify_password("kx7m-q3fb", encoded));
    EXPECT_FALSE(verify_password("", encoded));
}

TEST(PasswordHasher, StoresAnArgon2idPhcStringWithTheGivenCosts) {
    auto const encoded = hash_password("secret", cheap);
    EXPECT_TRUE(encoded.starts_with("$argon2id$v=19$m=1024,t=1,p=1$")) << encoded;
    EXPECT_EQ(encoded.find('\0'), std::string::npos);
}

TEST(PasswordHasher, SaltDiffersPerHash) {
    auto const first = hash_password("same password", cheap);
    auto const second = hash_password("same password", cheap);
    EXPECT_NE(first, second);
    EXPECT_TRUE(verify_password("same password", first));
    EXPECT_TRUE(verify_password("same password", second));
}

TEST(PasswordHasher, HandlesVietnameseAndEmptyPasswords) {
    auto const vietnamese = hash_password("Mật khẩu đúng", cheap);
    EXPECT_TRUE(verify_password("Mật khẩu đúng", vietnamese));
    EXPECT_FALSE(verify_password("Mat khau dung", vietnamese));

    auto const empty = hash_password("", cheap);
    EXPECT_TRUE(verify_password("", empty));
    EXPECT_FALSE(verify_password(" ", empty));
}

TEST(PasswordHasher, MalformedEncodedHashIsRejectedNotThrown) {
    auto const good = hash_password("pw", cheap);
    std::string const malformed[] = {
        "",
        "not a hash",
        "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=19$m=1024,t=1,p=1$",
        "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$",
        "$argon2id$v=19$m=x,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
        "$argon2id$v=19$m=99999999999,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
        "$argon2id$v=19$m=1024,t=1,p=1$!!!!$????",
        good.substr(0, good.size() / 2),
        good + "$extra",
        std::string("$argon2id$v=19\0$m=1024", 22),
    };
    for (auto const& encoded : malformed) {
        SCOPED_TRACE(encoded);
        EXPECT_NO_THROW(EXPECT_FALSE(verify_password("pw", encoded)));
    }
}

TEST(PasswordHasher, RefusesToVerifyAbsurdCostsFromACorruptedRow) {
    // 64 GiB of memory: argon2 would try to allocate it; verify_password must refuse first.
    std::string const absurd = "$argon2id$v=19$m=67108864,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
                               "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
    EXPECT_FALSE(verify_password("pw", absurd));
}

TEST(PasswordHasher, NeedsRehashWhenCostsDifferOrTheStringIsUnreadable) {
    auto const encoded = hash_password("pw", cheap);
    EXPECT_FALSE(needs_rehash(encoded, cheap));
    EXPECT_TRUE(needs_rehash(encoded, hash_params{}));
    EXPECT_TRUE(needs_rehash("garbage", cheap));
}

TEST(PasswordHasher, InvalidParametersThrow) {
    EXPECT_THROW(hash_password("pw", {.memory_kib = 1, .iterations = 1, .parallelism = 1}),
                 std::runtime_error);
    EXPECT_THROW(hash_password("pw", {.memory_kib = 1024, .iterations = 0, .parallelism = 1}),
                 std::runtime_error);
}

TEST(PasswordHasher, DefaultParametersFollowOwaspAndWork) {
    hash_params const defaults;
    EXPECT_EQ(defaults.memory_kib, 19456u);
    EXPECT_EQ(defaults.iterations, 2u);
    EXPECT_EQ(defaults.parallelism, 1u);

    auto const encoded = hash_password("Mật khẩu");
    EXPECT_TRUE(encoded.starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << encoded;
    EXPECT_TRUE(verify_password("Mật khẩu", encoded));
    EXPECT_FALSE(verify_password("Mat khau", encoded));
    EXPECT_FALSE(needs_rehash(encoded));
}

} // namespace
} // namespace phongthi::auth
