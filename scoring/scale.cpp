#include "scoring/scale.hpp"

#include <algorithm>
#include <cmath>

namespace phongthi::scoring {

double round_half_up(double value, double step) {
    if (!(step > 0))
        return value;
    // The nudge absorbs representation error (7.15 / 0.1 = 71.4999...) without moving real halves.
    constexpr double nudge = 1e-9;
    double const units = std::floor(value / step + 0.5 + nudge);
    double const rounded = units * step;
    // Re-round to 12 significant decimals so 0.1 * 3 prints as 0.3.
    return std::round(rounded * 1e12) / 1e12;
}

double scale_score(double raw, double max_raw, scale_rule rule) {
    if (!(max_raw > 0))
        return 0;
    double const bounded = std::clamp(raw, 0.0, max_raw);
    return round_half_up(bounded / max_raw * rule.scale, rule.step);
}

} // namespace phongthi::scoring
