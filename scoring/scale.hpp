#pragma once

namespace phongthi::scoring {

/// How a raw score becomes the reported mark.
struct scale_rule {
    double scale = 10; ///< the mark of a perfect paper: 10 (default) or 100
    double step = 0.1; ///< rounding step, e.g. 0.1, 0.25, 0.5, 1
};

/// Scales `raw` out of `max_raw` to rule.scale and rounds once, half up, to rule.step.
/// A raw score below 0 counts as 0 and above max_raw as max_raw; max_raw <= 0 gives 0.
double scale_score(double raw, double max_raw, scale_rule rule);

/// Rounds `value` half up to a multiple of `step` (step <= 0 leaves it unrounded). Tolerates the
/// binary error of sums like 0.1 + 0.2 so that 7.25 stays 7.25 and 7.15 rounds to 7.2.
double round_half_up(double value, double step);

} // namespace phongthi::scoring
