// Line index for SourceFile. "\n", "\r\n" and a lone "\r" all end a line, as in
// CPython's tokenizer, so positions agree with what Python reports.
#include "daemon/script/source.h"

#include <algorithm>

namespace tl::script {

SourceFile::SourceFile(std::string_view text, std::string filename)
    : text_(text), filename_(std::move(filename)) {
    // A UTF-8 byte order mark is not part of the program; dropping it here keeps
    // every column on line 1 the same as CPython's.
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i) {
        if (text_[i] == '\r' && i + 1 < text_.size() && text_[i + 1] == '\n') ++i;
        if (text_[i] == '\n' || text_[i] == '\r') {
            if (i + 1 < text_.size()) line_starts_.push_back(i + 1);
        }
    }
}

int SourceFile::line_of(std::size_t offset) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    return static_cast<int>(it - line_starts_.begin());
}

std::size_t SourceFile::line_start(int line) const {
    if (line < 1) return 0;
    if (static_cast<std::size_t>(line) > line_starts_.size()) return text_.size();
    return line_starts_[static_cast<std::size_t>(line) - 1];
}

std::string_view SourceFile::line_text(int line) const {
    if (line < 1 || static_cast<std::size_t>(line) > line_starts_.size()) return {};
    std::size_t begin = line_starts_[static_cast<std::size_t>(line) - 1];
    std::size_t end = begin;
    while (end < text_.size() && text_[end] != '\n' && text_[end] != '\r') ++end;
    return text_.substr(begin, end - begin);
}

}  // namespace tl::script
