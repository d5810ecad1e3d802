// Errors as values for requests that can be refused (an empty question,
// invalid UTF-8, a message over the size limit). The codes are the contract's
// error codes, so the CLI and the server report them unchanged.
#ifndef SPOTTER_BASE_RESULT_H_
#define SPOTTER_BASE_RESULT_H_

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace spotter {

enum class ErrorCode {
  kBadRequest,
  kTooLarge,
  kRateLimited,
  kUnknownTicket,
  kUnauthorized,
  kInternal
};

// "bad_request", "too_large", "rate_limited", "unknown_ticket",
// "unauthorized", "internal": the names in the contract.
std::string_view ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kBadRequest;
  std::string message;  // for the user: what was wrong and what to do
};

// Either a value or an Error. Check ok() before value().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}        // NOLINT: implicit
  Result(Error error) : state_(std::move(error)) {}    // NOLINT: implicit

  bool ok() const { return std::holds_alternative<T>(state_); }
  const T& value() const& {
    assert(ok());
    return std::get<T>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(state_));
  }
  const Error& error() const {
    assert(!ok());
    return std::get<Error>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

inline std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kBadRequest:
      return "bad_request";
    case ErrorCode::kTooLarge:
      return "too_large";
    case ErrorCode::kRateLimited:
      return "rate_limited";
    case ErrorCode::kUnknownTicket:
      return "unknown_ticket";
    case ErrorCode::kUnauthorized:
      return "unauthorized";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

}  // namespace spotter

#endif  // SPOTTER_BASE_RESULT_H_
