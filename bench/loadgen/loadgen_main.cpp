// phongthi-loadgen: prepares a data directory for a load run, then simulates N candidates over
// real WebSockets against a running server and prints what the server sustained. See the
// README, "Load and fault figures".
#include "bench/loadgen/bench_setup.hpp"
#include "bench/loadgen/proc_stats.hpp"
#include "bench/loadgen/swarm.hpp"
#include "server/cli/args.hpp"
#include "server/net/http_client.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <csignal>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

#include <sys/resource.h>
#include <unistd.h>

namespace {

using namespace phongthi;
using json = nlohmann::json;
using steady = std::chrono::steady_clock;

constexpr std::string_view usage = R"(usage:
  phongthi-loadgen setup --data DIR --candidates N [--duration-minutes M] [--tokens FILE]
      prepare a stopped server's data directory: the demo data, learners lg00001..lgN
      (password loadgen2026, one Argon2id hash shared) and a published exam for them;
      --tokens: also a session for each, their tokens written to FILE for `run --tokens`
      (no logins to wait for); prints the exam id
  phongthi-loadgen run --server http://127.0.0.1:PORT --exam ID --candidates N
      [--rate ANSWERS_PER_S] [--duration S] [--reconnect-share P] [--sources K]
      [--login-threads T] [--tokens FILE] [--answer-log FILE] [--server-pid PID] [--threads K]
      [--give-up S] [--join-timeout S] [--no-start] [--no-submit]
      log in (or reuse the tokens of FILE), join, let the proctor (giamthi) open and start the
      exam, answer at RATE for S seconds, submit; --threads: I/O threads of the swarm (the
      candidates shared among them); exit 0 without errors, 1 with errors, 3 when the server
      was lost
)";

/// Soft RLIMIT_NOFILE up to the hard limit: one descriptor per simulated candidate.
void raise_descriptor_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

server::http_client_response call(server::http_endpoint const& endpoint, std::string method,
                                  std::string target, std::string const& token,
                                  json const& body = nullptr) {
    server::http_client_request request{std::move(method), std::move(target), {}, {}};
    if (!token.empty())
        request.headers.emplace_back("Authorization", "Bearer " + token);
    if (!body.is_null()) {
        request.body = body.dump();
        request.headers.emplace_back("Content-Type", "application/json");
    }
    return server::http_exchange(endpoint, request, std::chrono::seconds(60));
}

/// POST /api/login; the token, or "" when refused.
std::string log_in(server::http_endpoint const& endpoint, std::string const& username,
                   std::string const& password) {
    auto const response = call(endpoint, "POST", "/api/login", {},
                               json{{"username", username}, {"password", password}});
    if (response.status != 200)
        return {};
    return json::parse(response.body, nullptr, false).value("token", "");
}

/// The tokens of candidates 1..N: read from `file` when there, the others by logging in on
/// `threads` threads (the opening burst of logins). Writes them all back to `file`.
struct login_outcome {
    std::vector<std::string> tokens;
    int logged_in = 0;
    int failed = 0;
    double seconds = 0;
};

login_outcome log_in_all(server::http_endpoint const& endpoint, int candidates, int threads,
                         std::string const& file) {
    login_outcome outcome;
    outcome.tokens.resize(static_cast<std::size_t>(candidates));
    std::map<std::string, std::string> known;
    if (!file.empty()) {
        std::ifstream in(file);
        for (std::string name, token; in >> name >> token;)
            known[name] = token;
    }
    std::vector<int> missing;
    for (int i = 0; i < candidates; ++i) {
        auto const found = known.find(bench::candidate_username(i + 1));
        if (found != known.end())
            outcome.tokens[static_cast<std::size_t>(i)] = found->second;
        else
            missing.push_back(i);
    }
    std::atomic<std::size_t> next{0};
    std::atomic<int> failed{0};
    auto const started = steady::now();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&] {
            for (std::size_t k; (k = next++) < missing.size();) {
                auto const i = missing[k];
                try {
                    outcome.tokens[static_cast<std::size_t>(i)] = log_in(
                        endpoint, bench::candidate_username(i + 1), bench::candidate_password);
                } catch (std::exception const&) {
                }
                if (outcome.tokens[static_cast<std::size_t>(i)].empty())
                    ++failed;
            }
        });
    for (auto& worker : workers)
        worker.join();
    outcome.seconds = std::chrono::duration<double>(steady::now() - started).count();
    outcome.failed = failed;
    outcome.logged_in = static_cast<int>(missing.size()) - failed;
    if (!file.empty()) {
        std::ofstream out(file, std::ios::trunc);
        for (int i = 0; i < candidates; ++i)
            if (!outcome.tokens[static_cast<std::size_t>(i)].empty())
                out << bench::candidate_username(i + 1) << ' '
                    << outcome.tokens[static_cast<std::size_t>(i)] << '\n';
    }
    return outcome;
}

