// The three EventFeeds (event_feed.h). The session feed unpacks `session/event` batches
// and lifecycle notifications (protocol/PROTOCOL.md "Notifications from the daemon");
// the local feed turns the child's JSON lines and exit status into the same items.
#include "client/event_feed.h"

#include "client/json_reader.h"
#include "client/render/jsonl.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <cstring>
#include <fstream>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tl::client {

Json EventFeed::call(const std::string& method, Json) {
    throw ClientError(method + " needs a live daemon session; this view cannot steer");
}

namespace {

class SessionFeed : public EventFeed {
public:
    SessionFeed(std::unique_ptr<Connection> conn, std::string session, Json already_exited)
        : conn_(std::move(conn)), session_(std::move(session)), already_exited_(std::move(already_exited)) {
        if (already_exited_.is_object() && already_exited_.value("lastSeq", 0L) == 0) finish_exited();
    }

    std::optional<FeedItem> next(int timeout_ms) override {
        for (;;) {
            // The current batch's events first: each moved out as it is handed over, so no
            // queue of items is built per event. A batch is unpacked only once pending_
            // has drained, so the two never interleave out of order.
            if (batch_) {
                if (batch_pos_ < batch_->events.size()) {
                    Event& e = batch_->events[batch_pos_++];
                    std::int64_t seq = e.seq;
                    FeedItem item(FeedItem::Kind::event, batch_->session, Json(), std::move(e));
                    if (already_exited_.is_object() && seq >= already_exited_.value("lastSeq", 0L)) {
                        finish_exited();  // the retained events end here
                        batch_.reset();
                    }
                    return item;
                }
                if (batch_ && batch_.use_count() == 1) conn_->recycle(std::move(batch_));
                batch_.reset();
            }
            if (!pending_.empty()) {
                FeedItem item = std::move(pending_.front());
                pending_.pop_front();
                return item;
            }
            if (ended_) return std::nullopt;
            auto note = conn_->next_notification(timeout_ms);
            if (!note) {
                if (conn_->closed()) {
                    ended_ = true;
                    pending_.push_back({FeedItem::Kind::exited, session_,
                                        Json{{"status", "error"}, {"exc", nullptr}, {"error", "the daemon closed the connection"}}});
                    continue;
                }
                return std::nullopt;
            }
            unpack(std::move(*note));
        }
    }
    bool ended() const override { return ended_ && pending_.empty() && !batch_; }
    bool can_steer() const override { return true; }
    std::string session() const override { return session_; }
    int fd() const override {
        return conn_->has_queued() || batch_ || !pending_.empty() ? -1 : conn_->fd();
    }
    Json call(const std::string& method, Json params) override {
        Json result = conn_->request(method, std::move(params));
        return result;
    }

private:
    // Moves the events out of the batch: each is read once, never copied.
    void unpack(Notification&& note) {
        const std::string& method = note.method;
        Json& params = note.params;
        std::string session = note.events ? note.events->session
                              : params.is_object() ? params.value("session", "") : "";
        // A single-session feed ignores the others (a client may see several).
        if (!session_.empty() && session_ != "*" && !session.empty() && session != session_) return;
        if (note.events) {
            batch_ = std::move(note.events);
            batch_pos_ = 0;
        } else if (method == "session/event") {
            // A batch the fast reader declined (json_reader.h): the same events from the Json.
            if (params.is_object() && params.contains("events") && params["events"].is_array())
                for (auto& e : params["events"]) push_event(session, Event::from_json(canonical_order(std::move(e))));
        } else if (method == "session/stopped") {
            pending_.push_back({FeedItem::Kind::stopped, session, params});
        } else if (method == "session/continued") {
            pending_.push_back({FeedItem::Kind::continued, session, params});
        } else if (method == "session/output") {
            pending_.push_back({FeedItem::Kind::output, session, params});
        } else if (method == "session/eventsDropped") {
            pending_.push_back({FeedItem::Kind::dropped, session, params});
        } else if (method == "session/exited") {
            pending_.push_back({FeedItem::Kind::exited, session, params});
            if (session_ != "*") ended_ = true;
        }
    }
    void push_event(const std::string& session, Event&& e) {
        long seq = e.seq;
        pending_.push_back({FeedItem::Kind::event, session, Json(), std::move(e)});
        if (already_exited_.is_object() && seq >= already_exited_.value("lastSeq", 0L)) finish_exited();
    }
    void finish_exited() {
        Json x = already_exited_.contains("exit") && already_exited_["exit"].is_object() ? already_exited_["exit"]
                                                                                        : Json{{"status", "finished"}};
        pending_.push_back({FeedItem::Kind::exited, session_, x});
        ended_ = true;
        already_exited_ = Json();
    }
    std::unique_ptr<Connection> conn_;
    std::string session_;
    Json already_exited_;
    std::deque<FeedItem> pending_;
    std::shared_ptr<EventBatch> batch_;  // the events being handed out, from batch_pos_
    size_t batch_pos_ = 0;
    bool ended_ = false;
};

class LocalRunFeed : public EventFeed {
public:
    LocalRunFeed(const std::string& daemon, const std::vector<std::string>& args) {
        int p[2];
        if (::pipe2(p, O_CLOEXEC) != 0) throw ClientError("pipe: " + std::string(std::strerror(errno)));
        pid_ = ::fork();
        if (pid_ < 0) throw ClientError("fork: " + std::string(std::strerror(errno)));
        if (pid_ == 0) {
            ::dup2(p[1], 1);
            std::vector<char*> argv;
            std::vector<std::string> all = {daemon, "run", "--format", "jsonl"};
            all.insert(all.end(), args.begin(), args.end());
            for (auto& a : all) argv.push_back(const_cast<char*>(a.c_str()));
            argv.push_back(nullptr);
            ::execvp(argv[0], argv.data());
            std::fprintf(stderr, "tasklens: cannot start %s: %s\n", daemon.c_str(), std::strerror(errno));
            ::_exit(127);
        }
        ::close(p[1]);
        fd_ = p[0];
    }
    ~LocalRunFeed() override {
        if (fd_ >= 0) ::close(fd_);
        if (pid_ > 0 && !reaped_) {
            ::kill(pid_, SIGTERM);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    std::optional<FeedItem> next(int timeout_ms) override {
        for (;;) {
            if (!pending_.empty()) {
                FeedItem item = std::move(pending_.front());
                pending_.pop_front();
                return item;
            }
            if (eof_) return std::nullopt;
            pollfd p{fd_, POLLIN, 0};
            int rc = ::poll(&p, 1, timeout_ms);
            if (rc == 0) return std::nullopt;
            if (rc < 0 && errno == EINTR) continue;
            char buf[65536];
            ssize_t n = ::read(fd_, buf, sizeof buf);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                finish();
                continue;
            }
            buffer_.append(buf, static_cast<size_t>(n));
            size_t start = 0, nl;
            while ((nl = buffer_.find('\n', start)) != std::string::npos) {
                auto line = std::make_shared<const std::string>(buffer_, start, nl - start);
                start = nl + 1;
                auto e = read_event(line, false);
                if (!e) continue;
                if (e->kind == EventKind::exit) exit_ = e->json();
                pending_.push_back({FeedItem::Kind::event, "", Json(), std::move(*e)});
            }
            buffer_.erase(0, start);
        }
    }
    bool ended() const override { return eof_ && pending_.empty(); }
    int fd() const override { return pending_.empty() && !eof_ ? fd_ : -1; }

private:
    void finish() {
        eof_ = true;
        int status = 0;
        ::waitpid(pid_, &status, 0);
        reaped_ = true;
        Json params = {{"status", "error"}, {"exc", nullptr}, {"error", nullptr}};
        if (!exit_.is_null()) {
            params["status"] = exit_.value("status", "error");
            params["exc"] = exit_.contains("exc") ? exit_["exc"] : Json();
        } else if (WIFEXITED(status) && WEXITSTATUS(status) == 2) {
            params["error"] = "the scenario could not run";
            params["usage"] = true;
        } else {
            params["error"] = "tasklensd run ended without an exit event";
        }
        pending_.push_back({FeedItem::Kind::exited, "", params});
    }
    pid_t pid_ = -1;
    int fd_ = -1;
    bool eof_ = false, reaped_ = false;
    std::string buffer_;
    std::deque<FeedItem> pending_;
    Json exit_;
};

class FileFeed : public EventFeed {
public:
    explicit FileFeed(std::vector<Event> events) : events_(std::move(events)) {}
    std::optional<FeedItem> next(int) override {
        if (pos_ < events_.size()) return FeedItem{FeedItem::Kind::event, "", Json(), events_[pos_++]};
        if (!done_) {
            done_ = true;
            Json params = {{"status", "recorded"}, {"exc", nullptr}, {"error", nullptr}};
            for (auto& ev : events_)
                if (ev.kind == EventKind::exit) {
                    const Json& e = ev.json();
                    params = {{"status", e.value("status", "")}, {"exc", e["exc"]}, {"error", nullptr}};
                }
            return FeedItem{FeedItem::Kind::exited, "", params};
        }
        return std::nullopt;
    }
    bool ended() const override { return done_; }

private:
    std::vector<Event> events_;
    size_t pos_ = 0;
    bool done_ = false;
};

}  // namespace

std::unique_ptr<EventFeed> make_session_feed(std::unique_ptr<Connection> conn, std::string session,
                                             Json already_exited) {
    return std::make_unique<SessionFeed>(std::move(conn), std::move(session), std::move(already_exited));
}

std::unique_ptr<EventFeed> make_local_run_feed(const std::string& daemon, const std::vector<std::string>& args) {
    return std::make_unique<LocalRunFeed>(daemon, args);
}

std::vector<Event> read_recording(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw ClientError("cannot open " + path);
    std::vector<Event> events;
    std::string line;
    size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        auto e = read_event(std::make_shared<const std::string>(std::move(line)), false);
        if (!e) throw ClientError(path + ":" + std::to_string(number) + ": not a JSON event");
        events.push_back(std::move(*e));
        line.clear();
    }
    return events;
}

std::unique_ptr<EventFeed> make_file_feed(const std::string& path) {
    return std::make_unique<FileFeed>(read_recording(path));
}

}  // namespace tl::client
