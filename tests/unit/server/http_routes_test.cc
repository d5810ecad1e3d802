#include "server/http_routes.h"

#include <gtest/gtest.h>

namespace spotter {
namespace {

TEST(HttpRoutes, KnownPathsGoToTheirHandlers) {
  EXPECT_EQ(RouteRequest("GET", "/", false), Route::kWebFile);
  EXPECT_EQ(RouteRequest("GET", "/widget.js?v=2", false), Route::kWebFile);
  EXPECT_EQ(RouteRequest("GET", "/coach", false), Route::kWebFile);
  EXPECT_EQ(RouteRequest("GET", "/healthz", false), Route::kHealth);
  EXPECT_EQ(RouteRequest("HEAD", "/healthz", false), Route::kHealth);
  EXPECT_EQ(RouteRequest("GET", "/metrics?x=1", false), Route::kMetrics);
  EXPECT_EQ(RouteRequest("GET", "/ws", true), Route::kChatSocket);
  EXPECT_EQ(RouteRequest("GET", "/coach", true), Route::kCoachSocket);
  EXPECT_EQ(RouteRequest("GET", "/source/deadlift-soreness%23why", false), Route::kSource);
  EXPECT_EQ(RouteRequest("POST", "/admin/reload", false), Route::kAdminReload);
}

TEST(HttpRoutes, TheSocketPathNeedsAnUpgrade) {
  EXPECT_EQ(RouteRequest("GET", "/ws", false), Route::kNotFound);
  EXPECT_EQ(RouteRequest("GET", "/healthz", true), Route::kHealth);
}

TEST(HttpRoutes, WrongMethodsAreRefused) {
  EXPECT_EQ(RouteRequest("POST", "/healthz", false), Route::kMethodNotAllowed);
  EXPECT_EQ(RouteRequest("POST", "/widget.js", false), Route::kMethodNotAllowed);
  EXPECT_EQ(RouteRequest("GET", "/admin/reload", false), Route::kMethodNotAllowed);
  EXPECT_EQ(RouteRequest("DELETE", "/admin/reload", false), Route::kMethodNotAllowed);
}

TEST(HttpRoutes, EverythingElseIsNotFound) {
  EXPECT_EQ(RouteRequest("GET", "/nope", false), Route::kNotFound);
  EXPECT_EQ(RouteRequest("GET", "/healthz/", false), Route::kNotFound);
  EXPECT_EQ(RouteRequest("GET", "/source/", false), Route::kNotFound);
  EXPECT_EQ(RouteRequest("GET", "", false), Route::kNotFound);
}

TEST(HttpRoutes, SourceIdsArePercentDecoded) {
  EXPECT_EQ(SourceIdFromTarget("/source/deadlift-soreness%23why"), "deadlift-soreness#why");
  EXPECT_EQ(SourceIdFromTarget("/source/a%23b?format=json"), "a#b");
  EXPECT_EQ(SourceIdFromTarget("/source/a%2"), "");
  EXPECT_EQ(SourceIdFromTarget("/source/a%zz"), "");
  EXPECT_EQ(SourceIdFromTarget("/elsewhere/a"), "");
}

TEST(HttpRoutes, QueryParametersAreFoundExactly) {
  EXPECT_TRUE(HasQueryParameter("/source/a?format=json", "format", "json"));
  EXPECT_TRUE(HasQueryParameter("/source/a?x=1&format=json", "format", "json"));
  EXPECT_FALSE(HasQueryParameter("/source/a?format=jsonx", "format", "json"));
  EXPECT_FALSE(HasQueryParameter("/source/a", "format", "json"));
}

}  // namespace
}  // namespace spotter
