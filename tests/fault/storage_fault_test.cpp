// The disk fills up under load: the server stops acking (an ack means "on disk"), says so to the
// candidates and to a monitor, stays alive, and saves everything again once space returns. The
// full disk is a file-size limit set on the running server (prlimit): past it every write fails,
// as with no space left, and no privilege or special filesystem is needed.
#include "tests/fault/answer_log.hpp"
#include "tests/fault/loadgen_fixture.hpp"
#include "tests/integration/client.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <sys/resource.h>

#include <algorithm>

namespace phongthi::test {
namespace {

/// Sets the soft file-size limit of process `pid` (the hard limit stays as it is).
void limit_file_size(pid_t pid, rlim_t bytes) {
    rlimit current{};
    ASSERT_EQ(prlimit(pid, RLIMIT_FSIZE, nullptr, &current), 0);
    rlimit const wanted{std::min(bytes, current.rlim_max), current.rlim_max};
    ASSERT_EQ(prlimit(pid, RLIMIT_FSIZE, &wanted, nullptr), 0);
}

/// PRAGMA integrity_check of a database file; "ok" when it is sound.
std::string integrity_of(std::filesystem::path const& file) {
    sqlite3* db = nullptr;
    std::string verdict = "cannot open";
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* check = nullptr;
        sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &check, nullptr);
        if (sqlite3_step(check) == SQLITE_ROW)
            verdict = reinterpret_cast<char const*>(sqlite3_column_text(check, 0));
        sqlite3_finalize(check);
    }
    sqlite3_close(db);
    return verdict;
}

/// The JSON of the load generator's "result: {...}" line.
nlohmann::json loadgen_result(std::string const& report) {
    auto const at = report.find("result: ");
    EXPECT_NE(at, std::string::npos) << report;
    if (at == std::string::npos)
        return nlohmann::json::object();
    return nlohmann::json::parse(report.substr(at + 8, report.find('\n', at) - at - 8));
}

class StorageFaultTest : public LoadgenData {};

TEST_F(StorageFaultTest, AFullDiskStopsTheAcksSaysSoAndEverythingIsSavedWhenSpaceReturns) {
    constexpr int candidates = 60;
    auto const exam = prepare(candidates);
    auto const log_file = scratch_file("answers.log");
    server_process server(data_dir(), false, without_per_address_limits);
    auto const loadgen = start_loadgen(
        server.port(), {"--exam", std::to_string(exam), "--candidates", std::to_string(candidates),
                        "--rate", "300", "--duration", "20", "--give-up", "30", "--login-threads",
                        "4", "--answer-log", log_file.string()});
    ASSERT_TRUE(wait_for_acks(log_file, 200)) << "no answer was acked";

    // The disk is full: not one more byte can be written, the server's log included.
    limit_file_size(server.pid(), 0);
    std::this_thread::sleep_for(std::chrono::seconds(1)); // acks of writes done before it
    auto const acks_when_full = read_answer_log(log_file).acks;
    auto const health = http_call(server.port(), "GET", "/healthz");
    EXPECT_EQ(health.status, 503) << health.body;
    EXPECT_EQ(nlohmann::json::parse(health.body).value("status", ""), "storage_failing");
    std::this_thread::sleep_for(std::chrono::seconds(3));
    EXPECT_EQ(read_answer_log(log_file).acks, acks_when_full)
        << "answers were acked while nothing could be written";

    // Space returns: the browsers' replays are saved and acked, and the monitor sees it.
    limit_file_size(server.pid(), RLIM_INFINITY);
    EXPECT_TRUE(wait_for_acks(log_file, acks_when_full + 200)) << "the acks did not come back";
    EXPECT_EQ(http_call(server.port(), "GET", "/healthz").status, 200);

    EXPECT_EQ(wait_loadgen(loadgen, std::chrono::seconds(90)), 1) << loadgen_report;
    auto const result = loadgen_result(loadgen_report);
    EXPECT_GT(result["error_codes"].value("not_saved", 0), 0) << "the candidates were not told";
    EXPECT_EQ(result["gave_up"], 0);
    EXPECT_EQ(result["submitted"], candidates);
    EXPECT_NE(server.log().find("store.writes_recovered"), std::string::npos) << server.log();
    EXPECT_EQ(server.stop(SIGTERM), 0) << server.log();

    expect_database_agrees_with_log(read_answer_log(log_file), data_dir() / "phongthi.db");
    EXPECT_EQ(integrity_of(data_dir() / "phongthi.db"), "ok");
}

} // namespace
} // namespace phongthi::test
