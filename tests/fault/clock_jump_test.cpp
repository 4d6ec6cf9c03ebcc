// The system clock stepped while candidates work (an NTP correction, someone changing the date):
// the server keeps every candidate's time left and keeps saving answers. libfaketime (Debian's
// libfaketime) moves the server's system clock only; its monotonic clock runs on, as in a real
// step.
#include "tests/integration/exam_fixture.hpp"

#include <chrono>
#include <fstream>
#include <thread>
#include <unistd.h>

namespace phongthi::test {
namespace {

/// The file libfaketime reads the server's clock offset from ("+7200": two hours ahead).
std::filesystem::path clock_offset_file() {
    static auto const file = std::filesystem::temp_directory_path() /
                             ("phongthi-clock-offset-" + std::to_string(::getpid()));
    return file;
}

void set_clock_offset(std::string const& offset) {
    std::ofstream(clock_offset_file(), std::ios::trunc) << offset << '\n';
}

/// The server's environment: libfaketime preloaded, re-reading the offset file every second and
/// leaving CLOCK_MONOTONIC alone.
std::vector<std::string> stepped_clock_environment() {
    set_clock_offset("+0");
    return {"LD_PRELOAD=" PHONGTHI_LIBFAKETIME,
            "FAKETIME_TIMESTAMP_FILE=" + clock_offset_file().string(), "FAKETIME_CACHE_DURATION=1",
            "FAKETIME_DONT_FAKE_MONOTONIC=1"};
}

class ClockJumpTest : public ExamServer {
protected:
    ClockJumpTest() : ExamServer(stepped_clock_environment()) {}
    ~ClockJumpTest() override { std::filesystem::remove(clock_offset_file()); }

    /// Steps the server's system clock and waits until the server has read the new offset
    /// (libfaketime's one-second cache) and its clock thread has ticked.
    void step_clock(std::string const& offset) {
        set_clock_offset(offset);
        std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    }

    /// thisinh01 joins again; returns the milliseconds left on the paper it gets.
    std::int64_t time_left_after_rejoin() {
        json paper;
        auto socket = join(1, demo_exam, &paper);
        EXPECT_EQ(paper["t"], "paper") << paper;
        return paper.value("remaining", std::int64_t{-1});
    }
};

TEST_F(ClockJumpTest, StepsOfTheSystemClockChangeNoCandidatesTimeLeft) {
    json paper;
    auto socket = start_and_join(1, paper);
    ASSERT_EQ(paper["t"], "paper");
    auto const first_left = paper["remaining"].get<std::int64_t>();
    auto const started = std::chrono::steady_clock::now();
    auto const expected_left = [&] {
        return first_left - std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - started)
                                .count();
    };
    auto const ids = option_ids(paper, 0);

    // Two hours ahead: with deadlines on the system clock every attempt would end here.
    step_clock("+7200");
    socket->send(answer(0, {ids[0]}, 1));
    EXPECT_EQ(socket->next_of("ack"), (json{{"t", "ack"}, {"seq", 1}}));
    socket.reset();
    auto left = time_left_after_rejoin();
    EXPECT_NEAR(static_cast<double>(left), static_cast<double>(expected_left()), 2000.0);

    // Back, and one hour behind where it started: no extra time either.
    step_clock("-3600");
    socket = join(1, demo_exam, &paper);
    socket->send(answer(0, {ids[1]}, 2));
    EXPECT_EQ(socket->next_of("ack"), (json{{"t", "ack"}, {"seq", 2}}));
    socket.reset();
    left = time_left_after_rejoin();
    EXPECT_NEAR(static_cast<double>(left), static_cast<double>(expected_left()), 2000.0);

    // Both steps are in the log, with their size.
    auto const log = server_.log();
    EXPECT_NE(log.find("by_seconds=7200"), std::string::npos) << log;
    EXPECT_NE(log.find("by_seconds=-10800"), std::string::npos) << log;

    // The proctor's room still runs, the answer is the newest one saved.
    auto const room = call("GET", "/api/exams/1/room", proctor());
    ASSERT_EQ(room.status, 200) << room.body;
    json again;
    auto back = join(1, demo_exam, &again);
    ASSERT_EQ(again["answers"].size(), 1u);
    EXPECT_EQ(again["answers"][0]["seq"], 2);
}

} // namespace
} // namespace phongthi::test
