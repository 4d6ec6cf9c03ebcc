#include "question-bank/moodle_xml.hpp"

#include "question-bank/json_bank.hpp"
#include "tests/unit/bank/bank_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace phongthi::bank;

namespace {

// A small Vietnamese bank as Moodle exports it: a category, then single and multiple answer.
std::string const vietnamese_xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top/Điều lệ Đảng</text></category>
  </question>
  <question type="multichoice">
    <name><text>Sinh hoạt chi bộ</text></name>
    <questiontext format="plain_text">
      <text>Chi bộ sinh hoạt thường lệ bao lâu một lần?</text>
    </questiontext>
    <generalfeedback format="plain_text"><text>Theo Điều 25 Điều lệ Đảng.</text></generalfeedback>
    <defaultgrade>2.0000000</defaultgrade>
    <idnumber>DL-25</idnumber>
    <single>true</single>
    <shuffleanswers>false</shuffleanswers>
    <answer fraction="100" format="plain_text">
      <text>Mỗi tháng một lần</text>
      <feedback format="plain_text"><text>Đúng rồi</text></feedback>
    </answer>
    <answer fraction="0" format="plain_text">
      <text>Mỗi quý một lần</text>
    </answer>
    <tags>
      <tag><text>Thông hiểu</text></tag>
      <tag><text>chi bộ</text></tag>
    </tags>
  </question>
  <question type="multichoice">
    <questiontext format="plain_text"><text>Những nguyên tắc nào là nguyên tắc tổ chức của Đảng?</text></questiontext>
    <single>false</single>
    <answer fraction="33.33333"><text>Tập trung dân chủ</text></answer>
    <answer fraction="33.33333"><text>Tự phê bình và phê bình</text></answer>
    <answer fraction="33.33333"><text>Đoàn kết thống nhất</text></answer>
    <answer fraction="-100"><text>Tam quyền phân lập</text></answer>
  </question>
</quiz>
)";

std::string quiz(std::string const& questions) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n" + questions + "</quiz>\n";
}

std::string dump(bank_import const& bank) {
    std::string out;
    for (auto const& p : bank.problems)
        out += p.code + " line " + std::to_string(p.line) + ": " + p.message_en + "\n";
    return out;
}

} // namespace

TEST(MoodleXmlRead, ReadsAVietnameseMultichoiceBank) {
    auto const bank = read_moodle_xml(vietnamese_xml, "dieu_le.xml");
    ASSERT_TRUE(bank.problems.empty()) << dump(bank);
    ASSERT_EQ(bank.questions.size(), 2u);

    auto const& q = bank.questions[0];
    EXPECT_EQ(q.topic, "Điều lệ Đảng");
    EXPECT_EQ(q.stem, "Chi bộ sinh hoạt thường lệ bao lâu một lần?");
    EXPECT_EQ(q.external_id, "DL-25");
    EXPECT_EQ(q.points, 2);
    EXPECT_EQ(q.level, cognitive_level::thong_hieu);
    EXPECT_EQ(q.tags, std::vector<std::string>{"chi bộ"});
    EXPECT_EQ(q.explanation, "Theo Điều 25 Điều lệ Đảng.");
    EXPECT_FALSE(q.shuffle_options);
    EXPECT_EQ(q.format, text_format::plain);
    ASSERT_EQ(q.options.size(), 2u);
    EXPECT_EQ(q.options[0].text, "Mỗi tháng một lần");
    EXPECT_EQ(q.options[0].weight, 100);
    EXPECT_EQ(q.options[0].feedback, "Đúng rồi");
    EXPECT_EQ(q.options[1].weight, 0);
    EXPECT_EQ(q.source_file, "dieu_le.xml");
    EXPECT_EQ(q.source_line, 6);

    auto const& multi = bank.questions[1];
    EXPECT_TRUE(multi.is_multiple_answer());
    EXPECT_EQ(multi.level, cognitive_level::nhan_biet);
    EXPECT_EQ(multi.topic, "Điều lệ Đảng");
    EXPECT_EQ(multi.source_line, 28);
    ASSERT_EQ(multi.options.size(), 4u);
    EXPECT_DOUBLE_EQ(multi.options[0].weight, 33.33333);
    EXPECT_EQ(multi.options[3].weight, -100);
}

