#pragma once

#include "question-bank/question.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace phongthi::bank {

constexpr int max_cell_questions = 200;
constexpr int max_paper_questions = 500;
constexpr double max_question_points = 100;

/// One cell of the exam matrix (ma trận đề): how many questions of a topic and level to draw.
struct blueprint_cell {
    std::string topic; ///< exact topic (NFC, trimmed); empty = any topic
    cognitive_level level = cognitive_level::nhan_biet;
    int count = 0;                ///< questions to draw, 1..max_cell_questions
    std::optional<double> points; ///< points of each question drawn; nullopt = its own points
};

/// What a paper is drawn from the pool by: the cells, and whether questions and options are
/// shuffled. A question's own shuffle_options = false always wins (keeps "all of the above" last).
struct blueprint {
    std::vector<blueprint_cell> cells;
    bool shuffle_questions = true;
    bool shuffle_options = true;
};

/// A parsed blueprint, or the problems that kept it from being one (then `value` is empty).
struct blueprint_parse {
    std::optional<blueprint> value;
    std::vector<problem> problems;
};

/// Parses {"cells":[{"topic":"…","level":"nhan_biet","count":3,"points":0.5}],
/// "shuffle_questions":true,"shuffle_options":true}. `level` takes a key or a Vietnamese label
/// ("Nhận biết"); `topic` (default any) and `points` (default the question's own) are optional,
/// as are the shuffle flags (default true). Rules: at least one cell; count 1..200; at most 500
/// questions in all; points 0..100; no two cells with the same topic and level; no unknown keys.
/// Every problem names its field ("cells[2].count"). Pure; any thread.
blueprint_parse parse_blueprint(nlohmann::json const& spec);

/// The JSON form that parse_blueprint() reads back to an equal blueprint (levels as keys).
nlohmann::json to_json(blueprint const& plan);

/// The number of questions a paper drawn by `plan` holds.
int total_questions(blueprint const& plan);

} // namespace phongthi::bank
