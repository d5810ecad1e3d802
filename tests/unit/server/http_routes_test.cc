#include "server/http_routes.h"

#include <gtest/gtest.h>

namespace spotter {
namespace {

TEST(HttpRoutes, KnownPathsGoToTheirHandlers) {
  EXPECT_EQ(RouteRequest("GET", "/", false), Route::kDemoPage);
  EXPECT_EQ(RouteRequest("GET", "/healthz", false), Route::kHealth);
  EXPECT_EQ(RouteRequest("HEAD", "/healthz", false), Route::kHealth);
  EXPECT_EQ(RouteRequest("GET", "/metrics?x=1", false), Route::kMetrics);
  EXPECT_EQ(RouteRequest("GET", "/ws", true), Route::kChatSocket);
  EXPECT_EQ(RouteRequest("POST", "/admin/reload", false), Route::kAdminReload);
}

TEST(HttpRoutes, TheSocketPathNeedsAnUpgrade) {
  EXPECT_EQ(RouteRequest("GET", "/ws", false), Route::kNotFound);
}

TEST(HttpRoutes, WrongMethodsAreRefused) {
  EXPECT_EQ(RouteRequest("POST", "/healthz", false), Route::kMethodNotAllowed);
  EXPECT_EQ(RouteRequest("GET", "/admin/reload", false), Route::kMethodNotAllowed);
  EXPECT_EQ(RouteRequest("DELETE", "/admin/reload", false), Route::kMethodNotAllowed);
}

TEST(HttpRoutes, EverythingElseIsNotFound) {
  EXPECT_EQ(RouteRequest("GET", "/nope", false), Route::kNotFound);
  EXPECT_EQ(RouteRequest("GET", "/healthz/", false), Route::kNotFound);
  EXPECT_EQ(RouteRequest("GET", "", false), Route::kNotFound);
}

}  // namespace
}  // namespace spotter