TEST(MoodleXmlRead, CategoryTopicIsTheLastSegment) {
    struct row {
        std::string path;
        std::string topic;
    };
    std::vector<row> const rows{
        {"$course$/top/Điều lệ Đảng", "Điều lệ Đảng"},
        {"$course$/Iota/Kappa/Lambda", "Lambda"},
        {"$system$/top", ""},
        {"Lịch sử Đảng", "Lịch sử Đảng"},
        {"$course$/top/Thời kỳ 1930//1945", "Thời kỳ 1930/1945"},
        {"$course$/top/Chương 1/ ", "Chương 1"},
    };
    for (auto const& r : rows) {
        auto const bank = read_moodle_xml(
            quiz("<question type=\"category\"><category><text>" + r.path +
                 "</text></category></question>\n"
                 "<question type=\"truefalse\"><questiontext><text>Câu?</text></questiontext>"
                 "<answer fraction=\"100\"><text>true</text></answer>"
                 "<answer fraction=\"0\"><text>false</text></answer></question>\n"),
            "t.xml");
        ASSERT_EQ(bank.questions.size(), 1u) << r.path << "\n" << dump(bank);
        EXPECT_EQ(bank.questions[0].topic, r.topic) << r.path;
    }
}

TEST(MoodleXmlRead, TrueFalseBecomesDungSai) {
    auto const bank = read_moodle_xml(quiz(R"(  <question type="truefalse">
    <questiontext format="html"><text><![CDATA[<p>Đảng viên dự bị có quyền biểu quyết.</p>]]></text></questiontext>
    <answer fraction="0"><text>true</text><feedback><text>Chưa đúng</text></feedback></answer>
    <answer fraction="100"><text>false</text><feedback><text>Chính xác</text></feedback></answer>
  </question>
)"),
                                      "tf.xml");
    ASSERT_TRUE(bank.problems.empty()) << dump(bank);
    ASSERT_EQ(bank.questions.size(), 1u);
    auto const& q = bank.questions[0];
    EXPECT_EQ(q.format, text_format::html);
    EXPECT_EQ(q.stem, "<p>Đảng viên dự bị có quyền biểu quyết.</p>");
    EXPECT_FALSE(q.shuffle_options);
    ASSERT_EQ(q.options.size(), 2u);
    EXPECT_EQ(q.options[0].text, "Đúng");
    EXPECT_EQ(q.options[0].weight, 0);
    EXPECT_EQ(q.options[0].feedback, "Chưa đúng");
    EXPECT_EQ(q.options[1].text, "Sai");
    EXPECT_EQ(q.options[1].weight, 100);
    EXPECT_EQ(q.options[1].feedback, "Chính xác");
}

TEST(MoodleXmlRead, OldLocalisedTrueFalseLabelsWarnAndKeepTheOrder) {
    auto const bank = read_moodle_xml(quiz(R"(<question type="truefalse">
<questiontext><text>Câu hỏi?</text></questiontext>
<answer fraction="100"><text>Vrai</text></answer>
<answer fraction="0"><text>Faux</text></answer>
</question>
)"),
                                      "old.xml");
    ASSERT_EQ(bank.questions.size(), 1u);
    EXPECT_EQ(bank.questions[0].options[0].weight, 100);
    auto const warnings = test_support::problems_with_code(bank, "truefalse_labels");
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].level, severity::warning);
    EXPECT_EQ(warnings[0].line, 3);
}

