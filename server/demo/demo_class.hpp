#pragma once

#include "server/auth/password_hasher.hpp"

#include <string_view>

namespace phongthi::store {
class data_store;
}

namespace phongthi::server {

/// Adds, once, the demo class whose exam is already over, so every report, notice and
/// certificate can be downloaded right after the first start: the course "Lớp bồi dưỡng đảng
/// viên mới", a class of 40 learners in six party cells of the Đảng bộ Khối các cơ quan tỉnh
/// with conduct grades, and its closed exam (four variants) that 38 of them sat, papers drawn,
/// answers saved and graded by the same code as real attempts; two were absent. The learners
/// share one password hash (their password is "hocvien2026") so the seed costs one Argon2 run.
/// Needs the demo units, room and bank of seed_demo(). Call before serving; blocks until
/// durable. Returns false when it was there already.
bool seed_demo_class(store::data_store& data, auth::hash_params const& params);

/// The line the demo banner prints about that class. Any thread.
std::string_view demo_class_line();

} // namespace phongthi::server
