//! Byte-window helpers that never cut a UTF-8 character, so no input can make slicing panic.

/// The largest char boundary `<= i` (clamped to the text).
pub(crate) fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary `>= i` (clamped to the text).
pub(crate) fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// `text[start..end]` widened to char boundaries, with its actual start offset.
pub(crate) fn window(text: &str, start: usize, end: usize) -> (usize, &str) {
    let s = floor_boundary(text, start);
    let e = ceil_boundary(text, end).max(s);
    (s, text.get(s..e).unwrap_or(""))
}

/// Whether the byte at `i` exists and is an ASCII letter or digit: a token must not be glued to one.
pub(crate) fn alnum_at(text: &str, i: usize) -> bool {
    text.as_bytes()
        .get(i)
        .is_some_and(u8::is_ascii_alphanumeric)
}

/// Whether the token at `[start, end)` stands alone: no letter or digit right before or after it.
pub(crate) fn standalone(text: &str, start: usize, end: usize) -> bool {
    let glued_before = start > 0 && alnum_at(text, start - 1);
    !glued_before && !alnum_at(text, end)
}

/// ASCII case-insensitive search for `needle` (lower-case) in `hay`.
pub(crate) fn contains_ci(hay: &str, needle: &str) -> bool {
    let n = needle.as_bytes();
    if n.is_empty() {
        return true;
    }
    hay.as_bytes()
        .windows(n.len())
        .any(|w| w.eq_ignore_ascii_case(n))
}

/// Byte class of identifier characters in variable names.
pub(crate) fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}
