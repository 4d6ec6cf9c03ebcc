#pragma once

#include "server/api/api_support.hpp"
#include "server/exams/exam_definition.hpp"
#include "server/exams/exam_store.hpp"

#include <cstdint>
#include <optional>

/// The JSON forms of docs/EXAMS.md, shared by the REST API and the `phongthi exam` commands.
namespace phongthi::server {

/// An ISO time, or null.
json optional_time(std::optional<std::int64_t> t);

/// `exam`: the record with its blueprint revision `bp` (without the frozen pool).
json to_json(exam_store::exam_record const& e,
             std::optional<exam_store::blueprint_record> const& bp);

/// `check`: {ok, pool_size, shortages:[{topic, level, wanted, available}], message_vi, message_en}.
json to_json(exam_check const& check);

} // namespace phongthi::server