TEST(MoodleXmlRead, SkipsOtherTypesWithAWarningNamingTypeNumberAndLine) {
    struct row {
        std::string type;
        std::string gloss_vi;
    };
    std::vector<row> const rows{
        {"shortanswer", "trả lời ngắn"},
        {"numerical", "câu trả lời số"},
        {"matching", "ghép đôi"},
        {"essay", "tự luận"},
        {"description", "đoạn mô tả"},
        {"cloze", "Cloze"},
        {"ddmatch", ""},
    };
    for (auto const& r : rows) {
        auto const bank =
            read_moodle_xml(quiz("<question type=\"truefalse\"><questiontext><text>Một?</text>"
                                 "</questiontext><answer fraction=\"100\"><text>true</text>"
                                 "</answer><answer><text>false</text></answer></question>\n"
                                 "<question type=\"" +
                                 r.type +
                                 "\">\n<questiontext><text>Hai?</text></questiontext>\n"
                                 "</question>\n"),
                            "mix.xml");
        EXPECT_EQ(bank.questions.size(), 1u) << r.type;
        EXPECT_FALSE(bank.has_errors()) << dump(bank);
        ASSERT_EQ(bank.problems.size(), 1u) << r.type;
        auto const& w = bank.problems[0];
        EXPECT_EQ(w.code, "unsupported_type");
        EXPECT_EQ(w.level, severity::warning);
        EXPECT_EQ(w.question_number, 2);
        EXPECT_EQ(w.line, 4);
        EXPECT_EQ(w.file, "mix.xml");
        EXPECT_EQ(w.field, "question[2].type");
        EXPECT_NE(w.message_vi.find("Câu 2 (dòng 4)"), std::string::npos) << w.message_vi;
        EXPECT_NE(w.message_vi.find("\"" + r.type + "\""), std::string::npos);
        EXPECT_NE(w.message_vi.find(r.gloss_vi), std::string::npos);
        EXPECT_NE(w.message_vi.find("bỏ qua"), std::string::npos);
        EXPECT_NE(w.message_en.find("Question 2 (line 4)"), std::string::npos) << w.message_en;
        EXPECT_NE(w.message_en.find("skipped"), std::string::npos);
    }
}

TEST(MoodleXmlRead, EmbeddedFileBecomesMediaOfAnHtmlQuestion) {
    // "iVBORw0KGgo=" is the PNG signature.
    auto const bank = read_moodle_xml(quiz(R"(<question type="multichoice">
<questiontext format="html">
<text><![CDATA[<p>Lá cờ Đảng: <img src="@@PLUGINFILE@@/co%20dang.png"></p>]]></text>
<file name="co dang.png" path="/" encoding="base64">iVBOR
w0KGgo=</file>
</questiontext>
<answer fraction="100"><text>Nền đỏ, búa liềm vàng</text></answer>
<answer fraction="0"><text>Nền xanh</text></answer>
</question>
)"),
                                      "img.xml");
    ASSERT_TRUE(bank.problems.empty()) << dump(bank);
    auto const& q = bank.questions.at(0);
    EXPECT_EQ(q.format, text_format::html);
    ASSERT_EQ(q.media.size(), 1u);
    EXPECT_EQ(q.media[0].name, "co dang.png");
    EXPECT_EQ(q.media[0].mime_type, "image/png");
    EXPECT_EQ(q.media[0].data, "\x89PNG\r\n\x1a\n");
}

TEST(MoodleXmlRead, PlainAnswersOfAnHtmlQuestionAreEscaped) {
    auto const bank = read_moodle_xml(quiz(R"(<question type="multichoice">
<questiontext format="html"><text><![CDATA[<p>So sánh</p>]]></text></questiontext>
<answer fraction="100" format="plain_text"><text>1 &lt; 2</text></answer>
<answer fraction="0"><text><![CDATA[<b>2</b> < 1]]></text></answer>
</question>
)"),
                                      "esc.xml");
    ASSERT_EQ(bank.questions.size(), 1u) << dump(bank);
    EXPECT_EQ(bank.questions[0].options[0].text, "1 &lt; 2");
    EXPECT_EQ(bank.questions[0].options[1].text, "<b>2</b> &lt; 1"); // HTML, sanitized
}

TEST(MoodleXmlRead, SplitCdataIsJoined) {
    auto const bank =
        read_moodle_xml(quiz("<question type=\"multichoice\"><questiontext format=\"html\"><text>"
                             "<![CDATA[if (x[[0]]]]><![CDATA[>a) in();]]></text></questiontext>"
                             "<answer fraction=\"100\"><text>café</text></answer>"
                             "<answer><text>日本</text></answer></question>\n"),
                        "cdata.xml");
    ASSERT_EQ(bank.questions.size(), 1u) << dump(bank);
    EXPECT_EQ(bank.questions[0].stem, "if (x[[0]]>a) in();");
}

