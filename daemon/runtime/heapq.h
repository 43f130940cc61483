// A port of CPython's heapq push/pop/heapify (Lib/heapq.py; _heapqmodule.c does the
// same). Timers that share a deadline come out in heapq's order, not FIFO, so the
// sift steps must be exactly CPython's: heappop moves the hole to a leaf first.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace tl::rt::heapq {

// Mirrors heapq._siftdown: move heap[pos] up towards start while it is < its parent.
template <class T, class Less>
void siftdown(std::vector<T>& heap, size_t startpos, size_t pos, Less less) {
    T newitem = std::move(heap[pos]);
    while (pos > startpos) {
        size_t parentpos = (pos - 1) >> 1;
        if (less(newitem, heap[parentpos])) {
            heap[pos] = std::move(heap[parentpos]);
            pos = parentpos;
            continue;
        }
        break;
    }
    heap[pos] = std::move(newitem);
}

// Mirrors heapq._siftup: bubble the smaller child up until a leaf, then siftdown.
template <class T, class Less>
void siftup(std::vector<T>& heap, size_t pos, Less less) {
    size_t endpos = heap.size();
    size_t startpos = pos;
    T newitem = std::move(heap[pos]);
    size_t childpos = 2 * pos + 1;
    while (childpos < endpos) {
        size_t rightpos = childpos + 1;
        if (rightpos < endpos && !less(heap[childpos], heap[rightpos])) childpos = rightpos;
        heap[pos] = std::move(heap[childpos]);
        pos = childpos;
        childpos = 2 * pos + 1;
    }
    heap[pos] = std::move(newitem);
    siftdown(heap, startpos, pos, less);
}

template <class T, class Less>
void push(std::vector<T>& heap, T item, Less less) {
    heap.push_back(std::move(item));
    siftdown(heap, 0, heap.size() - 1, less);
}

template <class T, class Less>
T pop(std::vector<T>& heap, Less less) {
    T last = std::move(heap.back());
    heap.pop_back();
    if (!heap.empty()) {
        T ret = std::move(heap[0]);
        heap[0] = std::move(last);
        siftup(heap, 0, less);
        return ret;
    }
    return last;
}

template <class T, class Less>
void heapify(std::vector<T>& heap, Less less) {
    size_t n = heap.size();
    for (size_t i = n / 2; i-- > 0;) siftup(heap, i, less);
}

}  // namespace tl::rt::heapq
