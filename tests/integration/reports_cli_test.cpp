// `phongthi report`, `verify-cert`, `revoke-cert` and `settings` on the data directory of a
// running demo server, whose demo class has a graded exam.
#include "tests/integration/reports_fixture.hpp"

#include <fstream>
#include <sstream>

using namespace phongthi::test;

class ReportsCli : public ReportsServer {
protected:
    /// phongthi with `args` on the server's data directory.
    command_result offline(std::vector<std::string> args) {
        args.insert(args.end(), {"--data", data_dir().string()});
        return run_phongthi(args);
    }

    /// The bytes of a file the command wrote.
    static std::string read(std::filesystem::path const& file) {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        return bytes.str();
    }
};

TEST_F(ReportsCli, WritesEveryReportFile) {
    auto const exam = std::to_string(class_exam());
    for (auto const& [kind, format, magic] :
         {std::tuple{"class", "xlsx", "PK"}, std::tuple{"class", "csv", "\xEF\xBB\xBF"},
          std::tuple{"class", "pdf", "%PDF"}, std::tuple{"units", "zip", "PK"},
          std::tuple{"units", "pdf", "%PDF"}, std::tuple{"items", "xlsx", "PK"},
          std::tuple{"items", "pdf", "%PDF"}, std::tuple{"certificates", "pdf", "%PDF"},
          std::tuple{"cards", "pdf", "%PDF"}, std::tuple{"papers", "pdf", "%PDF"},
          std::tuple{"keys", "pdf", "%PDF"}}) {
        auto const out = data_.path() / (std::string(kind) + "." + format);
        auto const result = offline({"report", kind, "--exam", exam, "--format", format, "-o",
                                     out.string(), "--url", "http://10.0.0.5:8080"});
        ASSERT_EQ(result.exit_code, 0) << kind << " " << format << ": " << result.err;
        EXPECT_TRUE(read(out).starts_with(magic)) << kind << " " << format;
    }
    auto const wrong = offline({"report", "units", "--exam", exam, "--format", "csv", "-o",
                                (data_.path() / "x").string()});
    EXPECT_EQ(wrong.exit_code, 2);
    EXPECT_NE(wrong.err.find("pdf|zip"), std::string::npos) << wrong.err;
    auto const missing =
        offline({"report", "class", "--exam", "999", "-o", (data_.path() / "y.xlsx").string()});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("no exam 999"), std::string::npos) << missing.err;
    EXPECT_FALSE(std::filesystem::exists(data_.path() / "y.xlsx"));
}

TEST_F(ReportsCli, VerifiesAndRevokesACertificate) {
    auto const out = (data_.path() / "gcn.pdf").string();
    auto const issued = offline({"report", "certificates", "--exam", std::to_string(class_exam()),
                                 "-o", out, "--url", "http://10.0.0.5:8080"});
    ASSERT_EQ(issued.exit_code, 0) << issued.err;
    auto const list = certificates();
    ASSERT_FALSE(list.empty());
    auto const& [code, name] = list.front();

    auto const shown = offline({"verify-cert", code});
    ASSERT_EQ(shown.exit_code, 0) << shown.err;
    EXPECT_NE(shown.out.find("Hợp lệ"), std::string::npos) << shown.out;
    EXPECT_NE(shown.out.find(name), std::string::npos) << shown.out;
    EXPECT_NE(pdf_text(read(out), data_.path()).find(code), std::string::npos);

    auto const revoked = offline({"revoke-cert", code, "--reason", "cấp nhầm"});
    ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
    EXPECT_EQ(offline({"verify-cert", code}).exit_code, 1);
    EXPECT_EQ(http_call(port(), "GET", "/verify/" + code).status, 404);
    EXPECT_EQ(offline({"verify-cert", "NOPE"}).exit_code, 1);
}

TEST_F(ReportsCli, SettingsAreCheckedAndStored) {
    auto const file = data_.path() / "header.json";
    std::ofstream(file) << R"({"signer_name": "Lê Thị Hạnh", "server_url": "http://10.0.0.9"})";
    auto const stored = offline({"settings", "report-header", "--json", file.string()});
    ASSERT_EQ(stored.exit_code, 0) << stored.err;
    EXPECT_NE(stored.out.find("Lê Thị Hạnh"), std::string::npos) << stored.out;
    auto const cards = offline({"report", "cards", "--exam", std::to_string(class_exam()), "-o",
                                (data_.path() / "cards.pdf").string()});
    EXPECT_EQ(cards.exit_code, 0) << "the header's server_url serves for --url: " << cards.err;

    auto const bad = data_.path() / "template.json";
    std::ofstream(bad) << R"({"body": "Hoàn thành {ten}"})";
    auto const refused = offline({"settings", "certificate-template", "--json", bad.string()});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("{ten}"), std::string::npos) << refused.err;
}
