// kill -9 under load: every answer the server acked is in the database after the restart, and
// nothing in the database is an answer the candidates never sent.
#include "tests/fault/answer_log.hpp"
#include "tests/fault/loadgen_fixture.hpp"

#include <random>

namespace phongthi::test {
namespace {

class CrashTest : public LoadgenData {};

TEST_F(CrashTest, EveryAckedAnswerSurvivesKill9AndNothingUnsentAppears) {
    constexpr int candidates = 200;
    auto const exam = prepare(candidates);
    std::mt19937 random(std::random_device{}());
    auto const log_file = scratch_file("answers.log");
    std::int64_t acks_before = 0;
    for (int round = 0; round < 3; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        auto server =
            std::make_unique<server_process>(data_dir(), false, without_per_address_limits);
        auto const loadgen = start_loadgen(
            server->port(),
            {"--exam", std::to_string(exam), "--candidates", std::to_string(candidates), "--rate",
             "1500", "--duration", "30", "--reconnect-share", "0.01", "--give-up", "2",
             "--login-threads", "4", "--answer-log", log_file.string()});
        // Kill at a random moment once answers flow: between 0 and 1.5 s after the first acks.
        ASSERT_TRUE(wait_for_acks(log_file, acks_before + 50)) << "no answer was acked";
        std::this_thread::sleep_for(
            std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 1500)(random)));
        EXPECT_EQ(server->stop(SIGKILL), 128 + SIGKILL);
        int const code = wait_loadgen(loadgen, std::chrono::seconds(30));
        EXPECT_EQ(code, 3) << "the load generator should report the server lost\n"
                           << loadgen_report;
        // Restart on the same data: the open exam and its attempts come back from the database.
        server = std::make_unique<server_process>(data_dir(), false, without_per_address_limits);
        auto const log = read_answer_log(log_file);
        ASSERT_GT(log.acks, acks_before);
        acks_before = log.acks;
        expect_database_agrees_with_log(log, data_dir() / "phongthi.db");
        EXPECT_EQ(server->stop(SIGTERM), 0) << server->log();
    }
}

} // namespace
} // namespace phongthi::test
