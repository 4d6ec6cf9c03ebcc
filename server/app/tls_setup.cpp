#include "server/app/tls_setup.hpp"

#include "server/app/lan_addresses.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace phongthi::server {

namespace {

std::string read_file(std::filesystem::path const& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw std::runtime_error("TLS: cannot read " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_file(std::filesystem::path const& file, std::string const& text,
                std::filesystem::perms perms) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    std::filesystem::permissions(file, perms);
    out << text;
    out.close();
    if (!out)
        throw std::runtime_error("TLS: cannot write " + file.string());
}

std::vector<std::string> dns_names() {
    std::vector<std::string> names{"localhost"};
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) == 0 && host[0] != '\0') {
        names.emplace_back(host);
        names.push_back(std::string(host) + ".local"); // the name avahi announces
    }
    return names;
}

tls_identity read_identity(std::filesystem::path const& certificate_file,
                           std::filesystem::path const& key_file) {
    tls_identity identity{read_file(certificate_file), read_file(key_file)};
    try {
        check_identity(identity);
    } catch (std::runtime_error const& e) {
        throw std::runtime_error(std::string(e.what()) + " (" + certificate_file.string() + ", " +
                                 key_file.string() + ")");
    }
    return identity;
}

} // namespace

tls_setup load_or_create_tls(std::filesystem::path const& data_dir,
                             std::optional<std::filesystem::path> const& certificate_file,
                             std::optional<std::filesystem::path> const& key_file) {
    if (certificate_file.has_value() != key_file.has_value())
        throw std::runtime_error("TLS: give both --tls-cert and --tls-key, or neither");
    tls_setup setup;
    if (certificate_file) {
        setup.certificate_file = *certificate_file;
        setup.key_file = *key_file;
        setup.identity = read_identity(setup.certificate_file, setup.key_file);
        return setup;
    }
    auto const folder = data_dir / "tls";
    setup.certificate_file = folder / "server.crt";
    setup.key_file = folder / "server.key";
    if (std::filesystem::exists(setup.certificate_file) ||
        std::filesystem::exists(setup.key_file)) {
        setup.identity = read_identity(setup.certificate_file, setup.key_file);
        return setup;
    }
    std::filesystem::create_directories(folder);
    auto addresses = lan_addresses();
    addresses.insert(addresses.begin(), "127.0.0.1");
    setup.identity = make_self_signed_identity(addresses, dns_names());
    using std::filesystem::perms;
    write_file(setup.key_file, setup.identity.private_key_pem,
               perms::owner_read | perms::owner_write);
    write_file(setup.certificate_file, setup.identity.certificate_pem,
               perms::owner_read | perms::owner_write | perms::group_read | perms::others_read);
    setup.created = true;
    return setup;
}

} // namespace phongthi::server
