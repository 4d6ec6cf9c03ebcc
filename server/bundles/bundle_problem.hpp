#pragma once

#include <string>

namespace phongthi::server {

/// What is wrong with a result bundle: a stable code and a sentence in Vietnamese and English
/// that names the place (a byte range, a member, a learner).
struct bundle_problem {
    std::string code; ///< truncated, tampered, wrong_key, unknown_version, malformed, inconsistent
    std::string vi;
    std::string en;
};

} // namespace phongthi::server
