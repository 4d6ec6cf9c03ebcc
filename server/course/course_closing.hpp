#pragma once

#include "server/accounts/user.hpp"

#include <cstdint>

namespace phongthi::store {
class database;
}

/// Closing a course freezes what is recorded about its learners (conduct grades); reopening
/// thaws it. Plain functions over one connection: reads on a read-side connection, writes in a
/// writer job or the CLI's write().
namespace phongthi::server::course_closing {

/// The result of close_course().
enum class closing_result { changed, unchanged, no_course };

/// Whether the course of class `class_id` is closed (false when there is no such class).
bool class_course_closed(store::database& db, std::int64_t class_id);

/// Closes (`closed`) or reopens the course and writes the audit row "course.close" or
/// "course.reopen"; a course already in that state is left alone and not audited.
closing_result close_course(store::database& db, std::int64_t course_id, bool closed,
                            actor const& who, std::int64_t now);

} // namespace phongthi::server::course_closing