TEST(MoodleXmlRead, BadGradesAreErrorsNamingQuestionAndLine) {
    struct row {
        std::string answers;
        std::string code;
    };
    std::vector<row> const rows{
        {R"(<single>false</single><answer fraction="50"><text>A</text></answer><answer fraction="40"><text>B</text></answer>)",
         "weights_sum"},
        {R"(<answer fraction="100"><text>A</text></answer><answer fraction="một trăm"><text>B</text></answer>)",
         "not_number"},
        {R"(<answer fraction="100"><text>A</text></answer>)", "option_count"},
        {R"(<answer fraction="0"><text>A</text></answer><answer><text>B</text></answer>)",
         "no_correct_option"},
        {R"(<answer fraction="50"><text>A</text></answer><answer fraction="50"><text>B</text></answer>)",
         "single_without_full_mark"},
    };
    for (auto const& r : rows) {
        auto const bank = read_moodle_xml(
            quiz("<question type=\"truefalse\"><questiontext><text>Một?</text></questiontext>"
                 "<answer fraction=\"100\"><text>true</text></answer></question>\n"
                 "<question type=\"multichoice\">\n<questiontext><text>Câu lỗi?</text>"
                 "</questiontext>\n" +
                 r.answers + "\n</question>\n"),
            "loi.xml");
        EXPECT_EQ(bank.questions.size(), 1u) << r.code;
        ASSERT_TRUE(bank.has_errors()) << r.code;
        auto const errors = test_support::problems_with_code(bank, r.code);
        ASSERT_EQ(errors.size(), 1u) << r.code << "\n" << dump(bank);
        EXPECT_EQ(errors[0].question_number, 2);
        EXPECT_EQ(errors[0].file, "loi.xml");
        EXPECT_EQ(errors[0].line, r.code == "not_number" ? 6 : 4) << r.code;
        EXPECT_FALSE(errors[0].message_vi.empty());
    }
}

TEST(MoodleXmlRead, GradesOffMoodlesScaleAreAWarningWhenTheyAddUp) {
    auto const bank = read_moodle_xml(quiz(R"(<question type="multichoice">
<questiontext><text>Những nội dung nào thuộc nhiệm vụ của chi bộ?</text></questiontext>
<single>false</single>
<answer fraction="45"><text>Lãnh đạo thực hiện nhiệm vụ chính trị</text></answer>
<answer fraction="55"><text>Xây dựng chi bộ trong sạch, vững mạnh</text></answer>
<answer fraction="-100"><text>Quyết định kỷ luật Ủy viên Trung ương</text></answer>
</question>
)"),
                                      "thang_diem.xml");
    ASSERT_EQ(bank.questions.size(), 1u);
    ASSERT_EQ(bank.problems.size(), 1u);
    EXPECT_EQ(bank.problems[0].code, "moodle_grade");
    EXPECT_EQ(bank.problems[0].level, severity::warning);
    EXPECT_NE(bank.problems[0].message_en.find("Weights 45, 55 are"), std::string::npos);
}

TEST(MoodleXmlRead, BomAndCrLfAreAccepted) {
    std::string text = "\xEF\xBB\xBF" + vietnamese_xml;
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 2))
        text.insert(at, "\r");
    auto const bank = read_moodle_xml(text, "crlf.xml");
    ASSERT_TRUE(bank.problems.empty()) << dump(bank);
    ASSERT_EQ(bank.questions.size(), 2u);
    EXPECT_EQ(bank.questions[1].source_line, 28);
}

TEST(MoodleXmlRead, HostileFilesAreRefusedWithOneClearError) {
    std::string const laughs = R"(<?xml version="1.0"?>
<!DOCTYPE quiz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<quiz><question type="multichoice"><questiontext><text>&lol9;</text></questiontext></question></quiz>)";
    std::string const external = R"(<?xml version="1.0"?>
