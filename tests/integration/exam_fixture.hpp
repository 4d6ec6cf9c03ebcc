#pragma once

#include "tests/integration/fixture.hpp"

#include <string>

namespace phongthi::test {

/// A WebSocket that has said hello with a session token.
class signed_in_socket {
public:
    signed_in_socket(unsigned short port, std::string const& token, std::string const& from = {})
        : ws_(port, "/ws", from) {
        send({{"t", "hello"}, {"token", token}});
        welcome_ = next_of("welcome");
    }

    void send(json const& message) { ws_.send_text(message.dump()); }

    /// The next message, or null when the connection closed or nothing came in time.
    json next(std::chrono::seconds timeout = std::chrono::seconds(5)) {
        auto const text = ws_.read(timeout);
        return text ? json::parse(*text) : json(nullptr);
    }

    /// The next message of type `type`, skipping others; null if none comes.
    json next_of(std::string const& type, std::chrono::seconds timeout = std::chrono::seconds(10)) {
        for (;;) {
            auto message = next(timeout);
            if (message.is_null() || message.value("t", "") == type)
                return message;
        }
    }

    json const& welcome() const { return welcome_; }

private:
    ws_client ws_;
    json welcome_;
};

/// The option ids of question `n` of a paper.
inline std::vector<std::string> option_ids(json const& paper, std::size_t n) {
    std::vector<std::string> ids;
    for (auto const& option : paper["questions"][n]["options"])
        ids.push_back(option["id"]);
    return ids;
}

/// An answer message: question `n`, the chosen option ids, the browser's sequence number.
inline json answer(int n, std::vector<std::string> const& choice, std::int64_t seq,
                   bool flag = false) {
    return {{"t", "answer"}, {"n", n}, {"choice", choice}, {"flag", flag}, {"seq", seq}};
}

/// The demo server with its published exam (id 1) and helpers to run it.
class ExamServer : public DemoServer {
protected:
    using DemoServer::DemoServer;

    static constexpr std::int64_t demo_exam = 1;

    std::string const& proctor() {
        if (proctor_token_.empty())
            proctor_token_ = token_of("giamthi", "giamthi2026");
        return proctor_token_;
    }

    std::string candidate(int n) {
        return token_of("thisinh0" + std::to_string(n), candidate_password);
    }

    /// POST /api/exams/{id}/{action} as the proctor; expects 200.
    void act(std::int64_t exam, std::string const& action, json const& body = nullptr) {
        auto const result =
            call("POST", "/api/exams/" + std::to_string(exam) + "/" + action, proctor(), body);
        ASSERT_EQ(result.status, 200) << action << ": " << result.body;
    }

    /// The demo exam switched by `lecturer` to `count` fixed variants (before it opens).
    void use_fixed_variants(std::string const& lecturer, int count) {
        auto exam = json::parse(call("GET", "/api/exams/1", lecturer).body)["exam"];
        exam["settings"]["paper_mode"] = "variants";
        exam["settings"]["variant_count"] = count;
        ASSERT_EQ(call("PUT", "/api/exams/1", lecturer,
                       {{"class_id", exam["class_id"]},
                        {"title", exam["title"]},
                        {"settings", exam["settings"]},
                        {"blueprint", exam["blueprint"]}})
                      .status,
                  200);
    }

    /// phongthi with `args` on the server's data directory.
    command_result offline(std::vector<std::string> args) {
        args.insert(args.end(), {"--data", data_dir().string()});
        return run_phongthi(args);
    }

    /// The demo exam opened and started, and candidate `n` joined with `paper` in hand.
    std::unique_ptr<signed_in_socket> start_and_join(int n, json& paper) {
        act(demo_exam, "open");
        act(demo_exam, "start");
        auto socket = join(n, demo_exam, &paper);
        EXPECT_EQ(paper["t"], "paper") << paper;
        return socket;
    }

    /// A candidate socket joined to `exam`; returns it with the first reply (paper or waiting).
    std::unique_ptr<signed_in_socket> join(int n, std::int64_t exam, json* reply,
                                           json const& extra = json::object(),
                                           std::string const& from = {}) {
        auto socket = std::make_unique<signed_in_socket>(port(), candidate(n), from);
        json message = {{"t", "join"}, {"exam", exam}};
        message.update(extra);
        socket->send(message);
        *reply = socket->next();
        return socket;
    }

    std::string proctor_token_;
};

} // namespace phongthi::test
