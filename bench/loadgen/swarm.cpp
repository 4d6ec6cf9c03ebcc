#include "bench/loadgen/swarm.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include <deque>
#include <mutex>
#include <random>
#include <thread>

#include <netinet/in.h>

namespace phongthi::bench {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using json = nlohmann::json;
using steady = std::chrono::steady_clock;

namespace {

std::int64_t steady_ns(steady::time_point at) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(at.time_since_epoch()).count();
}

/// One WebSocket connection of a candidate; outlives the candidate's interest in it until its
/// last handler ran.
struct ws_link {
    explicit ws_link(net::io_context& io) : ws(io) {}
    websocket::stream<beast::tcp_stream> ws;
    beast::flat_buffer buffer;
    std::deque<std::string> outbox;
    bool writing = false;
    bool open = true;
};

/// A question of the paper as the candidate sees it.
struct paper_question {
    std::vector<std::string> option_ids;
    bool multiple = false;
};

/// An answer sent and not yet acked.
struct pending_answer {
    int n = 0;
    std::vector<std::string> choice;
    steady::time_point sent_at;
};

} // namespace

/// One I/O thread of the swarm and what only its candidates touch.
struct swarm_lane {
    explicit swarm_lane(std::uint64_t seed) : random(seed) {}
    net::io_context io{1};
    std::mt19937_64 random;
    std::vector<double> latencies;
    std::map<std::string, std::int64_t> codes;
    net::steady_timer launch_timer{io};
    std::vector<std::size_t> members; ///< indexes of its candidates
    std::size_t launched = 0;
};

struct swarm::impl {
    impl(swarm_settings s, swarm_counters& c, std::ostream* log)
        : settings(std::move(s)), counters(c), answer_log(log) {
        for (int i = 0; i < std::max(1, settings.threads); ++i)
            lanes.push_back(std::make_unique<swarm_lane>(20261126 + static_cast<std::uint64_t>(i)));
    }

    class candidate;

    swarm_settings settings;
    swarm_counters& counters;
    std::ostream* answer_log;
    std::vector<std::unique_ptr<swarm_lane>> lanes;
    std::vector<std::shared_ptr<candidate>> candidates;
    std::atomic<std::int64_t> answer_until_ns{0}; ///< 0: not started

    /// Starts the next slice of `lane`'s candidates, then schedules the following slice, so
    /// the server's accept backlog is not flooded at once. On the lane's thread.
    void launch_slice(swarm_lane& lane);

    /// Ends every lane's run(). Any thread.
    void stop_all() {
        for (auto& lane : lanes)
            lane->io.stop();
    }

    std::mutex log_mutex;
    steady::time_point last_flush = steady::now();

    /// Writes one line to the answer log; flushed at most every 100 ms, so a reader (the crash
    /// test) sees acks come while the run goes on. Any lane's thread.
    template <class... Parts> void log_line(Parts const&... parts) {
        if (answer_log == nullptr)
            return;
        std::lock_guard lock(log_mutex);
        ((*answer_log << parts << ' '), ...);
        *answer_log << '\n';
        auto const now = steady::now();
        if (now - last_flush >= std::chrono::milliseconds(100)) {
            answer_log->flush();
            last_flush = now;
        }
    }

    void count_error(swarm_lane& lane, std::string const& code) {
        ++lane.codes[code];
        ++counters.errors;
    }

    /// The mean think time of one candidate between answers, drawn from `lane`'s generator.
    steady::duration think_time(swarm_lane& lane) const {
        if (settings.answers_per_second <= 0)
            return std::chrono::hours(1);
        double const mean = static_cast<double>(candidates.size()) / settings.answers_per_second;
        std::uniform_real_distribution<double> spread(0.5 * mean, 1.5 * mean);
        return std::chrono::duration_cast<steady::duration>(
            std::chrono::duration<double>(spread(lane.random)));
    }
};

class swarm::impl::candidate : public std::enable_shared_from_this<candidate> {
public:
    candidate(impl& owner, swarm_lane& lane, int index, std::string token)
        : owner_(owner), lane_(lane), index_(index), token_(std::move(token)), timer_(lane.io) {}

    void start() { connect(); }

private:
    enum class phase { connecting, waiting, running, submitting, done };

