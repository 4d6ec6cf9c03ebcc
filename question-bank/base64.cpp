#include "question-bank/base64.hpp"

#include <openssl/evp.h>

namespace phongthi::bank {

std::string base64_encode(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3), '\0');
    int const written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                        reinterpret_cast<unsigned char const*>(bytes.data()),
                                        static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    std::string compact;
    compact.reserve(text.size());
    for (char const c : text) {
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            compact += c;
    }
    if (compact.size() % 4 != 0)
        return std::nullopt;
    std::string out(compact.size() / 4 * 3, '\0');
    int const written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                        reinterpret_cast<unsigned char const*>(compact.data()),
                                        static_cast<int>(compact.size()));
    if (written < 0)
        return std::nullopt;
    // EVP_DecodeBlock counts the padding as zero bytes; drop them.
    std::size_t padding = 0;
    for (auto it = compact.rbegin(); it != compact.rend() && *it == '=' && padding < 2; ++it)
        ++padding;
    out.resize(static_cast<std::size_t>(written) - padding);
    return out;
}

} // namespace phongthi::bank