<!DOCTYPE quiz SYSTEM "file:///etc/passwd"><quiz/>)";
    std::string deep = "<quiz>";
    for (int i = 0; i < 200'000; ++i)
        deep += "<a>";
    std::string deep_closed = deep;
    for (int i = 0; i < 200'000; ++i)
        deep_closed += "</a>";
    deep_closed += "</quiz>";
    std::string many_tags = "<quiz>";
    for (int i = 0; i < 4'000'001; ++i)
        many_tags += "<a/>";
    std::string const huge_text =
        quiz("<question type=\"multichoice\"><questiontext><text>" +
             std::string(import_limits::text_bytes + 1, 'x') +
             "</text></questiontext><answer fraction=\"100\"><text>A</text></answer>"
             "<answer><text>B</text></answer></question>\n");
    std::string const too_big(import_limits::file_bytes + 1, ' ');

    struct row {
        std::string name;
        std::string text;
        std::string code;
        int line;
    };
    std::vector<row> const rows{
        {"billion laughs", laughs, "xml_doctype", 2},
        {"external entity", external, "xml_doctype", 2},
        {"truncated", vietnamese_xml.substr(0, 700), "xml_syntax", 0},
        {"deep nesting, unclosed", deep, "xml_syntax", 1},
        {"deep nesting, closed", deep_closed, "no_questions", 1},
        {"too many tags", many_tags, "too_much_markup", 0},
        {"windows-1252",
         quiz("<question type=\"essay\"><name><text>Caf\xE9</text></name>"
              "</question>"),
         "bad_utf8", 0},
        {"utf-16", std::string("\xFF\xFE<\0q\0", 6), "bad_utf8", 0},
        {"not a quiz", "<?xml version=\"1.0\"?>\n<html><body/></html>", "not_moodle_xml", 2},
        {"empty", "", "xml_syntax", 1},
        {"no questions", quiz(""), "no_questions", 2},
        {"huge text", huge_text, "text_too_long", 3},
        {"file too large", too_big, "file_too_large", 0},
    };
    for (auto const& r : rows) {
        auto const bank = read_moodle_xml(r.text, "xau.xml");
        EXPECT_TRUE(bank.questions.empty()) << r.name;
        ASSERT_EQ(bank.problems.size(), 1u) << r.name << "\n" << dump(bank);
        auto const& p = bank.problems[0];
        EXPECT_EQ(p.code, r.code) << r.name;
        EXPECT_EQ(p.level, severity::error) << r.name;
        EXPECT_EQ(p.file, "xau.xml");
        if (r.line != 0) {
            EXPECT_EQ(p.line, r.line) << r.name;
        }
        EXPECT_FALSE(p.message_vi.empty());
        EXPECT_FALSE(p.message_en.empty());
    }
}

TEST(MoodleXmlRead, TruncatedFileNamesTheLineWhereItStops) {
    auto const bank = read_moodle_xml(vietnamese_xml.substr(0, 700), "cut.xml");
    ASSERT_EQ(bank.problems.size(), 1u);
    EXPECT_GT(bank.problems[0].line, 10);
    EXPECT_NE(bank.problems[0].message_vi.find("dòng " + std::to_string(bank.problems[0].line)),
              std::string::npos);
}

TEST(MoodleXmlRead, OversizedMediaIsAnErrorForThatQuestion) {
    std::string const data(import_limits::media_bytes / 3 * 4 + 8, 'A');
    auto const bank = read_moodle_xml(
        quiz("<question type=\"truefalse\"><questiontext format=\"html\"><text>Ảnh?</text>"
             "<file name=\"lon.png\" path=\"/\" encoding=\"base64\">" +
             data +
             "</file></questiontext><answer fraction=\"100\"><text>true</text></answer>"
             "<answer><text>false</text></answer></question>\n"),
        "media.xml");
    EXPECT_TRUE(bank.questions.empty());
    auto const errors = test_support::problems_with_code(bank, "media_too_large");
    ASSERT_EQ(errors.size(), 1u) << dump(bank);
    EXPECT_EQ(errors[0].question_number, 1);
}

TEST(MoodleXmlWrite, WritesCategoriesFractionsTagsAndFiles) {
    question q;
    q.topic = "Điều lệ Đảng";
    q.level = cognitive_level::van_dung;
    q.external_id = "DL/1";
    q.stem = "<p>Nguyên tắc nào? <img src=\"@@PLUGINFILE@@/a.png\"></p>";
    q.format = text_format::html;
    q.options = {{"Tập trung dân chủ", 50, "Đúng"}, {"Phê bình", 50, ""}, {"Khác", -100, ""}};
    q.tags = {"nguyên tắc"};
    q.explanation = "Điều 9";
    q.media = {{"a.png", "image/png", std::string("\x89PNG", 4)}};
    std::string const xml = write_moodle_xml({q});
    EXPECT_NE(xml.find("<text>$course$/top/Điều lệ Đảng</text>"), std::string::npos) << xml;
    EXPECT_NE(xml.find("<question type=\"multichoice\">"), std::string::npos);
    EXPECT_NE(xml.find("<single>false</single>"), std::string::npos);
    EXPECT_NE(xml.find("fraction=\"50\""), std::string::npos);
    EXPECT_NE(xml.find("fraction=\"-100\""), std::string::npos);
    EXPECT_NE(xml.find("<text>van_dung</text>"), std::string::npos);
    EXPECT_NE(xml.find("<idnumber>DL/1</idnumber>"), std::string::npos);
    EXPECT_NE(xml.find("<file name=\"a.png\" path=\"/\" encoding=\"base64\">iVBORw==</file>"),
              std::string::npos);
    EXPECT_EQ(xml.find("alt=\"\""), std::string::npos) << "a.png is already referenced";
}

TEST(MoodleXmlWrite, PlainQuestionWithMediaIsWrittenAsHtmlReferencingTheFile) {
    question q;
    q.stem = "Lá cờ nào là cờ Đảng? (x < y)";
    q.options = {{"Cờ 1", 100, ""}, {"Cờ 2", 0, ""}};
    q.media = {{"co.png", "image/png", "png"}};
    auto const bank = read_moodle_xml(write_moodle_xml({q}), "co.xml");
    ASSERT_EQ(bank.questions.size(), 1u) << dump(bank);
    auto const& back = bank.questions[0];
    EXPECT_EQ(back.format, text_format::html);
    EXPECT_EQ(back.stem, "Lá cờ nào là cờ Đảng? (x &lt; y) <img src=\"@@PLUGINFILE@@/co.png\">");
    ASSERT_EQ(back.media.size(), 1u);
    EXPECT_EQ(back.media[0].data, "png");
}

TEST(MoodleXmlWrite, RoundTripFromJsonKeepsEverything) {
    std::string const json = R"({"format": "phongthi-bank", "version": 1, "name": "Vòng",
  "questions": [
    {"stem": "Câu chưa có chủ đề?", "options": [{"text": "Có", "weight": 100}, {"text": "Không"}]},
    {"id": "Q1", "topic": "Điều lệ Đảng", "level": "van_dung_cao",
     "stem": "Đảng viên có mấy quyền?", "points": 1.5, "shuffle_options": false,
     "options": [{"text": "4 quyền", "weight": 100, "feedback": "Điều 3"},
                 {"text": "3 quyền", "weight": 0, "feedback": "Thiếu"}],
     "tags": ["quyền", "NB"], "explanation": "Điều 3 Điều lệ Đảng quy định 4 quyền."},
    {"topic": "Điều lệ Đảng", "level": "thong_hieu", "stem": "Chọn các ý đúng: a < b & c",
     "options": [{"text": "A ]]> B", "weight": 33.33333}, {"text": "B", "weight": 33.33333},
                 {"text": "C", "weight": 33.33334}, {"text": "D", "weight": -100}]},
    {"topic": "Lịch sử/Đảng", "stem": "Đảng ra đời năm 1930.", "shuffle_options": false,
     "options": [{"text": "Đúng", "weight": 100, "feedback": "Chính xác"},
                 {"text": "Sai", "weight": 0}]},
    {"topic": "Lịch sử/Đảng", "level": "van_dung", "format": "html",
     "stem": "<p>Ảnh <img src=\"@@PLUGINFILE@@/h1.jpg\"></p>",
     "options": [{"text": "<b>Một</b>", "weight": 100}, {"text": "Hai"}],
     "media": [{"name": "h1.jpg", "mime_type": "image/jpeg", "data": "/9j/4AAQ"}]},
    {"stem": "Lại không có chủ đề", "options": [{"text": "X", "weight": 100}, {"text": "Y"}]}
  ]})";
    auto const original = read_json_bank(json, "vong.json");
    ASSERT_TRUE(original.problems.empty()) << dump(original);
    ASSERT_EQ(original.questions.size(), 6u);

    std::string const xml = write_moodle_xml(original.questions);
    auto const back = read_moodle_xml(xml, "vong.xml");
    ASSERT_TRUE(back.problems.empty()) << dump(back) << xml;
    ASSERT_EQ(back.questions.size(), original.questions.size());
    for (std::size_t i = 0; i < original.questions.size(); ++i)
        EXPECT_EQ(question_to_json(back.questions[i]), question_to_json(original.questions[i]))
            << "question " << i + 1;
    EXPECT_NE(xml.find("<question type=\"truefalse\">"), std::string::npos);
    auto const again = read_json_bank(write_json_bank("Vòng", "", back.questions), "lai.json");
    EXPECT_TRUE(again.problems.empty());
    EXPECT_EQ(again.questions.size(), 6u);
}

