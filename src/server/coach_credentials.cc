#include "server/coach_credentials.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>

#include <fmt/format.h>

namespace spotter {
namespace {

std::string ToHex(const unsigned char* bytes, std::size_t size) {
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) out += fmt::format("{:02x}", bytes[i]);
  return out;
}

std::string RandomHex(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  if (RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1) {
    throw std::runtime_error("the system's random generator failed");
  }
  return ToHex(buffer.data(), buffer.size());
}

std::string SaltedSha256Hex(std::string_view salt, std::string_view token) {
  return spotter::Sha256Hex(std::string(salt) + std::string(token));
}

}  // namespace

std::string Sha256Hex(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return ToHex(digest.data(), size);
}

std::string NewCoachToken() { return RandomHex(32); }

CoachRecord MakeCoachRecord(std::string name, std::string_view token) {
  CoachRecord record;
  record.name = std::move(name);
  record.salt = RandomHex(16);
  record.token_hash = SaltedSha256Hex(record.salt, token);
  return record;
}

std::optional<std::string> MatchCoach(const std::vector<CoachRecord>& coaches,
                                      std::string_view token) {
  std::optional<std::string> found;
  for (const CoachRecord& coach : coaches) {
    const bool match = ConstantTimeEquals(SaltedSha256Hex(coach.salt, token), coach.token_hash);
    if (match && !found) found = coach.name;
  }
  return found;
}

bool IsValidCoachName(std::string_view name) {
  if (name.empty() || name.size() > 40 || name.front() == ' ' || name.back() == ' ') return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == ' ' || c == '.' || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace spotter
