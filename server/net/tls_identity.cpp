#include "server/net/tls_identity.hpp"

#include "server/net/openssl_handle.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>

namespace phongthi::server {

namespace {

using bio_ptr = openssl_handle<BIO, BIO_free_all>;
using x509_ptr = openssl_handle<X509, X509_free>;
using pkey_ptr = openssl_handle<EVP_PKEY, EVP_PKEY_free>;
using extension_ptr = openssl_handle<X509_EXTENSION, X509_EXTENSION_free>;

[[noreturn]] void openssl_failed(char const* what) {
    throw std::runtime_error(std::string("TLS: ") + what + " failed");
}

void require(bool ok, char const* what) {
    if (!ok)
        openssl_failed(what);
}

bio_ptr read_bio(std::string const& pem) {
    bio_ptr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    require(bio != nullptr, "BIO_new_mem_buf");
    return bio;
}

std::string drain(BIO* bio) {
    char* data = nullptr;
    long const size = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(size));
}

x509_ptr read_certificate(std::string const& pem) {
    auto bio = read_bio(pem);
    x509_ptr certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!certificate)
        throw std::runtime_error("TLS: the certificate is not a PEM X.509 certificate");
    return certificate;
}

void add_extension(X509* certificate, int nid, std::string const& value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    extension_ptr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str()));
    require(extension != nullptr, "X509V3_EXT_conf_nid");
    require(X509_add_ext(certificate, extension.get(), -1) == 1, "X509_add_ext");
}

std::string subject_alt_names(std::vector<std::string> const& ip_addresses,
                              std::vector<std::string> const& dns_names) {
    std::string names;
    auto const append = [&](std::string_view kind, std::string const& value) {
        if (!names.empty())
            names += ',';
        names.append(kind).append(value);
    };
    for (auto const& name : dns_names)
        append("DNS:", name);
    for (auto const& address : ip_addresses)
        append("IP:", address);
    return names;
}

} // namespace

tls_identity make_self_signed_identity(std::vector<std::string> const& ip_addresses,
                                       std::vector<std::string> const& dns_names) {
    pkey_ptr key(EVP_EC_gen("P-256"));
    require(key != nullptr, "EVP_EC_gen");
    x509_ptr certificate(X509_new());
    require(certificate != nullptr, "X509_new");
    require(X509_set_version(certificate.get(), X509_VERSION_3) == 1, "X509_set_version");

    unsigned char serial[16];
    require(RAND_bytes(serial, sizeof serial) == 1, "RAND_bytes");
    serial[0] &= 0x7f; // a positive serial
    openssl_handle<BIGNUM, BN_free> number(BN_bin2bn(serial, sizeof serial, nullptr));
    require(number && BN_to_ASN1_INTEGER(number.get(), X509_get_serialNumber(certificate.get())),
            "serial number");

    constexpr long ten_years = 10L * 365 * 24 * 3600;
    require(X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600) != nullptr, "notBefore");
    require(X509_gmtime_adj(X509_getm_notAfter(certificate.get()), ten_years) != nullptr,
            "notAfter");

    X509_NAME* name = X509_get_subject_name(certificate.get());
    auto const add_name = [&](char const* field, std::string const& value) {
        require(X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                           reinterpret_cast<unsigned char const*>(value.c_str()),
                                           -1, -1, 0) == 1,
                "subject name");
    };
    add_name("O", "PhòngThi");
    add_name("CN", "PhòngThi");
    require(X509_set_issuer_name(certificate.get(), name) == 1, "issuer name");
    require(X509_set_pubkey(certificate.get(), key.get()) == 1, "X509_set_pubkey");

    add_extension(certificate.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_extension(certificate.get(), NID_key_usage, "critical,digitalSignature");
    add_extension(certificate.get(), NID_ext_key_usage, "serverAuth");
    add_extension(certificate.get(), NID_subject_key_identifier, "hash");
    if (auto const names = subject_alt_names(ip_addresses, dns_names); !names.empty())
        add_extension(certificate.get(), NID_subject_alt_name, names);
    require(X509_sign(certificate.get(), key.get(), EVP_sha256()) > 0, "X509_sign");

    tls_identity identity;
    bio_ptr cert_out(BIO_new(BIO_s_mem()));
    require(cert_out && PEM_write_bio_X509(cert_out.get(), certificate.get()) == 1,
            "PEM_write_bio_X509");
    identity.certificate_pem = drain(cert_out.get());
    bio_ptr key_out(BIO_new(BIO_s_mem()));
    require(key_out && PEM_write_bio_PrivateKey(key_out.get(), key.get(), nullptr, nullptr, 0,
                                                nullptr, nullptr) == 1,
            "PEM_write_bio_PrivateKey");
    identity.private_key_pem = drain(key_out.get());
    return identity;
}

std::string certificate_fingerprint(std::string const& certificate_pem) {
    auto const certificate = read_certificate(certificate_pem);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    require(X509_digest(certificate.get(), EVP_sha256(), digest, &length) == 1, "X509_digest");
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        if (i > 0)
            out += ':';
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0x0f];
    }
    return out;
}

void check_identity(tls_identity const& identity) {
    auto const certificate = read_certificate(identity.certificate_pem);
    auto bio = read_bio(identity.private_key_pem);
    pkey_ptr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key)
        throw std::runtime_error("TLS: the key is not an unencrypted PEM private key");
    if (X509_check_private_key(certificate.get(), key.get()) != 1)
        throw std::runtime_error("TLS: the private key does not belong to the certificate");
}

} // namespace phongthi::server
