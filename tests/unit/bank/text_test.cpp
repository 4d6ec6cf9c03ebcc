#include "question-bank/text.hpp"

#include <gtest/gtest.h>

using namespace phongthi::bank;

TEST(Text, DecomposedVietnameseBecomesComposed) {
    // "ế" written as e + U+0302 (circumflex) + U+0301 (acute).
    std::string const decomposed = "bi\x65\xcc\x82\xcc\x81t";
    EXPECT_EQ(to_nfc(decomposed), "biết");
    EXPECT_NE(decomposed, "biết");
}

TEST(Text, InvalidUtf8IsRefused) {
    EXPECT_FALSE(is_valid_utf8("\xc3\x28"));
    EXPECT_TRUE(is_valid_utf8("Nhận biết"));
    EXPECT_THROW(to_nfc("\xff"), std::invalid_argument);
}

TEST(Text, NormalizeTrimsAndCollapsesWhitespace) {
    EXPECT_EQ(normalize_text("  Chi bộ \t\n Văn   phòng  "), "Chi bộ Văn phòng");
    EXPECT_EQ(normalize_text("   "), "");
}

TEST(Text, FoldCaseMatchesVietnameseCapitals) {
    EXPECT_EQ(fold_case("NHẬN BIẾT"), fold_case("nhận biết"));
    EXPECT_EQ(fold_case("Đảng"), "đảng");
}

TEST(Text, MultilineKeepsLineBreaksButNotBlankRuns) {
    EXPECT_EQ(normalize_multiline("  Câu hỏi:\r\n\n\n  dòng   hai \n\n"), "Câu hỏi:\n\ndòng hai");
    EXPECT_EQ(normalize_multiline("một\nhai"), "một\nhai");
    EXPECT_EQ(normalize_multiline("\n \n"), "");
}
