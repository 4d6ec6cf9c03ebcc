#include "server/net/address_connections.hpp"

#include <gtest/gtest.h>

#include <string>

namespace phongthi::server {
namespace {

TEST(AddressConnections, AnAddressIsRefusedAtItsLimitAndServedAgainOnceOneCloses) {
    address_connections connections(3);
    std::string const pc = "10.0.0.5";
    for (int i = 0; i < 3; ++i)
        EXPECT_TRUE(connections.try_open(pc));
    EXPECT_FALSE(connections.try_open(pc));
    EXPECT_EQ(connections.open(pc), 3u) << "a refusal counted a connection";
    EXPECT_TRUE(connections.try_open("10.0.0.6")) << "another PC is not held back";
    connections.close(pc);
    EXPECT_TRUE(connections.try_open(pc));
    EXPECT_FALSE(connections.try_open(pc));
}

TEST(AddressConnections, AnAddressIsForgottenWithItsLastConnection) {
    address_connections connections(2);
    for (int i = 0; i < 100; ++i) {
        std::string const pc = "10.0.1." + std::to_string(i);
        ASSERT_TRUE(connections.try_open(pc));
        ASSERT_TRUE(connections.try_open(pc));
    }
    EXPECT_EQ(connections.tracked_addresses(), 100u);
    for (int i = 0; i < 100; ++i) {
        std::string const pc = "10.0.1." + std::to_string(i);
        connections.close(pc);
        connections.close(pc);
    }
    EXPECT_EQ(connections.tracked_addresses(), 0u);
    EXPECT_EQ(connections.open("10.0.1.1"), 0u);
}

} // namespace
} // namespace phongthi::server
