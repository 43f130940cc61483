// Where a view's events come from, behind one interface: a live daemon session (over a
// Connection), a local `tasklensd run --format jsonl` child (used only when the daemon
// has no session methods), or a recording file. Views (pretty, jsonl, top) read FeedItems.
#pragma once
#include "client/connection.h"
#include "client/model/event.h"

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tl::client {

struct FeedItem {
    enum class Kind { event, stopped, continued, exited, output, dropped };
    FeedItem(Kind k, std::string s, Json d, Event e = Event())
        : kind(k), session(std::move(s)), data(std::move(d)), event(std::move(e)) {}
    Kind kind;
    std::string session;
    Json data;    // the notification's params (not set for an event)
    Event event;  // Kind::event: the event (event.json() builds its JSON value on demand)
};

class EventFeed {
public:
    virtual ~EventFeed() = default;
    // The next item, waiting up to timeout_ms (-1: until one comes); nullopt on timeout
    // or at the end (then ended() is true).
    virtual std::optional<FeedItem> next(int timeout_ms) = 0;
    virtual bool ended() const = 0;
    // Calls a session method (pause, resume, step, task/cancel…); throws ClientError
    // saying why when this feed cannot steer (a recording, the local fallback).
    virtual Json call(const std::string& method, Json params);
    virtual bool can_steer() const { return false; }
    // The single session followed, "" when several or none.
    virtual std::string session() const { return ""; }
    // Descriptor to poll for input (keyboard loops), -1 when next(0) must be polled.
    virtual int fd() const { return -1; }
};

// A live session: `conn` already subscribed (or started with subscribe: true).
// `already_exited`: session/list's entry of a session that is over — it sends no more
// notifications, so the feed ends itself after the retained events up to its lastSeq.
std::unique_ptr<EventFeed> make_session_feed(std::unique_ptr<Connection> conn, std::string session,
                                             Json already_exited = Json());
// `tasklensd run --format jsonl ARGS… FILE` as a child; stderr passes through.
std::unique_ptr<EventFeed> make_local_run_feed(const std::string& daemon, const std::vector<std::string>& args);
// A recording (JSON lines of events); throws ClientError if it cannot be read.
std::unique_ptr<EventFeed> make_file_feed(const std::string& path);
// Reads a recording into memory (replay with seek); throws ClientError naming the line.
std::vector<Event> read_recording(const std::string& path);

}  // namespace tl::client
