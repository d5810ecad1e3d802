#include "server/server.h"

#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "server/http_session.h"
#include "server/frame_socket.h"

namespace spotter {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr std::chrono::seconds kDrainTimeout{5};
constexpr std::chrono::milliseconds kDrainPoll{20};
// The log is written in blocks: a write(2) per request line was one system
// call an answer (and, with stderr on a pipe to journald, a wakeup of it).
// A line waits at most this long; a crash can lose the lines of that time.
constexpr std::chrono::milliseconds kLogFlushInterval{200};
constexpr std::size_t kLogBufferBytes = 64 * 1024;

void Log(const nlohmann::json& line) { std::cerr << line.dump() << '\n'; }

}  // namespace

Server::Server(std::shared_ptr<ServerState> state)
    : state_(std::move(state)),
      io_(static_cast<int>(state_->options.threads)),
      acceptor_(net::make_strand(io_)),
      signals_(io_, SIGINT, SIGTERM, SIGHUP),
      drain_timer_(io_),
      log_flush_timer_(io_) {}

Server::~Server() { admin_pool_.join(); }

Result<std::unique_ptr<Server>> Server::Start(ServerOptions options) {
  // Before anything is written to stderr (see kLogFlushInterval).
  std::setvbuf(stderr, nullptr, _IOFBF, kLogBufferBytes);
  if (options.threads == 0) options.threads = std::max(1u, std::thread::hardware_concurrency());
  Result<std::unique_ptr<SqliteSessionStore>> store = SqliteSessionStore::Open(options.db_path);
  if (!store.ok()) return store.error();
  auto state = std::make_shared<ServerState>(std::move(options), std::move(store).value());
  const Diagnostics problems = state->engines.Reload();
  for (const Diagnostic& problem : problems) std::cerr << problem.ToString() << '\n';
  if (!state->engines.Get()) {
    return Error{ErrorCode::kInternal,
                 fmt::format("could not load the rules ({} problems)", problems.size())};
  }
  state->handoff.Restore();
  std::unique_ptr<Server> server(new Server(std::move(state)));
  const ServerOptions& opts = server->state_->options;
  boost::system::error_code error;
  const net::ip::address address = net::ip::make_address(opts.host, error);
  if (error) return Error{ErrorCode::kBadRequest, "bad --host " + opts.host};
  const tcp::endpoint endpoint(address, opts.port);
  tcp::acceptor& acceptor = server->acceptor_;
  acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(net::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(net::socket_base::max_listen_connections, error);
  if (error) {
    return Error{ErrorCode::kInternal,
                 fmt::format("cannot listen on {}:{}: {}", opts.host, opts.port, error.message())};
  }
  server->port_ = acceptor.local_endpoint().port();
  return server;
}

void Server::Accept() {
  acceptor_.async_accept(net::make_strand(io_), [this](boost::system::error_code error,
                                                       tcp::socket socket) {
    if (error == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (!error) {
      // Small request/reply frames: without this, Nagle's algorithm meets the
      // client's delayed ACK and adds ~40 ms to a reply.
      boost::system::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      std::make_shared<HttpSession>(std::move(socket), state_, admin_pool_)->Start();
    } else if (error == net::error::no_descriptors) {
      state_->metrics.ConnectionRefused();  // out of file descriptors: shed load
    }
    Accept();
  });
}

void Server::WaitForSignal() {
  signals_.async_wait([this](boost::system::error_code error, int signal) {
    if (error) return;
    if (signal == SIGHUP) {
      net::post(admin_pool_, [this] {
        const Diagnostics problems = state_->engines.Reload();
        for (const Diagnostic& problem : problems) std::cerr << problem.ToString() << '\n';
        Log({{"level", problems.empty() ? "info" : "error"},
             {"what", "reload"},
             {"ok", problems.empty()},
             {"version", state_->engines.version()}});
      });
      WaitForSignal();
      return;
    }
    Drain();
  });
}

void Server::Drain() {
  Log({{"level", "info"}, {"what", "draining"}});
  state_->draining = true;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  state_->ForEachSocket([](std::shared_ptr<FrameSocket> socket) { socket->CloseForShutdown(); });
  FinishDrain(std::chrono::steady_clock::now() + kDrainTimeout);
}

void Server::FinishDrain(std::chrono::steady_clock::time_point deadline) {
  if (state_->connection_count() > 0 && std::chrono::steady_clock::now() < deadline) {
    drain_timer_.expires_after(kDrainPoll);
    drain_timer_.async_wait([this, deadline](boost::system::error_code) { FinishDrain(deadline); });
    return;
  }
  state_->store->Flush();
  Log({{"level", "info"}, {"what", "stopped"}, {"open_connections", state_->connection_count()}});
  io_.stop();
}

void Server::FlushLogEvery() {
  std::fflush(stderr);
  log_flush_timer_.expires_after(kLogFlushInterval);
  log_flush_timer_.async_wait([this](boost::system::error_code error) {
    if (!error) FlushLogEvery();
  });
}

int Server::Run() {
  Accept();
  WaitForSignal();
  FlushLogEvery();
  std::printf("spotter: listening on http://%s:%u (%zu rules, db %s)\n",
              state_->options.host.c_str(), port_,
              static_cast<std::size_t>(state_->Figures().rules),
              state_->options.db_path.c_str());
  std::fflush(stdout);
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < state_->options.threads; ++i) {
    threads.emplace_back([this] {
      pthread_setname_np(pthread_self(), "spotter-io");  // for top -H and perf
      io_.run();
    });
  }
  io_.run();
  for (std::thread& thread : threads) thread.join();
  // Sockets that outlived the drain may have queued more; with no I/O
  // thread left, this is the last of it.
  state_->store->Flush();
  std::fflush(stderr);
  return 0;
}

}  // namespace spotter
