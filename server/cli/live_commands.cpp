// The exam and attempt actions that must go through the running server, whose in-memory
// runtime owns the clocks: sign in, POST the route, sign out, print the answer.
#include "server/cli/cli_support.hpp"
#include "server/cli/commands.hpp"
#include "server/cli/remote_session.hpp"

#include <algorithm>
#include <array>
#include <iostream>

namespace phongthi::server {

namespace {

using json = nlohmann::json;

/// The exam actions without a body: POST /api/exams/{id}/{action}.
constexpr std::array<std::string_view, 5> plain_exam_actions = {"open", "start", "pause", "resume",
                                                                "close"};
constexpr std::array<std::string_view, 7> attempt_actions = {
    "pause", "resume", "extend", "submit", "void", "approve-move", "irregularity"};

template <std::size_t N>
bool one_of(std::array<std::string_view, N> const& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

/// Signs in with --server and --user, POSTs `body` to `target`, prints what the server reports.
int post_to_server(command_args const& args, std::string const& target, json const& body) {
    auto const user = args.required("user");
    remote_session session(args.required("server"), user, password_for(user), language_of(args));
    auto const reply = session.post(target, body);
    bool reported = false;
    for (auto const& [key, value] : reply.items())
        if (key != "ok") {
            std::cout << key << ": "
                      << (value.is_string() ? value.get<std::string>() : value.dump()) << "\n";
            reported = true;
        }
    if (!reported)
        std::cout << "ok\n";
    return 0;
}

} // namespace

bool is_live_exam_action(std::string_view action) {
    return one_of(plain_exam_actions, action) || action == "extend" || action == "upload-answers";
}

int run_live_exam_action(int argc, char** argv, int first) {
    std::string_view const action = argv[first];
    auto const id = positional_id(argc, argv, first + 1, "the exam id");
    std::string const target = "/api/exams/" + std::to_string(id) + "/";
    if (action == "extend") {
        command_args const args(argc, argv, first + 2,
                                {"minutes", "reason", "server", "user", "lang"}, {});
        return post_to_server(
            args, target + "extend",
            {{"minutes", args.number("minutes", 0, 1, 600)}, {"reason", args.required("reason")}});
    }
    if (action == "upload-answers") {
        std::string const file = positional(argc, argv, first + 2, "the answer file");
        command_args const args(argc, argv, first + 3, {"server", "user", "lang"}, {});
        return post_to_server(args, target + "answer-files", read_json_file(file));
    }
    command_args const args(argc, argv, first + 2, {"server", "user", "lang"}, {});
    return post_to_server(args, target + std::string(action), json::object());
}

int run_attempt(int argc, char** argv, int first) {
    if (first >= argc)
        throw usage_error("an action is missing");
    std::string_view const action = argv[first];
    if (!one_of(attempt_actions, action))
        throw usage_error("unknown action \"" + std::string(action) + "\"");
    auto const id = positional_id(argc, argv, first + 1, "the attempt id");
    command_args const args(argc, argv, first + 2,
                            {"reason", "minutes", "category", "note", "server", "user", "lang"},
                            {});
    // The server checks which members the action needs and names a missing one.
    json body = json::object();
    for (auto const* member : {"reason", "category", "note"})
        if (auto const value = args.value(member))
            body[member] = *value;
    if (args.value("minutes"))
        body["minutes"] = args.number("minutes", 0, 1, 600);
    return post_to_server(args, "/api/attempts/" + std::to_string(id) + "/" + std::string(action),
                          body);
}

} // namespace phongthi::server
