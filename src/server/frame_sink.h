// Something frames can be pushed to from any thread: a user's or a coach's
// socket. The hand-off pushes through this, so it is tested without sockets.
#ifndef SPOTTER_SERVER_FRAME_SINK_H_
#define SPOTTER_SERVER_FRAME_SINK_H_

#include <string>

namespace spotter {

class FrameSink {
 public:
  virtual ~FrameSink() = default;
  // Queues `frame` (a JSON text) for sending; thread-safe, never blocks.
  virtual void Deliver(std::string frame) = 0;
};

}  // namespace spotter

#endif  // SPOTTER_SERVER_FRAME_SINK_H_
