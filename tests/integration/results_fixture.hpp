#pragma once

#include "tests/integration/exam_fixture.hpp"

#include <chrono>
#include <string>
#include <thread>

namespace phongthi::test {

/// Answers every question of `paper` right (or wrong) using the staff review's key; returns the
/// `submitted` message.
inline json sit(signed_in_socket& socket, json const& paper, json const& key_review, bool right) {
    std::int64_t seq = 0;
    for (std::size_t n = 0; n < paper["questions"].size(); ++n) {
        auto const& options = paper["questions"][n]["options"];
        auto const& marks = key_review["questions"][n]["options"];
        json choice = json::array();
        for (std::size_t k = 0; k < options.size(); ++k)
            if (marks[k]["correct"].get<bool>() == right && (right || choice.empty()))
                choice.push_back(options[k]["id"]);
        socket.send(
            {{"t", "answer"}, {"n", n}, {"choice", choice}, {"flag", false}, {"seq", ++seq}});
        socket.next_of("ack");
    }
    socket.send({{"t", "submit"}});
    return socket.next_of("submitted");
}

/// The demo exam server with a lecturer and the staff review of an attempt.
class ResultsServer : public ExamServer {
protected:
    std::string lecturer() {
        if (lecturer_.empty())
            lecturer_ = token_of("giangvien", "giangvien2026");
        return lecturer_;
    }

    /// The attempt's review; waits (bounded) for the attempt's row, which is written just after
    /// the paper goes out.
    json review_of(std::int64_t attempt, std::string const& token) {
        auto const target = "/api/attempts/" + std::to_string(attempt) + "/review";
        for (int tries = 0; tries < 100; ++tries) {
            auto const result = call("GET", target, token);
            if (result.status != 404)
                return json::parse(result.body);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return nullptr;
    }

    std::string lecturer_;
};

} // namespace phongthi::test