#ifdef PHONGTHI_FIXTURES_DIR

namespace {

std::string moodle_fixture(std::string const& path) {
    auto bytes =
        test_support::read_bytes(std::string(PHONGTHI_FIXTURES_DIR) + "/moodlexml/" + path);
    EXPECT_FALSE(bytes.empty()) << path;
    return bytes;
}

} // namespace

TEST(MoodleXmlFixtures, EachFileParsesToTheQuestionsItHolds) {
    struct row {
        std::string path;
        std::size_t questions;
        std::vector<std::string> topics;
        std::vector<std::string> codes; // every problem, in order
        bool errors;
    };
    std::vector<row> const rows{
        {"moodle/error_invalid_grades.xml", 0, {}, {"moodle_grade", "weights_sum"}, true},
        {"moodle/html_chars_in_idnumbers.xml", 1, {"Alpha"}, {}, false},
        {"moodle/nested_categories_with_questions.xml",
         4,
         {"Iota", "Kappa", "Lambda", "Mu"},
         {"unsupported_type"},
         false},
        {"moodle/old_format_file.xml", 2, {"Pi", "Rho"}, {}, false},
        {"LucasWolfgang_QAS-Editor/multichoice.xml", 1, {""}, {}, false},
        {"LucasWolfgang_QAS-Editor/shortanswer.xml", 0, {}, {"unsupported_type"}, false},
        {"LucasWolfgang_QAS-Editor/truefalse.xml", 1, {""}, {}, false},
    };
    for (auto const& r : rows) {
        auto const bank = read_moodle_xml(moodle_fixture(r.path), r.path);
        EXPECT_EQ(bank.questions.size(), r.questions) << r.path << "\n" << dump(bank);
        std::vector<std::string> topics;
        for (auto const& q : bank.questions)
            topics.push_back(q.topic);
        EXPECT_EQ(topics, r.topics) << r.path;
        std::vector<std::string> codes;
        for (auto const& p : bank.problems)
            codes.push_back(p.code);
        EXPECT_EQ(codes, r.codes) << r.path;
        EXPECT_EQ(bank.has_errors(), r.errors) << r.path;
    }
}

