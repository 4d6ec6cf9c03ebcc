#pragma once

#include <string>
#include <vector>

namespace phongthi::server {

/// A server certificate and its private key, both PEM.
struct tls_identity {
    std::string certificate_pem;
    std::string private_key_pem;
};

/// A new self-signed certificate (ECDSA P-256, SHA-256, ten years) for a classroom server:
/// subject "PhòngThi", subjectAltName listing every IP address in `ip_addresses` and every
/// name in `dns_names`. Throws std::runtime_error when OpenSSL fails. Any thread.
tls_identity make_self_signed_identity(std::vector<std::string> const& ip_addresses,
                                       std::vector<std::string> const& dns_names);

/// The SHA-256 fingerprint of the first certificate in `certificate_pem`, as browsers show it:
/// 32 upper-case hex pairs joined by ':'. Throws std::runtime_error when it is not a certificate.
std::string certificate_fingerprint(std::string const& certificate_pem);

/// Throws std::runtime_error naming what is wrong when the certificate or the key cannot be read
/// or the key is not the certificate's.
void check_identity(tls_identity const& identity);

} // namespace phongthi::server