    void connect() {
        link_ = std::make_shared<ws_link>(lane_.io);
        auto& socket = beast::get_lowest_layer(link_->ws).socket();
        beast::error_code ec;
        socket.open(tcp::v4(), ec);
        if (owner_.settings.sources > 1 && !ec) {
            int const no_port = 1; // pick the port at connect(): 4-tuples, not ports, are scarce
            setsockopt(socket.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &no_port,
                       sizeof no_port);
            auto const source = "127.0.0." + std::to_string(1 + index_ % owner_.settings.sources);
            socket.bind({net::ip::make_address(source), 0}, ec);
        }
        if (ec)
            return lost(ec, "connect");
        tcp::endpoint const server{net::ip::make_address(owner_.settings.host),
                                   owner_.settings.port};
        beast::get_lowest_layer(link_->ws).expires_after(std::chrono::seconds(10));
        beast::get_lowest_layer(link_->ws).async_connect(
            server, [self = shared_from_this(), link = link_](beast::error_code e) {
                if (link != self->link_)
                    return; // abandoned
                if (e)
                    return self->lost(e, "connect");
                self->handshake(link);
            });
    }

    void handshake(std::shared_ptr<ws_link> const& link) {
        link->ws.async_handshake(
            owner_.settings.host, "/ws", [self = shared_from_this(), link](beast::error_code e) {
                if (link != self->link_)
                    return;
                if (e)
                    return self->lost(e, "handshake");
                beast::get_lowest_layer(link->ws).expires_never();
                self->send(link, json{{"t", "hello"}, {"token", self->token_}});
                self->read(link);
            });
    }

    void read(std::shared_ptr<ws_link> const& link) {
        link->ws.async_read(
            link->buffer, [self = shared_from_this(), link](beast::error_code e, std::size_t) {
                if (link != self->link_)
                    return; // an abandoned connection
                if (e)
                    return self->lost(e, "read");
                auto const* text = static_cast<char const*>(link->buffer.data().data());
                auto const message = json::parse(text, text + link->buffer.size(), nullptr, false);
                link->buffer.consume(link->buffer.size());
                self->on_message(link, message);
                if (self->link_ == link)
                    self->read(link);
            });
    }

    void send(std::shared_ptr<ws_link> const& link, json const& message) {
        link->outbox.push_back(message.dump());
        if (!link->writing)
            write_next(link);
    }

    void write_next(std::shared_ptr<ws_link> const& link) {
        if (link->outbox.empty() || !link->open) {
            link->writing = false;
            return;
        }
        link->writing = true;
        link->ws.async_write(net::buffer(link->outbox.front()),
                             [self = shared_from_this(), link](beast::error_code e, std::size_t) {
                                 link->outbox.pop_front();
                                 if (e) {
                                     link->writing = false;
                                     return; // the read side reports the loss
                                 }
                                 self->write_next(link);
                             });
    }

    void on_message(std::shared_ptr<ws_link> const& link, json const& message) {
        if (!message.is_object())
            return owner_.count_error(lane_, "bad_json_from_server");
        auto const type = message.value("t", "");
        if (type == "welcome") {
            if (!welcomed_) {
                welcomed_ = true;
                ++owner_.counters.connected;
            }
            failing_ = false; // a failure streak ends with a working connection
            send(link, json{{"t", "join"}, {"exam", owner_.settings.exam}});
        } else if (type == "waiting") {
            note_joined();
            phase_ = phase::waiting;
        } else if (type == "paper") {
            on_paper(link, message);
        } else if (type == "ack") {
            on_ack(message);
        } else if (type == "nack") {
            unacked_.erase(message.value("seq", std::int64_t{0}));
            owner_.count_error(lane_, "nack:" + message.value("code", std::string("?")));
        } else if (type == "submitted") {
            ++owner_.counters.submitted;
            finish();
        } else if (type == "error") {
            owner_.count_error(lane_, message.value("code", std::string("?")));
            if (phase_ == phase::submitting && message.value("code", "") == "not_running")
                finish(); // submitted already (a replayed submit after a reconnect)
        } else if (type == "voided" || type == "taken_over") {
            owner_.count_error(lane_, type);
        }
    }

