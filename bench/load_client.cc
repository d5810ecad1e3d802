// Load client for `spotter serve`, run as its own process on loopback:
//   load_client --port P [--connections 1000] [--seconds 30] [--rate R]
//       answers/s and latency; with --rate each connection asks R times a
//       second (an open loop, as real users do, their asks spread evenly over
//       the period) instead of as fast as it can
//   load_client --port P --connections 1 --seconds 10          one client's round trip
//   load_client --port P --idle 10000 --server-pid PID         memory per idle socket
// Each connection says hello, then asks varied questions (dev-set texts with
// fresh typos, see message_stream.h) one after another, timing each answer.
// Every ask must get exactly one answer: errors and lost answers are counted
// and make the exit status 1. Single-threaded, so on a 2-core machine it
// leaves the other core to the server.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <memory>
#include <queue>
#include <string>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <nlohmann/json.hpp>

#include "bench/message_stream.h"

namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Totals {
  std::uint64_t answers = 0;
  std::uint64_t errors = 0;
  std::uint64_t escalations = 0;  // asks for a coach among them
  std::uint64_t failed_connections = 0;
  std::vector<double> latencies_us;
};

// The two fields a reply is matched by. The server writes them first, so
// the SAX parse stops after a few dozen bytes instead of building the whole
// 2 KB answer: parsing every answer fully took a third of a core at
// 15,000 answers/s, from the core the server shares with this client.
struct ReplyHead {
  std::string type;
  std::string reply_to;
};

class ReplyHeadReader : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit ReplyHeadReader(ReplyHead* head) : head_(head) {}
  bool null() override { return Value(); }
  bool boolean(bool) override { return Value(); }
  bool number_integer(number_integer_t) override { return Value(); }
  bool number_unsigned(number_unsigned_t) override { return Value(); }
  bool number_float(number_float_t, const string_t&) override { return Value(); }
  bool binary(binary_t&) override { return Value(); }
  bool string(string_t& value) override {
    if (depth_ == 1 && key_ == "type") head_->type = std::move(value);
    if (depth_ == 1 && key_ == "reply_to") head_->reply_to = std::move(value);
    return Value();
  }
  bool start_object(std::size_t) override { return ++depth_, true; }
  bool start_array(std::size_t) override { return ++depth_, true; }
  bool end_object() override { return --depth_, Value(); }
  bool end_array() override { return --depth_, Value(); }
  bool key(string_t& key) override {
    if (depth_ == 1) key_ = std::move(key);
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    head_->type.clear();  // not JSON: counted as an error
    return false;
  }

 private:
  // After a top-level value: stop once both fields are known.
  bool Value() { return depth_ != 1 || head_->type.empty() || head_->reply_to.empty(); }

  ReplyHead* head_;
  int depth_ = 0;
  std::string key_;
};

ReplyHead ReadReplyHead(const std::string& frame) {
  ReplyHead head;
  ReplyHeadReader reader(&head);
  nlohmann::json::sax_parse(frame, &reader);
  return head;
}

// Sends each paced connection's next ask when it is due. One timer ticks
// every kTick while asks wait and sends all that have come due, rather than
// a timer a connection: at 12,000 asks a second, a wakeup for each cost this
// client (which shares the machine with the server) a third more CPU. An ask
// goes out at most kTick late; its latency is timed from when it is sent.
class Pacer {
 public:
  static constexpr auto kTick = std::chrono::microseconds(500);
  using Due = std::pair<Clock::time_point, std::function<void()>>;

  explicit Pacer(net::io_context& io) : timer_(io) {}

  void At(Clock::time_point when, std::function<void()> ask) {
    due_.emplace(when, std::move(ask));
    if (!ticking_) Tick();
  }

 private:
  struct Later {
    bool operator()(const Due& a, const Due& b) const { return a.first > b.first; }
  };

