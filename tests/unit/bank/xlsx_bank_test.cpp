#include "question-bank/xlsx_bank.hpp"
#include "tests/unit/bank/bank_test_support.hpp"

#include "tests/unit/bank/docx_builder.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include <memory>

using namespace phongthi::bank;
using phongthi::bank::test::make_zip;
using phongthi::bank::test::set_declared_size;

namespace {

constexpr std::string_view package_rels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>)";

// Two sheets: "Hướng dẫn" first, so choosing "Câu hỏi" by name is tested.
constexpr std::string_view workbook_xml =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Hướng dẫn" sheetId="1" r:id="rId1"/><sheet name="CÂU HỎI" sheetId="2" r:id="rId2"/></sheets>
</workbook>)";

constexpr std::string_view workbook_rels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>)";

constexpr std::string_view shared_xml =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><t>Câu hỏi</t></si>
<si><r><t xml:space="preserve">Chi bộ </t></r><r><rPr><b/></rPr><t>sinh hoạt</t></r><r><t xml:space="preserve"> bao lâu một lần?</t></r><rPh sb="0" eb="1"><t>ヒント</t></rPh></si>
<si><t>Mỗi tháng_x000D_
một lần</t></si>
<si><t>Đáp án</t></si>
</sst>)";

std::string sheet_xml(std::string const& rows) {
    return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
           rows + "</sheetData></worksheet>";
}

std::string inline_cell(std::string const& reference, std::string const& text) {
    return "<c r=\"" + reference + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}

// The hand-made workbook: a title in row 1, the header in row 3, questions from row 5.
std::string const header_row = "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c>" +
                               inline_cell("B3", "A") + inline_cell("C3", "B") +
                               "<c r=\"D3\" t=\"s\"><v>3</v></c>" + inline_cell("E3", "Điểm") +
                               inline_cell("F3", "Mức độ") + "</row>";

std::string workbook(std::string const& question_rows, std::string_view shared = shared_xml) {
    return make_zip({{"_rels/.rels", std::string(package_rels)},
                     {"xl/workbook.xml", std::string(workbook_xml)},
                     {"xl/_rels/workbook.xml.rels", std::string(workbook_rels)},
                     {"xl/sharedStrings.xml", std::string(shared)},
                     {"xl/worksheets/sheet1.xml", sheet_xml(inline_cell("A1", "Hướng dẫn"))},
                     {"xl/worksheets/sheet2.xml",
                      sheet_xml("<row r=\"1\">" + inline_cell("A1", "NGÂN HÀNG CÂU HỎI") +
                                "</row>" + header_row + question_rows)}});
}

std::string const good_row = "<row r=\"5\"><c r=\"A5\" t=\"s\"><v>1</v></c><c r=\"B5\" "
                             "t=\"s\"><v>2</v></c>" +
                             inline_cell("C5", "Mỗi quý một lần") + inline_cell("D5", "A") +
                             "<c r=\"E5\"><v>1.5</v></c></row>";

// One member of a zip, read with libzip.
std::string member(std::string const& zip, char const* name) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(zip.data(), zip.size(), 0, &error);
    std::unique_ptr<zip_t, decltype(&zip_discard)> archive(
        zip_open_from_source(source, ZIP_RDONLY, &error), &zip_discard);
    zip_error_fini(&error);
    zip_stat_t stat;
    if (!archive || zip_stat(archive.get(), name, 0, &stat) != 0)
        return {};
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen(archive.get(), name, 0),
                                                            &zip_fclose);
    std::string data(stat.size, '\0');
    zip_fread(file.get(), data.data(), data.size());
    return data;
}

question make_question(std::string stem, std::vector<std::pair<std::string, double>> options) {
    question q;
    q.stem = std::move(stem);
    for (auto& [text, weight] : options)
        q.options.push_back({std::move(text), weight, ""});
    return q;
}

} // namespace

