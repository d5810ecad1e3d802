// A scratch directory for tests that need files on disk (rule sets with a
// deliberate mistake on a known line). Removed when the test ends.
#ifndef SPOTTER_TESTS_UNIT_TEMP_DIR_H_
#define SPOTTER_TESTS_UNIT_TEMP_DIR_H_

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace spotter::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "spotter-test-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `contents` to `relative` (creating directories); returns the path.
  std::filesystem::path Write(std::string_view relative, std::string_view contents) const {
    const std::filesystem::path file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << contents;
    return file;
  }

  // Copies a directory tree into `relative`.
  void CopyFrom(const std::filesystem::path& source, std::string_view relative) const {
    std::filesystem::copy(source, path_ / relative,
                          std::filesystem::copy_options::recursive);
  }

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace spotter::testing

#endif  // SPOTTER_TESTS_UNIT_TEMP_DIR_H_