    void note_joined() {
        if (!joined_) {
            joined_ = true;
            ++owner_.counters.joined;
        }
    }

    void on_paper(std::shared_ptr<ws_link> const& link, json const& paper) {
        note_joined();
        if (!had_paper_) {
            had_paper_ = true;
            ++owner_.counters.papers;
            auto const now = steady_ns(steady::now());
            auto seen = owner_.counters.last_paper_ns.load();
            while (seen < now && !owner_.counters.last_paper_ns.compare_exchange_weak(seen, now)) {
            }
        }
        attempt_ = paper.value("attempt", std::int64_t{0});
        next_seq_ = std::max(next_seq_, paper.value("last_seq", std::int64_t{0}) + 1);
        questions_.clear();
        for (auto const& q : paper.value("questions", json::array())) {
            paper_question question;
            question.multiple = q.value("multiple", false);
            for (auto const& option : q.value("options", json::array()))
                question.option_ids.push_back(option.value("id", ""));
            questions_.push_back(std::move(question));
        }
        // Replay the outbox in seq order, as the browser does after every paper.
        for (auto& [seq, answer] : unacked_) {
            answer.sent_at = steady::now();
            send(link, answer_message(seq, answer));
        }
        if (phase_ == phase::submitting)
            return send(link, json{{"t", "submit"}});
        phase_ = phase::running;
        think();
    }

    json answer_message(std::int64_t seq, pending_answer const& answer) const {
        return {{"t", "answer"},
                {"n", answer.n},
                {"choice", answer.choice},
                {"flag", false},
                {"seq", seq}};
    }

    void on_ack(json const& ack) {
        auto const seq = ack.value("seq", std::int64_t{0});
        auto const found = unacked_.find(seq);
        if (found == unacked_.end())
            return;
        lane_.latencies.push_back(
            std::chrono::duration<double, std::milli>(steady::now() - found->second.sent_at)
                .count());
        if (ack.value("stale", false)) {
            ++owner_.counters.stale;
        } else {
            ++owner_.counters.acked;
            owner_.log_line('A', attempt_, found->second.n, seq, index_);
        }
        unacked_.erase(found);
    }

    void think() {
        timer_.expires_after(owner_.think_time(lane_));
        timer_.async_wait([self = shared_from_this(), link = link_](beast::error_code e) {
            if (e || link != self->link_ || self->phase_ != phase::running)
                return;
            self->act(link);
        });
    }

    /// One step of a running candidate: answer, or submit once the window closed.
    void act(std::shared_ptr<ws_link> const& link) {
        auto const until = owner_.answer_until_ns.load();
        if (until == 0)
            return think(); // the window is not open yet
        if (steady_ns(steady::now()) >= until) {
            if (!owner_.settings.submit)
                return finish();
            phase_ = phase::submitting;
            return send(link, json{{"t", "submit"}});
        }
        if (questions_.empty())
            return think();
        std::uniform_int_distribution<std::size_t> pick_question(0, questions_.size() - 1);
        int const n = static_cast<int>(pick_question(lane_.random));
        auto const& options = questions_[static_cast<std::size_t>(n)].option_ids;
        pending_answer answer{n, {}, steady::now()};
        if (!options.empty()) {
            std::uniform_int_distribution<std::size_t> pick_option(0, options.size() - 1);
            answer.choice.push_back(options[pick_option(lane_.random)]);
            if (questions_[static_cast<std::size_t>(n)].multiple) {
                auto const second = options[pick_option(lane_.random)];
                if (second != answer.choice.front())
                    answer.choice.push_back(second);
            }
        }
        auto const seq = next_seq_++;
        owner_.log_line('S', attempt_, n, seq, answer.choice.size());
        send(link, answer_message(seq, answer));
        unacked_.emplace(seq, std::move(answer));
        ++owner_.counters.sent;
        std::uniform_real_distribution<double> roll(0, 1);
        if (roll(lane_.random) < owner_.settings.reconnect_share) {
            ++owner_.counters.reconnects;
            drop();
            return connect();
        }
        think();
    }