TEST(XlsxBank, ReadsTheQuestionSheetWithRichTextGapsAndNumbers) {
    auto const bank = read_xlsx_bank(workbook(good_row), "dang.xlsx");
    ASSERT_TRUE(bank.problems.empty()) << bank.problems.front().message_en;
    ASSERT_EQ(bank.questions.size(), 1u);
    auto const& q = bank.questions[0];
    EXPECT_EQ(q.stem, "Chi bộ sinh hoạt bao lâu một lần?");
    ASSERT_EQ(q.options.size(), 2u);
    EXPECT_EQ(q.options[0].text, "Mỗi tháng một lần");
    EXPECT_EQ(q.options[0].weight, 100);
    EXPECT_EQ(q.options[1].text, "Mỗi quý một lần");
    EXPECT_EQ(q.points, 1.5);
    EXPECT_EQ(q.level, cognitive_level::nhan_biet);
    EXPECT_EQ(q.source_line, 5);
    EXPECT_EQ(q.source_file, "dang.xlsx");
}

TEST(XlsxBank, RowProblemsNameTheSheetRowAndColumn) {
    std::string const bad_row = "<row r=\"7\">" + inline_cell("A7", "Câu hỏi hai?") +
                                inline_cell("B7", "Có") + inline_cell("C7", "Không") +
                                inline_cell("D7", "C") + inline_cell("F7", "khó") + "</row>";
    auto const bank = read_xlsx_bank(workbook(good_row + bad_row), "dang.xlsx");
    EXPECT_EQ(bank.questions.size(), 1u);
    ASSERT_EQ(test_support::problem_codes(bank),
              (std::vector<std::string>{"unknown_level", "answer_out_of_range"}));
    EXPECT_EQ(bank.problems[0].field, "sheet CÂU HỎI, column F (Mức độ)");
    EXPECT_EQ(bank.problems[1].field, "sheet CÂU HỎI, column D (Đáp án)");
    EXPECT_EQ(bank.problems[1].line, 7);
    EXPECT_EQ(bank.problems[1].question_number, 2);
}

TEST(XlsxBank, WriteThenReadGivesTheSameQuestions) {
    std::vector<question> questions;
    questions.push_back(make_question("Đảng Cộng sản Việt Nam ra đời năm nào?",
                                      {{"1930", 100}, {"1945", 0}, {"1954", 0}, {"1975", 0}}));
    questions.back().topic = "Lịch sử Đảng";
    questions.back().external_id = "LS-01";
    questions.back().explanation = "Ngày 3/2/1930";
    questions.push_back(make_question("Nguyên tắc nào là nguyên tắc tổ chức của Đảng?",
                                      {{"Tập trung dân chủ", 50},
                                       {"Tự phê bình và phê bình", 50},
                                       {"Tam quyền phân lập", -100}}));
    questions.back().level = cognitive_level::van_dung;
    questions.back().points = 2.5;
    std::string const bytes = write_xlsx_bank(questions);
    ASSERT_TRUE(bytes.starts_with("PK"));

    auto const sheet = member(bytes, "xl/worksheets/sheet1.xml");
    EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos);
    EXPECT_NE(sheet.find("<autoFilter"), std::string::npos);
    EXPECT_NE(sheet.find("<v>2.5</v>"), std::string::npos); // points as a number
    EXPECT_NE(member(bytes, "xl/workbook.xml").find("name=\"Câu hỏi\""), std::string::npos);

    auto const back = read_xlsx_bank(bytes, "xuat.xlsx");
    ASSERT_TRUE(back.problems.empty()) << back.problems.front().message_en;
    ASSERT_EQ(back.questions.size(), 2u);
    for (std::size_t i = 0; i < questions.size(); ++i) {
        auto const& a = questions[i];
        auto const& b = back.questions[i];
        EXPECT_EQ(b.stem, a.stem);
        EXPECT_EQ(b.topic, a.topic);
        EXPECT_EQ(b.external_id, a.external_id);
        EXPECT_EQ(b.level, a.level);
        EXPECT_EQ(b.points, a.points);
        EXPECT_EQ(b.explanation, a.explanation);
        EXPECT_EQ(b.source_line, static_cast<int>(i) + 2);
        ASSERT_EQ(b.options.size(), a.options.size());
        for (std::size_t k = 0; k < a.options.size(); ++k) {
            EXPECT_EQ(b.options[k].text, a.options[k].text);
            EXPECT_EQ(b.options[k].weight, a.options[k].weight);
        }
    }
}

