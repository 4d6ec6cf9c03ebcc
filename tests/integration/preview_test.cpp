// The lecturer's previews against the real server: a paper drawn by preview-paper is the paper the
// runtime gives a candidate with the same seed or variant, and a key correction's dry run writes
// nothing and predicts what the real correction then stores.
#include "server/store/database.hpp"
#include "tests/integration/results_fixture.hpp"

using namespace phongthi::test;

namespace {

/// What a candidate sees of a paper, question by question: the stem, then the option texts in
/// paper order.
std::vector<std::vector<std::string>> shown_texts(json const& questions) {
    std::vector<std::vector<std::string>> shown;
    for (auto const& q : questions) {
        std::vector<std::string> texts{q["stem"].get<std::string>()};
        for (auto const& option : q["options"])
            texts.push_back(option["text"]);
        shown.push_back(std::move(texts));
    }
    return shown;
}

/// The correct flags of a paper's options (a preview or a staff review), question by question, in
/// paper order.
std::vector<std::vector<bool>> key_of_paper(json const& questions) {
    std::vector<std::vector<bool>> key;
    for (auto const& q : questions) {
        key.emplace_back();
        for (auto const& option : q["options"])
            key.back().push_back(option["correct"].get<bool>());
    }
    return key;
}

std::int64_t count_rows(phongthi::store::database& db, std::string const& sql) {
    auto query = db.prepare(sql);
    return query.step() ? query.column_int64(0) : -1;
}

} // namespace

TEST_F(ResultsServer, PreviewPaperWithTheSeedIsTheCandidatesPaperWithItsKey) {
    act(demo_exam, "open");
    act(demo_exam, "start");
    json paper;
    auto socket = join(1, demo_exam, &paper);
    ASSERT_EQ(paper["t"], "paper");
    auto const review = review_of(paper["attempt"], lecturer()); // the attempt's row is written
    std::string seed;
    {
        phongthi::store::database db(data_dir() / "phongthi.db",
                                     phongthi::store::open_mode::read_only);
        auto query = db.prepare("SELECT paper_seed FROM attempts WHERE id = ?1");
        query.bind(1, paper["attempt"].get<std::int64_t>());
        ASSERT_TRUE(query.step());
        seed = std::to_string(static_cast<std::uint64_t>(query.column_int64(0)));
    }
    auto const target = "/api/exams/1/preview-paper?seed=" + seed;
    auto const drawn = call("GET", target, lecturer());
    ASSERT_EQ(drawn.status, 200) << drawn.body;
    auto const preview = json::parse(drawn.body);
    EXPECT_EQ(preview["seed"], seed);
    EXPECT_EQ(preview["source"], "published");
    EXPECT_EQ(preview["questions"].size(), paper["questions"].size());
    EXPECT_EQ(shown_texts(preview["questions"]), shown_texts(paper["questions"]));
    EXPECT_EQ(key_of_paper(preview["questions"]), key_of_paper(review["questions"]));

    EXPECT_EQ(call("GET", target, candidate(2)).status, 403);
    EXPECT_EQ(call("GET", target, proctor()).status, 403);
    EXPECT_EQ(call("GET", "/api/exams/1/preview-paper?seed=12x", lecturer()).status, 400);
    EXPECT_EQ(call("GET", "/api/exams/1/preview-paper?variant=101", lecturer()).status, 400);
    EXPECT_EQ(call("GET", "/api/exams/999/preview-paper", lecturer()).status, 404);
    auto const fresh = call("GET", "/api/exams/1/preview-paper", lecturer());
    ASSERT_EQ(fresh.status, 200);
    EXPECT_NE(json::parse(fresh.body)["seed"], seed); // a fresh random seed when none is given
}

TEST_F(ResultsServer, PreviewOfAFixedVariantIsThatVariantsPaperAndIsAudited) {
    use_fixed_variants(lecturer(), 2);
    act(demo_exam, "open");
    act(demo_exam, "start");
    json paper;
    auto socket = join(1, demo_exam, &paper);
    auto const variant = paper["exam"]["variant"].get<std::string>();
    auto const drawn = call("GET", "/api/exams/1/preview-paper?variant=" + variant, lecturer());
    ASSERT_EQ(drawn.status, 200) << drawn.body;
    auto const preview = json::parse(drawn.body);
    EXPECT_EQ(preview["variant"], variant);
    EXPECT_EQ(preview["variant_codes"], json::array({"101", "102"}));
    EXPECT_EQ(shown_texts(preview["questions"]), shown_texts(paper["questions"]));
    EXPECT_EQ(call("GET", "/api/exams/1/preview-paper?variant=103", lecturer()).status, 400);
    EXPECT_EQ(call("GET", "/api/exams/1/preview-paper?seed=7", lecturer()).status, 400);

    phongthi::store::database db(data_dir() / "phongthi.db", phongthi::store::open_mode::read_only);
    auto audit = db.prepare("SELECT actor, target, detail FROM audit_log "
                            "WHERE action = 'exam.preview_paper'");
    ASSERT_TRUE(audit.step());
    EXPECT_EQ(audit.column_text(0), "giangvien");
    EXPECT_EQ(audit.column_text(1), "exam:1");
    EXPECT_EQ(json::parse(audit.column_text(2))["variant"], variant);
    EXPECT_FALSE(audit.step()); // the refused previews are not
}

