// nlohmann/json does not report where a value came from, so the file is read
// through a SAX handler fed by an iterator that counts newlines as the lexer
// consumes them. When the lexer hands the handler a token it has just read
// that token's last character, so the running count is the token's line. The
// handler builds the DOM as nlohmann's own parser would, keeps the JSON
// pointer of the value being read, and records pointer -> line for each.
#include "base/json_document.h"

#include <iterator>

#include <fmt/format.h>
#include <vector>

namespace spotter {
namespace {

using nlohmann::json;

// An input iterator over the text that advances a shared line counter.
class LineCountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  LineCountingIterator(const char* position, int* line)
      : position_(position), line_(line) {}

  reference operator*() const { return *position_; }
  LineCountingIterator& operator++() {
    if (*position_ == '\n') ++*line_;
    ++position_;
    return *this;
  }
  LineCountingIterator operator++(int) {
    LineCountingIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const LineCountingIterator& other) const {
    return position_ == other.position_;
  }
  bool operator!=(const LineCountingIterator& other) const {
    return position_ != other.position_;
  }

 private:
  const char* position_;
  int* line_;
};

constexpr std::size_t kMaxDepth = 64;

// Records the line of every value by its JSON pointer.
class LineRecorder : public nlohmann::json_sax<json> {
 public:
  LineRecorder(const int* line, std::unordered_map<std::string, int>* lines,
               json* root)
      : line_(line), lines_(lines), root_(root) {}

  bool null() override { return Value(nullptr); }
  bool boolean(bool value) override { return Value(value); }
  bool number_integer(number_integer_t value) override { return Value(value); }
  bool number_unsigned(number_unsigned_t value) override { return Value(value); }
  bool number_float(number_float_t value, const string_t&) override {
    return Value(value);
  }
  bool string(string_t& value) override { return Value(std::move(value)); }
  bool binary(binary_t& value) override { return Value(json::binary(std::move(value))); }
  bool start_object(std::size_t) override {
    if (TooDeep()) return false;
    containers_.push_back(Place(json::object()));
    frames_.push_back({false, 0, path_.size()});
    path_ = current_;
    return true;
  }
  bool key(string_t& name) override {
    key_ = name;
    return true;
  }
  bool end_object() override { return EndContainer(); }
  bool start_array(std::size_t) override {
    if (TooDeep()) return false;
    containers_.push_back(Place(json::array()));
    frames_.push_back({true, 0, path_.size()});
    path_ = current_;
    return true;
  }
  bool end_array() override { return EndContainer(); }
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& error) override {
    error_line_ = *line_;
    error_message_ = error.what();
    return false;
  }

  int error_line() const { return error_line_; }
  const std::string& error_message() const { return error_message_; }

 private:
  struct Frame {
    bool is_array;
    std::size_t element_count;  // arrays: elements started so far
    std::size_t parent_length;  // path_ length before this container
  };

  // Rule files are a few levels deep; a deep one is a mistake or an attack,
  // and every level costs a pointer string per value.
  bool TooDeep() {
    if (frames_.size() < kMaxDepth) return false;
    error_line_ = *line_;
    error_message_ = fmt::format(": nested deeper than {} levels", kMaxDepth);
    return true;
  }

  bool Value(json value) {
    Place(std::move(value));
    return true;
  }

  // Puts `value` where the parse is (the root, the next array element, or
  // the current key) and records its line; returns where it now lives.
  json* Place(json value) {
    RecordLine();
    if (containers_.empty()) {
      *root_ = std::move(value);
      return root_;
    }
    json& container = *containers_.back();
    if (container.is_array()) {
      container.push_back(std::move(value));
      return &container.back();
    }
    json& slot = container[key_];
    slot = std::move(value);
    return &slot;
  }

  // Records the line of the value now being read, at its pointer. The
  // pointer is built by appending to the container's path, escaped per
  // RFC 6901 ("~" -> "~0", "/" -> "~1").
  void RecordLine() {
    current_ = path_;
    if (!frames_.empty()) {
      current_.push_back('/');
      if (frames_.back().is_array) {
        current_ += std::to_string(frames_.back().element_count++);
      } else {
        for (char c : key_) {
          if (c == '~') {
            current_ += "~0";
          } else if (c == '/') {
            current_ += "~1";
          } else {
            current_.push_back(c);
          }
        }
      }
    }
    lines_->emplace(current_, *line_);
  }

  bool EndContainer() {
    path_.resize(frames_.back().parent_length);
    frames_.pop_back();
    containers_.pop_back();
    return true;
  }

  std::string path_;     // pointer of the innermost open container
  std::string current_;  // pointer of the value being read
  std::string key_;      // the last key read
  const int* line_;
  std::unordered_map<std::string, int>* lines_;
  json* root_;
  // Open objects and arrays, innermost last. Pointers stay valid: a
  // container is only appended to while it is the innermost one.
  std::vector<json*> containers_;
  std::vector<Frame> frames_;
  int error_line_ = 0;
  std::string error_message_;
};

// nlohmann's messages start with "[json.exception.parse_error.101] parse
// error at line 3, column 5: "; the position is reported by us already.
std::string TrimParseMessage(const std::string& what) {
  const std::size_t colon = what.find(": ");
  std::string message = colon == std::string::npos ? what : what.substr(colon + 2);
  return "JSON syntax error: " + message;
}

}  // namespace

std::optional<JsonDocument> JsonDocument::Parse(std::string_view text,
                                                std::string file_name,
                                                Diagnostics* diagnostics) {
  JsonDocument document;
  document.file_ = std::move(file_name);

  int line = 1;
  LineRecorder recorder(&line, &document.lines_, &document.root_);
  const LineCountingIterator first(text.data(), &line);
  const LineCountingIterator last(text.data() + text.size(), &line);
  const bool parsed = json::sax_parse(first, last, &recorder,
                                      nlohmann::detail::input_format_t::json,
                                      /*strict=*/true, /*ignore_comments=*/true);
  if (!parsed) {
    diagnostics->push_back({document.file_, recorder.error_line(),
                            TrimParseMessage(recorder.error_message())});
    return std::nullopt;
  }
  return document;
}

int JsonDocument::LineOf(const json::json_pointer& pointer) const {
  json::json_pointer current = pointer;
  while (true) {
    if (auto it = lines_.find(current.to_string()); it != lines_.end()) {
      return it->second;
    }
    if (current.empty()) return 0;
    current = current.parent_pointer();
  }
}

Diagnostic JsonDocument::At(const json::json_pointer& pointer,
                            std::string message) const {
  return {file_, LineOf(pointer), std::move(message)};
}

}  // namespace spotter
