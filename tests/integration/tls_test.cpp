// HTTPS on the LAN: --tls on|both, the self-signed certificate made once and kept, trust by
// fingerprint, HSTS only when TLS is the only way in.
#include "server/net/http_client.hpp"
#include "server/net/tls_identity.hpp"
#include "tests/integration/client.hpp"
#include "tests/integration/server_process.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace phongthi::test;
namespace srv = phongthi::server;

namespace {

std::string file_text(std::filesystem::path const& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

srv::http_endpoint tls_endpoint(unsigned short port, std::string fingerprint) {
    return {"127.0.0.1", std::to_string(port), true, std::move(fingerprint)};
}

srv::http_client_response tls_get(srv::http_endpoint const& server, std::string const& target) {
    return srv::http_exchange(server, {"GET", target, {}, {}}, std::chrono::seconds(10));
}

std::string header_of(srv::http_client_response const& response, std::string const& name) {
    for (auto const& [key, value] : response.headers)
        if (key == name)
            return value;
    return {};
}

} // namespace

TEST(Tls, BothServesHttpsAndHttpOnOnePortWithoutHsts) {
    temp_dir dir;
    server_process server(dir / "data", false, {"--tls", "both"});
    auto const certificate = file_text(dir / "data" / "tls" / "server.crt");
    ASSERT_FALSE(certificate.empty());
    auto const pin = srv::certificate_fingerprint(certificate);

    auto const secure = tls_get(tls_endpoint(server.port(), pin), "/healthz");
    EXPECT_EQ(secure.status, 200);
    EXPECT_EQ(header_of(secure, "strict-transport-security"), "");
    auto const plain = http_call(server.port(), "GET", "/healthz");
    EXPECT_EQ(plain.status, 200);
    EXPECT_EQ(plain.header("strict-transport-security"), "");
    // The key is the owner's alone.
    auto const key_perms =
        std::filesystem::status(dir / "data" / "tls" / "server.key").permissions();
    EXPECT_EQ(key_perms & std::filesystem::perms::others_read, std::filesystem::perms::none);
}

TEST(Tls, OnServesOnlyHttpsWithHsts) {
    temp_dir dir;
    server_process server(dir / "data", false, {"--tls", "on"});
    auto const pin = srv::certificate_fingerprint(file_text(dir / "data" / "tls" / "server.crt"));
    auto const secure = tls_get(tls_endpoint(server.port(), pin), "/");
    EXPECT_EQ(secure.status, 200);
    EXPECT_EQ(header_of(secure, "strict-transport-security"), "max-age=31536000");
    EXPECT_NE(secure.body.find("<html"), std::string::npos);
    EXPECT_ANY_THROW(srv::http_exchange({"127.0.0.1", std::to_string(server.port()), false, {}},
                                        {"GET", "/healthz", {}, {}}, std::chrono::seconds(5)));
}

TEST(Tls, ClientRefusesAWrongFingerprintAndAnUntrustedCertificate) {
    temp_dir dir;
    server_process server(dir / "data", false, {"--tls", "on"});
    std::string const wrong(95, 'A');
    EXPECT_THROW(tls_get(tls_endpoint(server.port(), wrong), "/healthz"), std::runtime_error);
    // No pin: the self-signed certificate chains to no CA this machine trusts.
    EXPECT_THROW(tls_get(tls_endpoint(server.port(), ""), "/healthz"), std::runtime_error);
}

TEST(Tls, TheSelfSignedCertificateIsMadeOnceAndKept) {
    temp_dir dir;
    std::string first;
    {
        server_process server(dir / "data", false, {"--tls", "on"});
        first = file_text(dir / "data" / "tls" / "server.crt");
    }
    server_process again(dir / "data", false, {"--tls", "on"});
    EXPECT_EQ(file_text(dir / "data" / "tls" / "server.crt"), first);
    auto const pin = srv::certificate_fingerprint(first);
    EXPECT_EQ(tls_get(tls_endpoint(again.port(), pin), "/healthz").status, 200);
}

TEST(Tls, AdminCertificateIsUsedAndAMismatchedKeyIsRefusedByName) {
    temp_dir dir;
    auto const given = srv::make_self_signed_identity({"127.0.0.1"}, {"localhost"});
    auto const other = srv::make_self_signed_identity({"127.0.0.1"}, {"localhost"});
    auto const write = [&](std::string const& name, std::string const& text) {
        std::ofstream(dir / name, std::ios::binary) << text;
        return (dir / name).string();
    };
    auto const cert = write("given.crt", given.certificate_pem);
    auto const key = write("given.key", given.private_key_pem);
    auto const wrong_key = write("other.key", other.private_key_pem);
    {
        server_process server(dir / "data", false,
                              {"--tls", "on", "--tls-cert", cert, "--tls-key", key});
        auto const pin = srv::certificate_fingerprint(given.certificate_pem);
        EXPECT_EQ(tls_get(tls_endpoint(server.port(), pin), "/healthz").status, 200);
        EXPECT_FALSE(std::filesystem::exists(dir / "data" / "tls"));
    }
    auto const refused =
        run_phongthi({"serve", "--data", (dir / "data2").string(), "--host", "127.0.0.1", "--port",
                      "0", "--tls", "on", "--tls-cert", cert, "--tls-key", wrong_key});
    EXPECT_NE(refused.exit_code, 0);
    EXPECT_NE(refused.err.find("does not belong to the certificate"), std::string::npos)
        << refused.err;
    EXPECT_NE(refused.err.find("other.key"), std::string::npos) << refused.err;
}

TEST(Tls, TheCliReachesAnHttpsServerTrustedByItsFingerprint) {
    temp_dir dir;
    server_process server(dir / "data", true, {"--tls", "on"});
    auto const pin = srv::certificate_fingerprint(file_text(dir / "data" / "tls" / "server.crt"));
    std::vector<std::string> const open{
        "exam",   "open",   "1", "--server", "https://127.0.0.1:" + std::to_string(server.port()),
        "--user", "giamthi"};
    auto const pinned =
        run_phongthi(open, {"PHONGTHI_PASSWORD=giamthi2026", "PHONGTHI_TLS_FINGERPRINT=" + pin});
    EXPECT_EQ(pinned.exit_code, 0) << pinned.err;
    auto const unpinned = run_phongthi(open, {"PHONGTHI_PASSWORD=giamthi2026"});
    EXPECT_EQ(unpinned.exit_code, 1);
    EXPECT_NE(unpinned.err.find("make a TLS connection"), std::string::npos) << unpinned.err;
}
