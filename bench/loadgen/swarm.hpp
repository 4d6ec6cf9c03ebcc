#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace phongthi::bench {

/// How the simulated candidates behave.
struct swarm_settings {
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    std::int64_t exam = 0;
    /// Answers per second for the whole swarm; each candidate thinks N/rate seconds on average
    /// (uniformly 0.5x to 1.5x) between answers. 0: nobody answers (connections are only held).
    double answers_per_second = 0;
    /// Chance, per answer sent, that the candidate drops its connection right after and
    /// reconnects (rejoin, replay of the unacked answers).
    double reconnect_share = 0;
    /// Candidate i connects from 127.0.0.(1 + i % sources): more ephemeral ports.
    int sources = 1;
    /// A candidate that cannot reconnect for this long gives up (the server is gone).
    std::chrono::milliseconds give_up{5000};
    /// Submit when the answering window ends (else just disconnect).
    bool submit = true;
    /// I/O threads, each with its own io_context and a share (i % threads) of the candidates.
    int threads = 1;
};

/// What happened, counted from the I/O threads and read by any thread.
struct swarm_counters {
    std::atomic<int> connected{0}; ///< candidates holding a welcomed connection now
    std::atomic<int> joined{0};    ///< candidates that got `waiting` or their first `paper`
    std::atomic<int> papers{0};    ///< first papers delivered
    std::atomic<int> submitted{0};
    std::atomic<int> gave_up{0};
    std::atomic<int> finished{0}; ///< candidates done (submitted, left or gave up)
    std::atomic<std::int64_t> sent{0};
    std::atomic<std::int64_t> acked{0}; ///< acks that saved something (not stale)
    std::atomic<std::int64_t> stale{0};
    std::atomic<std::int64_t> errors{0}; ///< error and nack messages, failed connects, lost links
    std::atomic<std::int64_t> reconnects{0};
    std::atomic<std::int64_t> last_paper_ns{0}; ///< steady clock of the latest first paper
};

/// N simulated candidates on `threads` Asio I/O contexts (a thread each): each connects to /ws,
/// says hello with its session token, joins the exam, answers from its paper with think time, sends
/// every answer with the next seq and keeps it until acked, replays the unacked after a
/// reconnect, and submits at the end of the answering window.
class swarm {
public:
    /// `tokens[i]` is candidate i's session token. Acked and sent answers are written to
    /// `answer_log` (lines "S attempt n seq choices" when sent, "A attempt n seq user" when a
    /// non-stale ack comes) unless it is null.
    swarm(swarm_settings settings, std::vector<std::string> tokens, std::ostream* answer_log);
    ~swarm();
    swarm(swarm const&) = delete;
    swarm& operator=(swarm const&) = delete;

    /// Connects every candidate and runs until all are finished or stop() is called. Blocks:
    /// runs the first I/O context on the calling thread and the others on threads of its own.
    void run();
    /// From now until `until`, candidates with a paper answer; after it they submit. Any thread.
    void answer_until(std::chrono::steady_clock::time_point until);
    /// Ends run() at once. Any thread.
    void stop();

    swarm_counters const& counters() const { return counters_; }
    /// Milliseconds from sending an answer to its ack, one entry per ack. After run() returned.
    std::vector<double> const& ack_latencies_ms() const;
    /// error/nack codes and how often they came. After run() returned.
    std::map<std::string, std::int64_t> const& error_codes() const;

    struct impl;

private:
    swarm_counters counters_;
    std::unique_ptr<impl> impl_;
    std::vector<double> latencies_;             ///< every lane's, once run() returned
    std::map<std::string, std::int64_t> codes_; ///< every lane's, once run() returned
};

} // namespace phongthi::bench