/// The value at quantile `q` of sorted `values` (nearest rank), 0 when empty.
double quantile(std::vector<double> const& sorted, double q) {
    if (sorted.empty())
        return 0;
    auto const rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
    return sorted[std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1)];
}

/// Waits until `done` or `limit` passes, polling every 10 ms; returns whether `done`.
template <class Done> bool wait_for(Done done, steady::duration limit) {
    auto const until = steady::now() + limit;
    while (!done()) {
        if (steady::now() >= until)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

int run_setup(server::command_args const& args) {
    auto const candidates = static_cast<int>(args.number("candidates", 0, 1, 100000));
    auto const minutes = static_cast<int>(args.number("duration-minutes", 120, 1, 1440));
    auto const started = steady::now();
    auto const exam = bench::prepare_load_data(args.required("data"), candidates, minutes,
                                               args.value("tokens").value_or(""));
    std::cerr << "setup: " << candidates << " candidates and exam " << exam << " in "
              << std::chrono::duration<double>(steady::now() - started).count() << " s\n";
    std::cout << exam << '\n';
    return 0;
}

int run_load(server::command_args const& args) {
    raise_descriptor_limit();
    auto const endpoint = server::parse_http_url(args.required("server"));
    auto const exam = std::stoll(args.required("exam"));
    auto const candidates = static_cast<int>(args.number("candidates", 0, 1, 100000));
    auto const duration = std::chrono::seconds(args.number("duration", 60, 1, 86400));
    auto const join_timeout = std::chrono::seconds(args.number("join-timeout", 60, 1, 3600));
    pid_t server_pid = static_cast<pid_t>(args.number("server-pid", 0, 0, 1 << 22));
    if (server_pid == 0)
        server_pid =
            bench::find_listener_pid(static_cast<unsigned short>(std::stoi(endpoint.port)));

    bench::swarm_settings settings;
    settings.host = endpoint.host;
    settings.port = static_cast<unsigned short>(std::stoi(endpoint.port));
    settings.exam = exam;
    settings.answers_per_second = std::stod(args.value("rate").value_or("0"));
    settings.reconnect_share = std::stod(args.value("reconnect-share").value_or("0"));
    settings.sources = static_cast<int>(args.number("sources", 1, 1, 250));
    settings.give_up = std::chrono::seconds(args.number("give-up", 5, 1, 3600));
    settings.submit = !args.flag("no-submit");
    settings.threads = static_cast<int>(args.number("threads", 1, 1, 64));

    auto const proctor = log_in(endpoint, "giamthi", "giamthi2026");
    if (proctor.empty())
        throw std::runtime_error("the proctor giamthi cannot log in: was `setup` run?");
    auto const exam_path = "/api/exams/" + std::to_string(exam);
    auto const state =
        json::parse(call(endpoint, "GET", exam_path, proctor).body, nullptr, false)["exam"];
    if (!state.is_object())
        throw std::runtime_error("exam " + std::to_string(exam) + " not found");
    if (state.value("state", "") == "scheduled" &&
        call(endpoint, "POST", exam_path + "/open", proctor).status != 200)
        throw std::runtime_error("the exam cannot be opened");
    bool const started_before = !state["started_at"].is_null();

    auto const before = bench::sample_process(server_pid);
    auto const logins =
        log_in_all(endpoint, candidates, static_cast<int>(args.number("login-threads", 16, 1, 256)),
                   args.value("tokens").value_or(""));
    std::vector<std::string> tokens;
    for (auto const& token : logins.tokens)
        if (!token.empty())
            tokens.push_back(token);
    auto const present = static_cast<int>(tokens.size());

    std::ofstream answer_log;
    if (auto const file = args.value("answer-log"))
        answer_log.open(*file, std::ios::app);
    bench::swarm swarm(settings, std::move(tokens), answer_log.is_open() ? &answer_log : nullptr);
    auto const& counters = swarm.counters();
    if (started_before)
        swarm.answer_until(steady::now() + duration);
    std::thread io([&] { swarm.run(); });

    auto const join_start = steady::now();
    bool const all_joined =
        wait_for([&] { return counters.joined + counters.gave_up >= present; }, join_timeout);
    double const join_seconds = std::chrono::duration<double>(steady::now() - join_start).count();
    double burst_seconds = -1;
    bool const start = !started_before && !args.flag("no-start");
    auto window_start = steady::now();
    if (start) {
        auto const t0 = steady::now();
        bool started = false;
        try { // the swarm's thread runs: nothing may escape from here
            started = call(endpoint, "POST", exam_path + "/start", proctor).status == 200;
        } catch (std::exception const&) {
        }
        if (!started)
            std::cerr << "loadgen: the proctor could not start the exam\n";
        window_start = steady::now();
        swarm.answer_until(window_start + duration);
        if (wait_for([&] { return counters.papers + counters.gave_up >= counters.joined; },
                     std::chrono::seconds(30)))
            burst_seconds =
                std::chrono::duration<double>(
                    std::chrono::nanoseconds(counters.last_paper_ns.load()) - t0.time_since_epoch())
                    .count();
    }
    // The answering window (or, without answers, the time connections are held).
    auto const acked_at_start = counters.acked.load();
    auto const cpu_start = bench::sample_process(server_pid).cpu_seconds;
    auto const own_cpu_start = bench::sample_process(getpid()).cpu_seconds;
    std::int64_t peak_rss = 0;
    int peak_connected = 0;
    auto const window_end = window_start + duration;
    while (steady::now() < window_end && counters.finished < present) {
        peak_rss = std::max(peak_rss, bench::sample_process(server_pid).rss_kib);
        peak_connected = std::max(peak_connected, counters.connected.load());
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    auto const window_seconds = std::chrono::duration<double>(steady::now() - window_start).count();
    auto const acked_in_window = counters.acked.load() - acked_at_start;
    auto const during = bench::sample_process(server_pid);
    double const own_cpu_used = bench::sample_process(getpid()).cpu_seconds - own_cpu_start;
    if (settings.answers_per_second <= 0 || !settings.submit)
        swarm.stop();
    else if (!wait_for([&] { return counters.finished >= present; },
                       settings.give_up + std::chrono::seconds(30)))
        swarm.stop();
    io.join();
    answer_log.flush();

    auto latencies = swarm.ack_latencies_ms();
    std::sort(latencies.begin(), latencies.end());
    json errors = json::object();
    for (auto const& [code, count] : swarm.error_codes())
        errors[code] = count;
    auto const error_count = counters.errors.load() + logins.failed;
    double const cpu_used = during.cpu_seconds - cpu_start;
    json const result = {
        {"candidates", candidates},
        {"logged_in", logins.logged_in},
        {"login_failures", logins.failed},
        {"login_seconds", logins.seconds},
        {"logins_per_s", logins.seconds > 0 ? logins.logged_in / logins.seconds : 0},
        {"joined", counters.joined.load()},
        {"join_seconds", join_seconds},
        {"all_joined", all_joined},
        {"peak_connected", peak_connected},
        {"papers", counters.papers.load()},
        {"opening_burst_s", burst_seconds},
        {"papers_per_s", burst_seconds > 0 ? counters.papers / burst_seconds : 0},
        {"window_s", window_seconds},
        {"sent", counters.sent.load()},
        {"acked", counters.acked.load()},
        {"stale_acks", counters.stale.load()},
        {"answers_saved_per_s", window_seconds > 0 ? acked_in_window / window_seconds : 0},
        {"ack_ms",
         {{"p50", quantile(latencies, 0.50)},
          {"p95", quantile(latencies, 0.95)},
          {"p99", quantile(latencies, 0.99)},
          {"max", latencies.empty() ? 0 : latencies.back()}}},
        {"reconnects", counters.reconnects.load()},
        {"submitted", counters.submitted.load()},
        {"gave_up", counters.gave_up.load()},
        {"errors", error_count},
        {"error_codes", errors},
        {"server",
         {{"pid", server_pid},
          {"rss_mib", static_cast<double>(during.rss_kib) / 1024},
          {"peak_rss_mib", static_cast<double>(std::max(peak_rss, during.rss_kib)) / 1024},
          {"rss_growth_mib", static_cast<double>(during.rss_kib - before.rss_kib) / 1024},
          {"kib_per_connection",
           peak_connected > 0 ? static_cast<double>(peak_rss - before.rss_kib) / peak_connected
                              : 0},
          {"cpu_s_in_window", cpu_used},
          {"cpu_s_per_1000_answers",
           acked_in_window > 0 ? cpu_used * 1000 / static_cast<double>(acked_in_window) : 0},
          {"threads", during.threads}}},
    };
    std::cout << "candidates " << present << "/" << candidates << " logged in ("
              << result["logins_per_s"].get<double>() << " logins/s), joined "
              << counters.joined.load() << ", peak connected " << peak_connected << '\n'
              << "opening burst: " << counters.papers.load() << " papers in " << burst_seconds
              << " s\n"
              << "answers saved: " << result["answers_saved_per_s"].get<double>()
              << "/s, ack ms p50 " << result["ack_ms"]["p50"].get<double>() << " p95 "
              << result["ack_ms"]["p95"].get<double>() << " p99 "
              << result["ack_ms"]["p99"].get<double>() << " max "
              << result["ack_ms"]["max"].get<double>() << '\n'
              << "errors: " << error_count << ' ' << errors.dump() << '\n'
              << "server: RSS " << result["server"]["rss_mib"].get<double>() << " MiB, CPU "
              << cpu_used << " s in the window\n"
              << "result: " << result.dump() << '\n'
              << "figures:";
    // The same figures flat, "name=value", for bench/load_figures.sh to take medians of.
    auto const figure = [](std::string_view name, double value) {
        std::cout << ' ' << name << '=' << value;
    };
    figure("logins_per_s", result["logins_per_s"].get<double>());
    figure("opening_burst_s", burst_seconds);
    figure("peak_connected", peak_connected);
    figure("answers_saved_per_s", result["answers_saved_per_s"].get<double>());
    for (char const* q : {"p50", "p95", "p99", "max"})
        figure(std::string("ack_ms_") + q, result["ack_ms"][q].get<double>());
    figure("errors", static_cast<double>(error_count));
    figure("server_rss_mib", result["server"]["peak_rss_mib"].get<double>());
    figure("kib_per_connection", result["server"]["kib_per_connection"].get<double>());
    figure("server_cpu_s_per_1000_answers",
           result["server"]["cpu_s_per_1000_answers"].get<double>());
    figure("server_cores", window_seconds > 0 ? cpu_used / window_seconds : 0);
    figure("loadgen_cpu_s_per_1000_answers",
           acked_in_window > 0 ? own_cpu_used * 1000 / static_cast<double>(acked_in_window) : 0);
    figure("loadgen_cores", window_seconds > 0 ? own_cpu_used / window_seconds : 0);
    std::cout << std::endl;
    if (counters.gave_up > 0)
        return 3;
    return error_count > 0 ? 1 : 0;
}

} // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    try {
        std::string_view const mode = argc > 1 ? argv[1] : "";
        if (mode == "setup")
            return run_setup(server::command_args(
                argc, argv, 2, {"data", "candidates", "duration-minutes", "tokens"}, {}));
        if (mode == "run")
            return run_load(server::command_args(
                argc, argv, 2,
                {"server", "exam", "candidates", "rate", "duration", "reconnect-share", "sources",
                 "login-threads", "tokens", "answer-log", "server-pid", "give-up", "join-timeout",
                 "threads"},
                {"no-start", "no-submit"}));
        throw server::usage_error("setup or run?");
    } catch (server::usage_error const& e) {
        std::cerr << "phongthi-loadgen: " << e.what() << "\n\n" << usage;
        return 2;
    } catch (std::exception const& e) {
        std::cerr << "phongthi-loadgen: " << e.what() << '\n';
        return 2;
    }
}