TEST(XlsxBank, BrokenFilesGiveOneClearError) {
    std::string const valid = workbook(good_row);
    std::string truncated = valid.substr(0, valid.size() / 2);
    struct row {
        std::string name;
        std::string bytes;
        std::string code;
    };
    std::vector<row> const rows{
        {"not a zip", "Câu hỏi,A,B,Đáp án\n", "not_xlsx"},
        {"old xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), "not_xlsx"},
        {"truncated", truncated, "not_xlsx"},
        {"no workbook", make_zip({{"[Content_Types].xml", "<Types/>"}}), "xlsx_missing_part"},
        {"no sheet part",
         make_zip({{"xl/workbook.xml", std::string(workbook_xml)},
                   {"xl/_rels/workbook.xml.rels", std::string(workbook_rels)}}),
         "xlsx_missing_part"},
        {"no sheets", make_zip({{"xl/workbook.xml", "<workbook><sheets/></workbook>"}}),
         "xlsx_no_sheet"},
        {"bad xml", workbook("<row r=\"5\"><c"), "xlsx_bad_xml"},
        {"bad shared index", workbook("<row r=\"5\"><c r=\"A5\" t=\"s\"><v>99</v></c></row>"),
         "xlsx_damaged"},
    };
    for (auto const& r : rows) {
        auto const bank = read_xlsx_bank(r.bytes, "hong.xlsx");
        EXPECT_TRUE(bank.questions.empty()) << r.name;
        ASSERT_EQ(test_support::problem_codes(bank), std::vector<std::string>{r.code}) << r.name;
        EXPECT_EQ(bank.problems[0].file, "hong.xlsx");
        EXPECT_FALSE(bank.problems[0].message_vi.empty());
    }
}

TEST(XlsxBank, ZipBombsAreRefusedByDeclaredAndByActualSize) {
    std::string declared_huge = workbook(good_row);
    set_declared_size(declared_huge, "xl/worksheets/sheet2.xml", 0xFFFFFF00u);
    EXPECT_EQ(test_support::problem_codes(read_xlsx_bank(declared_huge, "bom.xlsx")),
              std::vector<std::string>{"xlsx_too_large"});

    // The header claims a few bytes; the deflated data holds much more: counted while reading.
    std::string const rows(2'000'000, ' ');
    std::string lying = workbook(good_row + rows);
    set_declared_size(lying, "xl/worksheets/sheet2.xml", 1000);
    auto const bank = read_xlsx_bank(lying, "bom.xlsx");
    EXPECT_TRUE(bank.questions.empty());
    ASSERT_EQ(bank.problems.size(), 1u);
    EXPECT_EQ(bank.problems[0].code, "xlsx_too_large");
    EXPECT_EQ(bank.problems[0].field, "xl/worksheets/sheet2.xml");
}

TEST(XlsxBank, HugeCellIsRefusedAndTheOtherRowsKept) {
    std::string shared(shared_xml);
    shared.insert(shared.find("</sst>"), "<si><t>" + std::string(40'000'000, 'x') + "</t></si>");
    std::string const huge_row = "<row r=\"6\"><c r=\"A6\" t=\"s\"><v>4</v></c>" +
                                 inline_cell("B6", "Có") + inline_cell("C6", "Không") +
                                 inline_cell("D6", "A") + "</row>";
    auto const bank = read_xlsx_bank(workbook(good_row + huge_row, shared), "lon.xlsx");
    EXPECT_EQ(bank.questions.size(), 1u);
    ASSERT_EQ(test_support::problem_codes(bank), std::vector<std::string>{"cell_too_large"});
    EXPECT_EQ(bank.problems[0].line, 6);
    EXPECT_EQ(bank.problems[0].field, "sheet CÂU HỎI, column A (Câu hỏi)");
}

TEST(XlsxBank, TooManyRowsStopWithAnError) {
    std::string rows;
    for (int r = 5; r < 5 + 100'001; ++r) {
        std::string const n = std::to_string(r);
        rows += "<row r=\"" + n + "\">" + inline_cell("A" + n, "Câu " + n + "?") +
                inline_cell("B" + n, "Có") + inline_cell("C" + n, "Không") +
                inline_cell("D" + n, "B") + "</row>";
    }
    auto const bank = read_xlsx_bank(workbook(rows), "nhieu.xlsx");
    EXPECT_EQ(bank.questions.size(), 100'000u);
    ASSERT_FALSE(bank.problems.empty());
    EXPECT_EQ(bank.problems.back().code, "too_many_questions");
    EXPECT_EQ(bank.problems.back().line, 100'005);
}

TEST(XlsxBank, HostileXmlIsHarmless) {
    std::string const laughs =
        R"(<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<sst><si><t>Câu hỏi</t></si><si><t>&lol3;</t></si><si><t>A</t></si><si><t>Đáp án</t></si></sst>)";
    auto const bank = read_xlsx_bank(workbook(good_row, laughs), "laughs.xlsx");
    for (auto const& q : bank.questions)
        EXPECT_LT(q.stem.size(), 100u);

    std::string deep;
    for (int i = 0; i < 200'000; ++i)
        deep += "<x>";
    auto const nested = read_xlsx_bank(workbook(deep), "deep.xlsx");
    EXPECT_TRUE(nested.has_errors());

    std::string const bad_utf8_row = "<row r=\"5\">" + inline_cell("A5", "C\xE2u?") +
                                     inline_cell("B5", "x") + inline_cell("C5", "y") +
                                     inline_cell("D5", "A") + "</row>";
    EXPECT_EQ(test_support::problem_codes(read_xlsx_bank(workbook(bad_utf8_row), "u.xlsx")),
              std::vector<std::string>{"bad_utf8"});

    std::string const far_right = "<row r=\"5\"><c r=\"XFD5\" t=\"inlineStr\"><is><t>x</t></is>"
                                  "</c></row>";
    EXPECT_EQ(
        test_support::problem_codes(read_xlsx_bank(workbook(far_right + good_row), "far.xlsx")),
        std::vector<std::string>{});
}

TEST(XlsxBank, OversizedSheetPartIsRefusedNamingTheSheetAndTheLimit) {
    // 65 MB of blanks deflate to a small file, declared honestly: only the part limit stops it.
    std::string const blanks(import_limits::xml_part_bytes + 1024 * 1024, ' ');
    auto const bank = read_xlsx_bank(workbook(good_row + blanks), "to.xlsx");
    EXPECT_TRUE(bank.questions.empty());
    ASSERT_EQ(test_support::problem_codes(bank), std::vector<std::string>{"xlsx_part_too_large"});
    auto const& p = bank.problems[0];
    EXPECT_EQ(p.file, "to.xlsx");
    EXPECT_EQ(p.field, "xl/worksheets/sheet2.xml");
    EXPECT_NE(p.message_vi.find("CÂU HỎI"), std::string::npos) << p.message_vi;
    EXPECT_NE(p.message_en.find("64 MB"), std::string::npos) << p.message_en;

    std::string shared(shared_xml);
    shared.insert(shared.find("</sst>"), blanks);
    EXPECT_EQ(test_support::problem_codes(read_xlsx_bank(workbook(good_row, shared), "to.xlsx")),
              std::vector<std::string>{"xlsx_part_too_large"});
}

TEST(XlsxBank, SheetWithTooManyRowsCellsOrElementsIsRefusedNamingTheLimit) {
    std::string rows;
    for (std::size_t r = 0; r <= import_limits::sheet_rows; ++r)
        rows += "<row/>";
    auto const bank = read_xlsx_bank(workbook(rows), "dai.xlsx");
    EXPECT_TRUE(bank.questions.empty());
    ASSERT_EQ(test_support::problem_codes(bank), std::vector<std::string>{"xlsx_sheet_too_large"});
    EXPECT_EQ(bank.problems[0].field, "xl/worksheets/sheet2.xml");
    EXPECT_NE(bank.problems[0].message_en.find("CÂU HỎI\" has more than 200000 rows"),
              std::string::npos)
        << bank.problems[0].message_en;

    std::string cells = "<row r=\"5\">";
    for (std::size_t c = 0; c <= import_limits::sheet_cells; ++c)
        cells += "<c/>";
    auto const wide = read_xlsx_bank(workbook(cells + "</row>"), "rong.xlsx");
    ASSERT_EQ(test_support::problem_codes(wide), std::vector<std::string>{"xlsx_sheet_too_large"});
    EXPECT_NE(wide.problems[0].message_en.find("2000000 cells"), std::string::npos);

    std::string elements;
    for (std::size_t e = 0; e <= import_limits::xml_markup; ++e)
        elements += "<x/>";
    EXPECT_EQ(test_support::problem_codes(read_xlsx_bank(workbook(elements), "phuc_tap.xlsx")),
              std::vector<std::string>{"xlsx_too_complex"});
}
