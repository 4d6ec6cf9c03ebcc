#include "scoring/code128.hpp"

#include <gtest/gtest.h>

#include <numeric>
#include <stdexcept>

using namespace phongthi;

TEST(Code128, ChecksumOfPublishedExamples) {
    // "PJJ123C": 104 + 48·1 + 42·2 + 42·3 + 17·4 + 18·5 + 19·6 + 35·7 = 879 ≡ 55 (mod 103); the
    // Wikipedia example starts with Start A (103) and gets 54.
    EXPECT_EQ(scoring::encode_code128("PJJ123C").values,
              (std::vector<int>{104, 48, 42, 42, 17, 18, 19, 35, 55, 106}));
    // barcoderesource.com: "abcdef" in set B has the check character 97.
    EXPECT_EQ(scoring::encode_code128("abcdef").values.at(7), 97);
}

TEST(Code128, ModulesFollowTheStandardsTables) {
    scoring::code128_symbol const s = scoring::encode_code128("A");
    // Start B, "A" (33), checksum (104 + 33) % 103 = 34 ("B"), stop with its final bar.
    EXPECT_EQ(scoring::code128_modules(s), "11010010000"
                                           "10100011000"
                                           "10001011000"
                                           "1100011101011");
    EXPECT_EQ(s.modules, 4 * 11 + 2);
    EXPECT_EQ(std::accumulate(s.widths.begin(), s.widths.end(), 0), s.modules);
    EXPECT_EQ(s.widths.size() % 2, 1U); // starts and ends with a bar
}

TEST(Code128, EverySymbolOfACandidateCodeIsElevenModules) {
    scoring::code128_symbol const s = scoring::encode_code128("TS-2026-0042");
    EXPECT_EQ(s.values.size(), 12U + 3U);
    EXPECT_EQ(s.modules, static_cast<int>(s.values.size()) * 11 + 2);
}

TEST(Code128, RefusesTextOutsideSetB) {
    EXPECT_THROW(scoring::encode_code128(""), std::invalid_argument);
    try {
        scoring::encode_code128("AĐ");
        FAIL() << "a Vietnamese letter was encoded";
    } catch (std::invalid_argument const& e) {
        EXPECT_NE(std::string(e.what()).find("character 2"), std::string::npos) << e.what();
    }
    EXPECT_THROW(scoring::encode_code128("a\tb"), std::invalid_argument);
}