    /// Abandons the current connection (its handlers see it is no longer link_).
    void drop() {
        if (!link_)
            return;
        link_->open = false;
        beast::error_code ignored;
        beast::get_lowest_layer(link_->ws).socket().close(ignored);
        link_.reset();
        timer_.cancel();
    }

    /// The connection failed or broke: retry until the give-up time passes.
    void lost(beast::error_code, char const* where) {
        if (phase_ == phase::done)
            return;
        drop();
        auto const now = steady::now();
        if (!failing_) {
            failing_ = true;
            first_failure_ = now;
        }
        owner_.count_error(lane_, std::string("lost:") + where);
        if (welcomed_) {
            welcomed_ = false;
            --owner_.counters.connected;
        }
        if (now - first_failure_ >= owner_.settings.give_up) {
            ++owner_.counters.gave_up;
            return finish();
        }
        timer_.expires_after(std::chrono::milliseconds(250));
        timer_.async_wait([self = shared_from_this()](beast::error_code e) {
            if (!e && self->phase_ != phase::done)
                self->connect();
        });
    }

    void finish() {
        if (phase_ == phase::done)
            return;
        phase_ = phase::done;
        drop();
        if (welcomed_) {
            welcomed_ = false;
            --owner_.counters.connected;
        }
        if (++owner_.counters.finished == static_cast<int>(owner_.candidates.size()))
            owner_.stop_all();
    }

    impl& owner_;
    swarm_lane& lane_;
    int index_;
    std::string token_;
    net::steady_timer timer_;
    std::shared_ptr<ws_link> link_;
    phase phase_ = phase::connecting;
    bool welcomed_ = false;
    bool joined_ = false;
    bool had_paper_ = false;
    bool failing_ = false;
    steady::time_point first_failure_;
    std::int64_t attempt_ = 0;
    std::int64_t next_seq_ = 1;
    std::vector<paper_question> questions_;
    std::map<std::int64_t, pending_answer> unacked_;
};

swarm::swarm(swarm_settings settings, std::vector<std::string> tokens, std::ostream* answer_log)
    : impl_(std::make_unique<impl>(std::move(settings), counters_, answer_log)) {
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        auto& lane = *impl_->lanes[i % impl_->lanes.size()];
        lane.members.push_back(i);
        impl_->candidates.push_back(std::make_shared<impl::candidate>(
            *impl_, lane, static_cast<int>(i), std::move(tokens[i])));
    }
}

swarm::~swarm() = default;

void swarm::impl::launch_slice(swarm_lane& lane) {
    // 200 connections every 20 ms in all, shared by the lanes.
    std::size_t const slice = std::max<std::size_t>(1, 200 / lanes.size());
    for (std::size_t i = 0; i < slice && lane.launched < lane.members.size(); ++i)
        candidates[lane.members[lane.launched++]]->start();
    if (lane.launched == lane.members.size())
        return;
    lane.launch_timer.expires_after(std::chrono::milliseconds(20));
    lane.launch_timer.async_wait([this, &lane](beast::error_code e) {
        if (!e)
            launch_slice(lane);
    });
}

void swarm::run() {
    if (impl_->candidates.empty())
        return;
    auto const run_lane = [this](swarm_lane& lane) {
        auto guard = net::make_work_guard(lane.io);
        net::post(lane.io, [this, &lane] { impl_->launch_slice(lane); });
        lane.io.run();
    };
    std::vector<std::thread> others;
    for (std::size_t i = 1; i < impl_->lanes.size(); ++i)
        others.emplace_back(run_lane, std::ref(*impl_->lanes[i]));
    run_lane(*impl_->lanes.front());
    for (auto& thread : others)
        thread.join();
    for (auto& lane : impl_->lanes) {
        latencies_.insert(latencies_.end(), lane->latencies.begin(), lane->latencies.end());
        for (auto const& [code, count] : lane->codes)
            codes_[code] += count;
    }
}

void swarm::answer_until(steady::time_point until) {
    impl_->answer_until_ns.store(steady_ns(until));
}

void swarm::stop() {
    impl_->stop_all();
}

std::vector<double> const& swarm::ack_latencies_ms() const {
    return latencies_;
}

std::map<std::string, std::int64_t> const& swarm::error_codes() const {
    return codes_;
}

} // namespace phongthi::bench
