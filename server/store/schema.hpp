#pragma once

#include <string_view>
#include <vector>

namespace phongthi::store {

/// One numbered step of the schema. A released migration is never edited: change the schema by
/// appending a new one.
struct migration {
    int version;
    std::string_view description;
    std::string_view sql;
};

/// Every migration in order; versions run 1, 2, 3... without gaps. Callable from any thread.
std::vector<migration> const& migrations();

} // namespace phongthi::store