  void Tick() {
    ticking_ = true;
    const Clock::time_point now = Clock::now();
    while (!due_.empty() && due_.top().first <= now) {
      std::function<void()> ask = due_.top().second;
      due_.pop();
      ask();
    }
    if (due_.empty()) {
      ticking_ = false;
      return;
    }
    timer_.expires_at(now + kTick);  // a new ask may be due sooner than the first now
    timer_.async_wait([this](beast::error_code e) {
      if (!e) Tick();
    });
  }

  net::steady_timer timer_;
  std::priority_queue<Due, std::vector<Due>, Later> due_;
  bool ticking_ = false;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(net::io_context& io, Pacer* pacer, tcp::endpoint endpoint,
             spotter::bench::MessageStream* stream,
             Totals* totals, Clock::time_point stop_at, bool idle, double rate,
             double phase = 0)
      : ws_(io), pacer_(pacer), endpoint_(endpoint), stream_(stream),
        totals_(totals), stop_at_(stop_at), idle_(idle), rate_(rate) {
    // Paced connections start at different points of their period, as real
    // users do; in step, they would arrive in bursts of one ask each and
    // measure the burst's queue, not the server.
    if (rate_ > 0) {
      next_at_ = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>((phase - 1) / rate_));
    }
  }

  void Start() {
    beast::get_lowest_layer(ws_).async_connect(
        endpoint_, [self = shared_from_this()](beast::error_code error) {
          if (error) return self->Fail();
          beast::get_lowest_layer(self->ws_).socket().set_option(tcp::no_delay(true));
          self->ws_.async_handshake("127.0.0.1", "/ws", [self](beast::error_code e) {
            if (e) return self->Fail();
            self->Send(R"({"type":"hello"})");
          });
        });
  }

  void Close() {
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
  }

 private:
  void Fail() { ++totals_->failed_connections; }

  void Send(std::string text) {
    outgoing_ = std::move(text);
    sent_at_ = Clock::now();
    ws_.async_write(net::buffer(outgoing_), [self = shared_from_this()](beast::error_code e,
                                                                       std::size_t) {
      if (e) return self->Fail();
      self->Read();
    });
  }

  void Read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code e, std::size_t) {
      if (e) {
        if (e != net::error::operation_aborted && e != net::error::bad_descriptor) self->Fail();
        return;
      }
      self->OnReply();
    });
  }

  void OnReply() {
    const std::string frame = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    const ReplyHead head = ReadReplyHead(frame);
    // The head is all that matching needs; every 64th reply is also checked
    // whole, so that a malformed answer still counts as an error.
    if (++replies_ % 64 == 0 && !nlohmann::json::accept(frame)) {
      ++totals_->errors;
      std::fprintf(stderr, "load_client: reply is not valid JSON: %.200s\n", frame.c_str());
    }
    const std::string& type = head.type;
    const std::string& reply_to = head.reply_to;
    const bool is_current = reply_to == std::to_string(asked_);
    // Asking for a person (some dev-set texts do) gets the answer and then
    // `escalated`; a "yes" to the bot's offer of a coach gets `escalated`
    // alone. Either way an ask has exactly one reply that ends its wait.
    if (type == "escalated") ++totals_->escalations;
    // The `escalated` that follows an answer may come after the next ask has
    // gone out: it ends no wait.
    if (type == "escalated" && (!is_current || answered_ == asked_)) return Read();
    if ((type == "answer" || type == "escalated") && is_current) {
      answered_ = asked_;
      ++totals_->answers;
      totals_->latencies_us.push_back(
          std::chrono::duration<double, std::micro>(Clock::now() - sent_at_).count());
    } else if (type != "welcome") {
      ++totals_->errors;
    }
    if (idle_) return Read();  // hold the socket open, answer pings
    if (Clock::now() >= stop_at_) return Close();
    if (rate_ <= 0) return Ask();
    // Paced: the next ask goes out on schedule, however fast this answer was.
    next_at_ = std::max(next_at_ + std::chrono::duration_cast<Clock::duration>(
                                       std::chrono::duration<double>(1.0 / rate_)),
                        Clock::now() - std::chrono::seconds(1));
    pacer_->At(next_at_, [self = shared_from_this()] { self->Ask(); });
  }

  void Ask() {
    std::string ask = R"({"type":"ask","id":")";
    ask += std::to_string(++asked_);
    ask += R"(","text":)";
    ask += nlohmann::json(stream_->Next()).dump();  // quoted and escaped
    ask += '}';
    Send(std::move(ask));
  }

  websocket::stream<beast::tcp_stream> ws_;
  Pacer* pacer_;
  tcp::endpoint endpoint_;
  spotter::bench::MessageStream* stream_;
  Totals* totals_;
  Clock::time_point stop_at_;
  bool idle_;
  double rate_;
  Clock::time_point next_at_ = Clock::now();
  beast::flat_buffer buffer_;
  std::string outgoing_;
  Clock::time_point sent_at_;
  std::uint64_t asked_ = 0;
  std::uint64_t replies_ = 0;
  std::uint64_t answered_ = 0;
};

