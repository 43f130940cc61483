// The retained events of one session, for subscribers that attach late (`fromSeq`):
// the last N events or B bytes of their JSON, whichever bound is hit first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>

namespace tl::session {

class EventHistory {
public:
    struct Entry {
        uint64_t seq;
        std::string kind;
        std::string task;
        std::string json;
    };

    explicit EventHistory(size_t max_events = 1'000'000, size_t max_bytes = 64u << 20)
        : max_events_(max_events), max_bytes_(max_bytes) {}

    void push(uint64_t seq, std::string_view kind, std::string_view task, std::string json) {
        bytes_ += json.size() + kind.size() + task.size() + sizeof(Entry);
        entries_.push_back(Entry{seq, std::string(kind), std::string(task), std::move(json)});
        while (!entries_.empty() && (entries_.size() > max_events_ || bytes_ > max_bytes_)) {
            const Entry& e = entries_.front();
            bytes_ -= e.json.size() + e.kind.size() + e.task.size() + sizeof(Entry);
            entries_.pop_front();
        }
    }
    // The oldest retained seq; when nothing is retained, the next seq to come.
    uint64_t earliest_seq(uint64_t last_seq) const { return entries_.empty() ? last_seq + 1 : entries_.front().seq; }
    const std::deque<Entry>& entries() const { return entries_; }

private:
    size_t max_events_;
    size_t max_bytes_;
    size_t bytes_ = 0;
    std::deque<Entry> entries_;
};

}  // namespace tl::session
