//! A file as the linter sees it: its display path, its text, what kind of file it is, and a line
//! index to turn byte offsets into the line/column positions people and editors use.

use std::sync::OnceLock;

use crate::discover::FileKind;
use crate::syntax::Span;

/// One file read from disk (or from an editor buffer).
#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown to users: relative to the working directory when possible, `/`-separated.
    pub path: String,
    pub text: String,
    pub kind: FileKind,
    /// Built on first use: most files never produce a finding, so most never need it.
    line_index: OnceLock<LineIndex>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>, kind: FileKind) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
            kind,
            line_index: OnceLock::new(),
        }
    }

    pub fn line_index(&self) -> &LineIndex {
        self.line_index.get_or_init(|| LineIndex::new(&self.text))
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.line_index().line_col(&self.text, offset)
    }

    /// The full line (without its newline) that holds `offset`.
    pub fn line_text(&self, offset: usize) -> &str {
        let index = self.line_index();
        let line = index.line_of(offset);
        index.line_span(line, &self.text).slice(&self.text)
    }
}

/// Byte offsets of line starts.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 0-based line number of a byte offset (offsets past the end map to the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The span of 0-based `line`, without its line terminator.
    pub fn line_span(&self, line: usize, text: &str) -> Span {
        let start = self.starts.get(line).copied().unwrap_or(text.len());
        let mut end = self
            .starts
            .get(line + 1)
            .map(|next| next - 1)
            .unwrap_or(text.len());
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Span::new(start.min(text.len()), end.min(text.len()))
    }

    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// 1-based line and character column.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = clamp_to_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.starts.get(line).copied().unwrap_or(0).min(offset);
        let column = text.get(start..offset).map_or(0, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// 0-based line and UTF-16 code-unit column, as the Language Server Protocol counts.
    pub fn utf16_position(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = clamp_to_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.starts.get(line).copied().unwrap_or(0).min(offset);
        let column: usize = text
            .get(start..offset)
            .map_or(0, |s| s.chars().map(char::len_utf16).sum());
        (to_u32(line), to_u32(column))
    }

    /// The byte offset of a 0-based line and UTF-16 column; columns past the line's end clamp to it.
    pub fn offset_of_utf16(&self, text: &str, line: u32, column: u32) -> usize {
        let Some(start) = self.starts.get(line as usize).copied() else {
            return text.len();
        };
        let end = self.line_span(line as usize, text).end;
        let mut units = 0usize;
        for (i, ch) in text.get(start..end).unwrap_or("").char_indices() {
            if units >= column as usize {
                return start + i;
            }
            units += ch.len_utf16();
        }
        end
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
}

/// The largest character boundary not after `offset`.
pub fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "ab\nçd€x\r\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), (1, 1));
        assert_eq!(index.line_col(text, 3), (2, 1));
        // `x` is after `ç` (2 bytes), `d`, `€` (3 bytes): byte 3 + 6 = 9, character column 4.
        assert_eq!(index.line_col(text, 9), (2, 4));
        assert_eq!(index.line_col(text, text.len()), (3, 5));
        assert_eq!(index.line_span(1, text).slice(text), "çd€x");
    }

    #[test]
    fn utf16_round_trips() {
        let text = "a😀b\nz";
        let index = LineIndex::new(text);
        let b = text.find('b').unwrap_or_default();
        assert_eq!(index.utf16_position(text, b), (0, 3));
        assert_eq!(index.offset_of_utf16(text, 0, 3), b);
        assert_eq!(index.offset_of_utf16(text, 1, 9), text.len());
    }

    #[test]
    fn offsets_inside_a_character_clamp_back() {
        let text = "€";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 1), (1, 1));
    }
}
