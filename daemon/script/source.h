// A scenario's source text plus a line index, shared by the lexer, the parser and
// diagnostics so that every stage can turn a byte offset into a line and column.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tl::script {

// Non-owning: the caller keeps the text alive for as long as the SourceFile.
// A leading UTF-8 BOM is skipped: offsets count from just after it.
class SourceFile {
public:
    SourceFile(std::string_view text, std::string filename);

    std::string_view text() const { return text_; }
    const std::string& filename() const { return filename_; }

    // 1-based line number of the line holding byte `offset`.
    int line_of(std::size_t offset) const;
    // Byte offset where 1-based `line` starts (text().size() past the last line).
    std::size_t line_start(int line) const;
    // The text of 1-based `line` without its line terminator.
    std::string_view line_text(int line) const;
    int line_count() const { return static_cast<int>(line_starts_.size()); }

private:
    std::string_view text_;
    std::string filename_;
    std::vector<std::size_t> line_starts_;
};

}  // namespace tl::script
