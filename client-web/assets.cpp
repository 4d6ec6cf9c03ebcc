#include "client-web/assets.hpp"

namespace phongthi::web {

asset const* find_asset(std::string_view path) {
    if (path == "/")
        path = "/index.html";
    for (auto const& a : all_assets()) {
        if (a.path == path)
            return &a;
    }
    return nullptr;
}

} // namespace phongthi::web