TEST(MoodleXmlFixtures, InvalidGradesAreReportedOnTheQuestion) {
    auto const bank = read_moodle_xml(moodle_fixture("moodle/error_invalid_grades.xml"),
                                      "error_invalid_grades.xml");
    ASSERT_EQ(bank.problems.size(), 2u);
    auto const& off_scale = bank.problems[0];
    EXPECT_EQ(off_scale.level, severity::warning);
    EXPECT_EQ(off_scale.line, 4);
    EXPECT_EQ(off_scale.question_number, 1);
    EXPECT_NE(off_scale.message_vi.find("Trọng số 33 không"), std::string::npos);
    auto const& error = bank.problems[1];
    EXPECT_EQ(error.level, severity::error);
    EXPECT_EQ(error.code, "weights_sum");
    EXPECT_EQ(error.line, 4);
    EXPECT_EQ(error.question_number, 1);
    EXPECT_EQ(error.field, "question[1].options");
    EXPECT_EQ(error.message_vi, "Tổng trọng số các phương án đúng phải bằng 100%");
}

TEST(MoodleXmlFixtures, NestedCategoriesGiveTheLastSegmentAndSkipTheEssay) {
    auto const bank = read_moodle_xml(moodle_fixture("moodle/nested_categories_with_questions.xml"),
                                      "nested.xml");
    ASSERT_EQ(bank.questions.size(), 4u);
    EXPECT_EQ(bank.questions[0].stem, "<p>Testing Iota Question</p>");
    EXPECT_EQ(bank.questions[0].source_line, 15);
    EXPECT_EQ(bank.questions[3].stem, "<p>Testing Mu Question</p>");
    EXPECT_EQ(bank.questions[3].source_line, 163);
    for (auto const& q : bank.questions) {
        ASSERT_EQ(q.options.size(), 2u);
        EXPECT_EQ(q.options[0].text, "Đúng");
        EXPECT_EQ(q.options[0].weight, 100);
        EXPECT_EQ(q.options[1].text, "Sai");
        EXPECT_EQ(q.options[1].weight, 0);
    }
    ASSERT_EQ(bank.problems.size(), 1u);
    auto const& skipped = bank.problems[0];
    EXPECT_EQ(skipped.level, severity::warning);
    EXPECT_EQ(skipped.line, 55);
    EXPECT_EQ(skipped.question_number, 2);
    EXPECT_NE(skipped.message_en.find("\"essay\""), std::string::npos);
    EXPECT_NE(skipped.message_vi.find("tự luận"), std::string::npos);
}