TEST_F(ResultsServer, ADraftIsPreviewedFromItsBanksAndAShortBlueprintSaysWhichCell) {
    auto const demo = json::parse(call("GET", "/api/exams/1", lecturer()).body)["exam"];
    auto blueprint = demo["blueprint"];
    blueprint.erase("pool");
    json body = {{"class_id", demo["class_id"]},
                 {"title", "Bài nháp xem trước"},
                 {"settings", demo["settings"]},
                 {"blueprint", blueprint}};
    auto const created = call("POST", "/api/exams", lecturer(), body);
    ASSERT_EQ(created.status, 201) << created.body;
    auto const id = std::to_string(json::parse(created.body)["exam"]["id"].get<std::int64_t>());
    auto const drawn = call("GET", "/api/exams/" + id + "/preview-paper?seed=42", lecturer());
    ASSERT_EQ(drawn.status, 200) << drawn.body;
    auto const preview = json::parse(drawn.body);
    EXPECT_EQ(preview["source"], "draft");
    EXPECT_EQ(preview["questions"].size(), 7u);
    EXPECT_EQ(
        json::parse(call("GET", "/api/exams/" + id + "/preview-paper?seed=42", lecturer()).body),
        preview); // the same seed draws the same paper

    body["blueprint"]["cells"][0]["count"] = 150;
    ASSERT_EQ(call("PUT", "/api/exams/" + id, lecturer(), body).status, 200);
    auto const short_paper = call("GET", "/api/exams/" + id + "/preview-paper", lecturer());
    ASSERT_EQ(short_paper.status, 422) << short_paper.body;
    auto const error = json::parse(short_paper.body)["error"];
    EXPECT_EQ(error["code"], "blueprint_short");
    ASSERT_FALSE(error["shortages"].empty());
    EXPECT_EQ(error["shortages"][0]["wanted"], 150);
    EXPECT_NE(error["message_vi"].get<std::string>().find("cần 150 câu"), std::string::npos)
        << error["message_vi"];
}

TEST_F(ResultsServer, AKeyCorrectionDryRunWritesNothingAndPredictsTheRealOne) {
    act(demo_exam, "open");
    act(demo_exam, "start");
    json paper;
    auto socket = join(2, demo_exam, &paper);
    ASSERT_EQ(sit(*socket, paper, review_of(paper["attempt"], proctor()), false)["result"]["score"],
              0.0);
    auto const stats = json::parse(call("GET", "/api/exams/1/statistics", lecturer()).body);
    auto const question = stats["questions"][0]["question_id"].get<std::int64_t>();
    json const correction = {{"question_id", question},
                             {"void", "full_credit"},
                             {"reason", "Câu hỏi có hai đáp án đúng"}};
    auto const results_before = call("GET", "/api/exams/1/results", proctor()).body;

    auto const dry = call("POST", "/api/exams/1/key-corrections?dry_run=1", lecturer(), correction);
    ASSERT_EQ(dry.status, 200) << dry.body;
    auto const predicted = json::parse(dry.body);
    EXPECT_EQ(predicted["dry_run"], true);
    EXPECT_EQ(predicted["regraded"], 1);
    ASSERT_EQ(predicted["changed"], 1);
    auto const& change = predicted["attempts"][0];
    EXPECT_EQ(change["before"], 0.0);
    EXPECT_GT(change["after"].get<double>(), 0.0);
    EXPECT_EQ(change["full_name"], "Hoàng Văn Nam");
    EXPECT_EQ(change["rank_before"], 1);
    EXPECT_EQ(change["class_before"]["passed"], false);
    EXPECT_EQ(call("POST", "/api/exams/1/key-corrections?dry_run=1", proctor(), correction).status,
              403);
    EXPECT_EQ(call("POST", "/api/exams/1/key-corrections?dry_run=1", lecturer(),
                   {{"question_id", question}, {"void", "full_credit"}})
                  .status,
              400);

    EXPECT_EQ(call("GET", "/api/exams/1/results", proctor()).body, results_before);
    {
        phongthi::store::database db(data_dir() / "phongthi.db",
                                     phongthi::store::open_mode::read_only);
        EXPECT_EQ(count_rows(db, "SELECT COUNT(*) FROM key_corrections"), 0);
        EXPECT_EQ(count_rows(db, "SELECT COUNT(*) FROM audit_log WHERE action IN "
                                 "('exam.key_correction', 'attempt.regrade')"),
                  0);
    }

    auto const real = call("POST", "/api/exams/1/key-corrections", lecturer(), correction);
    ASSERT_EQ(real.status, 200) << real.body;
    auto const applied = json::parse(real.body);
    EXPECT_EQ(applied["changed"], predicted["changed"]);
    EXPECT_EQ(applied["attempts"][0]["after"], change["after"]);
    auto const results = json::parse(call("GET", "/api/exams/1/results", proctor()).body);
    EXPECT_EQ(results["rows"][1]["score"], change["after"]);
    EXPECT_EQ(results["rows"][1]["classification"], change["class_after"]);
}
