//! Edits of JSON settings files by span, so that the rest of the file — its order, indentation
//! and any comments a JSONC reader allows — stays byte for byte: replace a value, take an item
//! out of an array, put one at the front of an array, add an entry at the top of an object.

use crate::diagnostic::{Edit, FileId};
use crate::syntax::{Node, Span, Value};

/// `span` (a value, quotes included) becomes `json`.
pub fn replace(file: FileId, span: Span, json: &str) -> Edit {
    Edit {
        file,
        span,
        replacement: json.to_string(),
    }
}

/// Item `index` of `array` removed with its separating comma: up to the next item, or, for the
/// last item, from the end of the previous one. Only in a bracketed list (JSON, TOML, a YAML
/// flow list): a YAML block list (`- item`) is left for a human.
pub fn remove_item(file: FileId, text: &str, array: &Node, index: usize) -> Option<Edit> {
    if !array.span.slice(text).starts_with('[') {
        return None;
    }
    let items = array.items();
    let item = items.get(index)?;
    let span = match (
        items.get(index + 1),
        index.checked_sub(1).and_then(|i| items.get(i)),
    ) {
        (Some(next), _) => Span::new(item.span.start, next.span.start),
        (None, Some(previous)) => Span::new(previous.span.end, item.span.end),
        (None, None) => item.span,
    };
    Some(Edit {
        file,
        span,
        replacement: String::new(),
    })
}

/// `json` as the first item of `array`.
pub fn prepend_item(file: FileId, array: &Node, json: &str) -> Option<Edit> {
    if !matches!(array.value, Value::Seq(_)) {
        return None;
    }
    let at = array.span.start + 1;
    let replacement = if array.items().is_empty() {
        json.to_string()
    } else {
        format!("{json}, ")
    };
    Some(Edit {
        file,
        span: Span::new(at, at),
        replacement,
    })
}

/// `json` as the last item of a bracketed `array` (JSON, TOML or a YAML flow list), after its last
/// item on the same line.
pub fn append_item(file: FileId, text: &str, array: &Node, json: &str) -> Option<Edit> {
    if !matches!(array.value, Value::Seq(_)) || !array.span.slice(text).starts_with('[') {
        return None;
    }
    let (at, replacement) = match array.items().last() {
        Some(last) => (last.span.end, format!(", {json}")),
        None => (array.span.start + 1, json.to_string()),
    };
    Some(Edit {
        file,
        span: Span::new(at, at),
        replacement,
    })
}

/// `"key": json` as the first entry of `object`, on its own line in the indentation of the
/// object's entries (or one step deeper than the object when it is empty).
pub fn add_entry(file: FileId, text: &str, object: &Node, key: &str, json: &str) -> Option<Edit> {
    let Value::Map(entries) = &object.value else {
        return None;
    };
    let at = object.span.start + 1;
    let indent = match entries.first() {
        Some(first) => line_indent(text, first.key_span.start),
        None => format!("{}  ", line_indent(text, object.span.start)),
    };
    let key = serde_json::to_string(key).ok()?;
    let comma = if entries.is_empty() { "" } else { "," };
    Some(Edit {
        file,
        span: Span::new(at, at),
        replacement: format!("\n{indent}{key}: {json}{comma}"),
    })
    .filter(|_| text.as_bytes().get(object.span.start) == Some(&b'{'))
}

/// The blanks that start the line holding byte `at`.
fn line_indent(text: &str, at: usize) -> String {
    let start = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    text[start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::json;

    fn apply(text: &str, edit: Edit) -> String {
        format!(
            "{}{}{}",
            &text[..edit.span.start],
            edit.replacement,
            &text[edit.span.end..]
        )
    }

    fn root(text: &str) -> Node {
        json::parse(text)
            .roots
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no root"))
    }

    #[test]
    fn items_leave_arrays_well_formed() {
        let text = r#"{"allow": ["a", "b", "c"]}"#;
        let doc = root(text);
        let allow = doc.get("allow").unwrap_or_else(|| panic!("allow"));
        let first = remove_item(0, text, allow, 0).unwrap_or_else(|| panic!("edit"));
        assert_eq!(apply(text, first), r#"{"allow": ["b", "c"]}"#);
        let last = remove_item(0, text, allow, 2).unwrap_or_else(|| panic!("edit"));
        assert_eq!(apply(text, last), r#"{"allow": ["a", "b"]}"#);
        let front = prepend_item(0, allow, "\"z\"").unwrap_or_else(|| panic!("edit"));
        assert_eq!(apply(text, front), r#"{"allow": ["z", "a", "b", "c"]}"#);
        let only = r#"{"allow": ["a"], "ask": []}"#;
        let doc = root(only);
        let edit = remove_item(
            0,
            only,
            doc.get("allow").unwrap_or_else(|| panic!("allow")),
            0,
        );
        assert_eq!(
            apply(only, edit.unwrap_or_else(|| panic!("edit"))),
            r#"{"allow": [], "ask": []}"#
        );
        let edit = prepend_item(0, doc.get("ask").unwrap_or_else(|| panic!("ask")), "\"a\"");
        assert_eq!(
            apply(only, edit.unwrap_or_else(|| panic!("edit"))),
            r#"{"allow": ["a"], "ask": ["a"]}"#
        );
    }

    #[test]
    fn entries_take_the_object_indentation() {
        let text = "{\n  \"permissions\": {\n    \"allow\": []\n  }\n}\n";
        let doc = root(text);
        let permissions = doc
            .get("permissions")
            .unwrap_or_else(|| panic!("permissions"));
        let edit = add_entry(0, text, permissions, "deny", "[\"Read(./.env)\"]")
            .unwrap_or_else(|| panic!("edit"));
        assert_eq!(
            apply(text, edit),
            "{\n  \"permissions\": {\n    \"deny\": [\"Read(./.env)\"],\n    \"allow\": []\n  }\n}\n"
        );
    }
}
