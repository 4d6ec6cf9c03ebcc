#include "scoring/qr_code.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace phongthi::scoring {

namespace {

constexpr int qr_quiet_zone = 4; // light modules around the symbol, as the standard asks

} // namespace

qr_matrix encode_qr(std::string_view utf8) {
    if (utf8.empty())
        throw std::invalid_argument("a QR code needs a text to hold");
    std::unique_ptr<QRcode, decltype(&QRcode_free)> const code(
        QRcode_encodeData(static_cast<int>(utf8.size()),
                          reinterpret_cast<unsigned char const*>(utf8.data()), 0, QR_ECLEVEL_M),
        &QRcode_free);
    if (!code)
        throw std::invalid_argument("the text (" + std::to_string(utf8.size()) +
                                    " bytes) is too long for a QR code");
    qr_matrix matrix;
    matrix.size = code->width;
    matrix.modules.reserve(static_cast<std::size_t>(code->width * code->width));
    for (int i = 0; i < code->width * code->width; ++i)
        matrix.modules.push_back((code->data[i] & 1) != 0); // bit 0: dark; the rest is bookkeeping
    return matrix;
}

std::string qr_svg(qr_matrix const& matrix, int module_px) {
    if (module_px < 1)
        throw std::invalid_argument("a QR module needs at least one pixel");
    int const side = matrix.size + 2 * qr_quiet_zone;
    std::string const pixels = std::to_string(side * module_px);
    std::string const modules = std::to_string(side);
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + pixels +
                      "\" height=\"" + pixels + "\" viewBox=\"0 0 " + modules + " " + modules +
                      "\" shape-rendering=\"crispEdges\"><rect width=\"" + modules +
                      "\" height=\"" + modules + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
    // One horizontal run of dark modules per subpath keeps the path short.
    for (int y = 0; y < matrix.size; ++y) {
        for (int x = 0; x < matrix.size;) {
            if (!matrix.dark(x, y)) {
                ++x;
                continue;
            }
            int run = 1;
            while (x + run < matrix.size && matrix.dark(x + run, y))
                ++run;
            svg += "M" + std::to_string(x + qr_quiet_zone) + " " +
                   std::to_string(y + qr_quiet_zone) + "h" + std::to_string(run) + "v1h-" +
                   std::to_string(run) + "z";
            x += run;
        }
    }
    svg += "\"/></svg>\n";
    return svg;
}

} // namespace phongthi::scoring