TEST(MoodleXmlFixtures, OldFormatAndEntityIdnumbers) {
    auto const old = read_moodle_xml(moodle_fixture("moodle/old_format_file.xml"), "old.xml");
    ASSERT_EQ(old.questions.size(), 2u);
    EXPECT_EQ(old.questions[0].stem, "<p>Testing Pi Question</p>");
    EXPECT_EQ(old.questions[0].external_id, "");
    EXPECT_EQ(old.questions[1].source_line, 46);

    auto const ids =
        read_moodle_xml(moodle_fixture("moodle/html_chars_in_idnumbers.xml"), "ids.xml");
    ASSERT_EQ(ids.questions.size(), 1u);
    EXPECT_EQ(ids.questions[0].external_id, "T & F");
}

TEST(MoodleXmlFixtures, QasMultichoiceHasItsFilesAndGrade) {
    auto const bank =
        read_moodle_xml(moodle_fixture("LucasWolfgang_QAS-Editor/multichoice.xml"), "mc.xml");
    ASSERT_EQ(bank.questions.size(), 1u);
    auto const& q = bank.questions[0];
    EXPECT_EQ(q.format, text_format::html);
    EXPECT_DOUBLE_EQ(q.points, 1.3);
    EXPECT_TRUE(q.shuffle_options);
    EXPECT_NE(q.stem.find("@@PLUGINFILE@@/4.png"), std::string::npos);
    ASSERT_EQ(q.options.size(), 5u);
    EXPECT_EQ(q.options[0].text, "<p>This is the good <u>underlined</u> answer.<br></p>");
    EXPECT_EQ(q.options[0].weight, 100);
    for (std::size_t i = 1; i < 5; ++i)
        EXPECT_EQ(q.options[i].weight, 0);
    ASSERT_EQ(q.media.size(), 2u);
    EXPECT_EQ(q.media[0].name, "4.png");
    EXPECT_EQ(q.media[0].mime_type, "image/png");
    EXPECT_EQ(q.media[0].data.substr(1, 3), "PNG");
    EXPECT_EQ(q.media[1].name, "dessin.svg");
    EXPECT_EQ(q.media[1].mime_type, "image/svg+xml");
    EXPECT_EQ(q.media[1].data.substr(0, 5), "<?xml");
}

TEST(MoodleXmlFixtures, QasTrueFalseHasFalseCorrectAndAJpeg) {
    auto const bank =
        read_moodle_xml(moodle_fixture("LucasWolfgang_QAS-Editor/truefalse.xml"), "tf.xml");
    ASSERT_EQ(bank.questions.size(), 1u);
    auto const& q = bank.questions[0];
    EXPECT_DOUBLE_EQ(q.points, 1.14);
    EXPECT_EQ(q.options[0].weight, 0);
    EXPECT_EQ(q.options[1].weight, 100);
    EXPECT_EQ(q.options[0].feedback.rfind("Yes. Did you just know?", 0), 0u);
    ASSERT_EQ(q.media.size(), 1u);
    EXPECT_EQ(q.media[0].name, "moodlewhich.jpg");
    EXPECT_EQ(q.media[0].mime_type, "image/jpeg");
    EXPECT_EQ(q.media[0].data.substr(0, 3), "\xFF\xD8\xFF");
}

TEST(MoodleXmlFixtures, WrittenFixturesReadBackTheSame) {
    for (std::string const path :
         {"moodle/nested_categories_with_questions.xml", "LucasWolfgang_QAS-Editor/multichoice.xml",
          "LucasWolfgang_QAS-Editor/truefalse.xml", "moodle/html_chars_in_idnumbers.xml"}) {
        auto const first = read_moodle_xml(moodle_fixture(path), path);
        auto const second = read_moodle_xml(write_moodle_xml(first.questions), path);
        EXPECT_FALSE(second.has_errors()) << path << "\n" << dump(second);
        ASSERT_EQ(second.questions.size(), first.questions.size()) << path;
        for (std::size_t i = 0; i < first.questions.size(); ++i)
            EXPECT_EQ(question_to_json(second.questions[i]), question_to_json(first.questions[i]))
                << path;
    }
}

#endif
