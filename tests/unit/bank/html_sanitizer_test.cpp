#include "question-bank/html_sanitizer.hpp"
#include "question-bank/question.hpp"

#include <gtest/gtest.h>

using namespace phongthi::bank;

namespace {

struct sanitize_case {
    char const* name;
    char const* input;
    char const* expected;
};

class Sanitize : public testing::TestWithParam<sanitize_case> {};

TEST_P(Sanitize, KeepsTheSubsetAndEscapesTheRest) {
    EXPECT_EQ(sanitize_html(GetParam().input), GetParam().expected);
}

// clang-format off
INSTANTIATE_TEST_SUITE_P(HtmlSanitizer, Sanitize, testing::Values(
    sanitize_case{"kept_tags", "<b>Đảng</b> <i>x</i><sub>2</sub><sup>3</sup><br/><p>a</p>",
                  "<b>Đảng</b> <i>x</i><sub>2</sub><sup>3</sup><br><p>a</p>"},
    sanitize_case{"attributes_dropped", "<b class=\"x\" onclick='alert(1)'>in đậm</b>",
                  "<b>in đậm</b>"},
    sanitize_case{"upper_case_tags", "<STRONG>A</STRONG><EM>B</Em>", "<strong>A</strong><em>B</em>"},
    sanitize_case{"script_dropped_whole", "a<script>alert('x')</script>b", "ab"},
    sanitize_case{"script_upper_case", "a<SCRIPT src=x>alert(1)</ScRiPt >b", "ab"},
    sanitize_case{"unclosed_script", "a<script>alert(1)", "a"},
    sanitize_case{"style_dropped", "<style>b{}</style>x", "x"},
    sanitize_case{"other_tags_keep_text", "<span style=\"color:red\">đỏ</span> <a href=\"javascript:x\">link</a>",
                  "đỏ link"},
    sanitize_case{"img_onerror", "<img src=x onerror=alert(1)>", ""},
    sanitize_case{"img_plugin_file", "<img alt=\"\" src=\"@@PLUGINFILE@@/hình 1.png\">",
                  "<img src=\"@@PLUGINFILE@@/hình 1.png\">"},
    sanitize_case{"img_plugin_file_kept", "<img alt=\"a > b\" src=\"@@PLUGINFILE@@/h1.png\" onerror=\"x\">",
                  "<img src=\"@@PLUGINFILE@@/h1.png\">"},
    sanitize_case{"img_data_uri", "<IMG SRC=data:image/png;base64,iVBOR=>", "<img src=\"data:image/png;base64,iVBOR=\">"},
    sanitize_case{"img_javascript_url", "<img src=\"javascript:alert(1)\">", ""},
    sanitize_case{"img_svg_data_uri", "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", ""},
    sanitize_case{"img_quote_breakout", "<img src='@@PLUGINFILE@@/a\"onerror=\"x'>", ""},
    sanitize_case{"comment_dropped", "a<!-- <script>x</script> -->b", "ab"},
    sanitize_case{"unclosed_comment", "a<!-- b", "a"},
    sanitize_case{"conditional_comment", "a<!--[if gte mso 9]><xml>x</xml><![endif]-->b", "ab"},
    sanitize_case{"doctype_dropped", "<!DOCTYPE html><?xml x?>a", "a"},
    sanitize_case{"unclosed_tag_is_text", "a <b class=\"x", "a &lt;b class=\"x"},
    sanitize_case{"less_than_is_text", "x < 3 và y<=2 > 1", "x &lt; 3 và y&lt;=2 > 1"},
    sanitize_case{"entities_kept", "&amp; &lt; &#233; &#xE9; & &bogus", "&amp; &lt; &#233; &#xE9; &amp; &amp;bogus"},
    sanitize_case{"open_tags_closed", "<b><i>x", "<b><i>x</i></b>"},
    sanitize_case{"crossed_tags_balanced", "<b><i>x</b>y</i>", "<b><i>x</i></b>y"},
    sanitize_case{"stray_close_dropped", "x</b></p>", "x"},
    sanitize_case{"closing_br_dropped", "a</br>b", "ab"}),
    [](testing::TestParamInfo<sanitize_case> const& test) { return std::string(test.param.name); });
// clang-format on

TEST(HtmlSanitizer, SanitizingTwiceChangesNothing) {
    for (std::string_view input :
         {"<b><i>x</b>y</i>", "a <b class=\"x", "&bogus &amp; <img src=@@PLUGINFILE@@/a.png>",
          "<p>1<p>2<br>3 < 4"}) {
        std::string const once = sanitize_html(input);
        EXPECT_EQ(sanitize_html(once), once) << input;
    }
}

TEST(HtmlSanitizer, ImportedHtmlQuestionsAreStoredSanitized) {
    question q;
    q.format = text_format::html;
    q.stem = "<p onclick=\"x\">Câu <b>1</b></p><script>alert(1)</script>";
    q.explanation = "<iframe src=\"http://x\"></iframe>Vì";
    q.options = {{"<img src=x onerror=alert(1)>Đúng", 100, "<u>ok</u><a href=x>"}, {"Sai", 0, ""}};
    normalize(q);
    EXPECT_EQ(q.stem, "<p>Câu <b>1</b></p>");
    EXPECT_EQ(q.explanation, "Vì");
    EXPECT_EQ(q.options[0].text, "Đúng");
    EXPECT_EQ(q.options[0].feedback, "<u>ok</u>");
}

TEST(HtmlSanitizer, PlainQuestionsAreLeftAsWritten) {
    question q;
    q.stem = "x <b> y";
    normalize(q);
    EXPECT_EQ(q.stem, "x <b> y");
}

} // namespace
