// `spotter serve`: one io_context run by a pool of threads (one per core by
// default), an acceptor, and the shared ServerState. SIGHUP reloads the
// rules; SIGTERM (or SIGINT) stops accepting, closes every chat socket with
// a close frame, waits for in-flight work, flushes the database and returns.
#ifndef SPOTTER_SERVER_SERVER_H_
#define SPOTTER_SERVER_SERVER_H_

#include <memory>
#include <thread>
#include <vector>

#include <boost/asio.hpp>

#include "base/result.h"
#include "server/server_options.h"
#include "server/server_state.h"

namespace spotter {

class Server {
 public:
  // Loads the rules (problems go to stderr), opens the database and binds.
  static Result<std::unique_ptr<Server>> Start(ServerOptions options);
  ~Server();

  std::uint16_t port() const { return port_; }

  // Serves until a shutdown signal, then drains. Returns the exit code.
  int Run();

 private:
  explicit Server(std::shared_ptr<ServerState> state);
  void Accept();
  void WaitForSignal();
  void Drain();
  void FinishDrain(std::chrono::steady_clock::time_point deadline);
  // Flushes the buffered log now and every kLogFlushInterval.
  void FlushLogEvery();

  std::shared_ptr<ServerState> state_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::signal_set signals_;
  boost::asio::steady_timer drain_timer_;
  boost::asio::steady_timer log_flush_timer_;
  boost::asio::thread_pool admin_pool_{1};  // reloads, off the I/O threads
  std::uint16_t port_ = 0;
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_SERVER_H_