long ResidentKilobytes(long pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  int port = 8080, connections = 1000, seconds = 30, idle = 0;
  double rate = 0;
  long server_pid = 0;
  std::string dev_set = "../shared/eval/dev.jsonl";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--port") port = std::atoi(value);
    else if (flag == "--connections") connections = std::atoi(value);
    else if (flag == "--seconds") seconds = std::atoi(value);
    else if (flag == "--idle") idle = std::atoi(value);
    else if (flag == "--rate") rate = std::atof(value);
    else if (flag == "--server-pid") server_pid = std::atol(value);
    else if (flag == "--dev-set") dev_set = value;
    else {
      std::fprintf(stderr, "load_client: unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  net::io_context io(1);
  Pacer pacer(io);
  const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port));
  spotter::bench::MessageStream stream(spotter::bench::MessageStream::ReadTexts(dev_set), 11);
  Totals totals;
  std::vector<std::shared_ptr<Connection>> all;

  if (idle > 0) {
    const long before = ResidentKilobytes(server_pid);
    const auto hold_until = Clock::now() + std::chrono::hours(1);
    for (int i = 0; i < idle; ++i) {
      all.push_back(
          std::make_shared<Connection>(io, &pacer, endpoint, &stream, &totals, hold_until, true, 0));
      all.back()->Start();
    }
    io.run_for(std::chrono::seconds(seconds));
    const long after = ResidentKilobytes(server_pid);
    std::printf("idle connections %d, failed %llu, server RSS %ld -> %ld KiB, %.2f KiB each\n",
                idle, static_cast<unsigned long long>(totals.failed_connections), before, after,
                idle > 0 ? double(after - before) / idle : 0.0);
    for (auto& c : all) c->Close();
    io.run_for(std::chrono::milliseconds(200));
    return totals.failed_connections == 0 ? 0 : 1;
  }

  const auto start = Clock::now();
  const auto stop_at = start + std::chrono::seconds(seconds);
  for (int i = 0; i < connections; ++i) {
    const double phase = (i + 0.5) / connections;
    all.push_back(std::make_shared<Connection>(io, &pacer, endpoint, &stream, &totals, stop_at,
                                               false, rate, phase));
    all.back()->Start();
  }
  io.run_for(std::chrono::seconds(seconds + 5));
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  auto& l = totals.latencies_us;
  std::sort(l.begin(), l.end());
  auto at = [&](double q) { return l.empty() ? 0.0 : l[static_cast<std::size_t>(q * (l.size() - 1))]; };
  std::printf("connections %d, %ds: %llu answers, %.0f answers/s, latency p50 %.0f us, "
              "p99 %.0f us, max %.0f us; errors %llu, failed connections %llu; "
              "%llu of the replies opened or confirmed a coach ticket\n",
              connections, seconds, static_cast<unsigned long long>(totals.answers),
              totals.answers / std::min(elapsed, double(seconds)), at(0.5), at(0.99), at(1.0),
              static_cast<unsigned long long>(totals.errors),
              static_cast<unsigned long long>(totals.failed_connections),
              static_cast<unsigned long long>(totals.escalations));
  return totals.errors == 0 && totals.failed_connections == 0 ? 0 : 1;
}
