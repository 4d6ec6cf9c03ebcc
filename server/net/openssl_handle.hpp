#pragma once

#include <memory>

namespace phongthi::server {

/// Frees an OpenSSL object with its own free function.
template <auto Free> struct openssl_free {
    template <class T> void operator()(T* p) const { Free(p); }
};

/// An owned OpenSSL object, e.g. openssl_handle<EVP_PKEY, EVP_PKEY_free>.
template <class T, auto Free> using openssl_handle = std::unique_ptr<T, openssl_free<Free>>;

} // namespace phongthi::server
