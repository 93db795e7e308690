//! SQL that destroys data, read as statements of tokens, not as substrings: `DROP DATABASE`,
//! `DROP SCHEMA`, `DROP TABLE`, `TRUNCATE`, and `DELETE FROM t` without a `WHERE`. Text inside
//! string literals, quoted identifiers and comments is not read, so `LIKE 'DROP TABLE%'` and a
//! table named `truncated_payloads` stay quiet.

/// The first destructive statement in `sql`, as shown to users (`DROP TABLE`, `DELETE FROM`
/// without `WHERE`).
pub fn destructive_statement(sql: &str) -> Option<&'static str> {
    for statement in statements(sql) {
        let words: Vec<String> = statement.iter().map(|w| w.to_ascii_uppercase()).collect();
        let word = |i: usize| words.get(i).map(String::as_str).unwrap_or("");
        match word(0) {
            "DROP" => {
                let object = match word(1) {
                    "DATABASE" => "DROP DATABASE",
                    "SCHEMA" => "DROP SCHEMA",
                    "TABLE" => "DROP TABLE",
                    "OWNED" => "DROP OWNED",
                    "KEYSPACE" => "DROP KEYSPACE",
                    "COLLECTION" => "DROP COLLECTION",
                    _ => continue,
                };
                return Some(object);
            }
            "TRUNCATE" => return Some("TRUNCATE"),
            "DELETE" => {
                let has_where = words.iter().any(|w| w == "WHERE");
                if word(1) == "FROM" && !has_where {
                    return Some("DELETE FROM without WHERE");
                }
            }
            _ => {}
        }
    }
    None
}

/// The statements of `sql`, each as its words (keywords and identifiers; literals, quoted
/// identifiers and comments dropped; punctuation splits words).
fn statements(sql: &str) -> Vec<Vec<&str>> {
    let bytes = sql.as_bytes();
    let mut out = vec![Vec::new()];
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\'' | b'"' | b'`' => {
                // A literal or quoted identifier: skip to its end (a doubled quote escapes).
                i += 1;
                while i < bytes.len() {
                    if bytes[i] == b {
                        if bytes.get(i + 1) == Some(&b) {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    if bytes[i] == b'\\' && b == b'\'' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
            }
            b';' => {
                out.push(Vec::new());
                i += 1;
            }
            _ if b.is_ascii_alphanumeric() || b == b'_' || b == b'$' => {
                let start = i;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'$')
                {
                    i += 1;
                }
                if let (Some(words), Some(word)) = (out.last_mut(), sql.get(start..i)) {
                    words.push(word);
                }
            }
            _ => i += 1,
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Redis commands that delete every key: the first word of a command, not an ACL rule such as
/// `-flushall` or a key named `flushdb-log`.
pub fn redis_flush(words: &[&str]) -> Option<&'static str> {
    match words.first().map(|w| w.to_ascii_uppercase()).as_deref() {
        Some("FLUSHALL") => Some("FLUSHALL"),
        Some("FLUSHDB") => Some("FLUSHDB"),
        _ => None,
    }
}

/// MongoDB shell code that drops or empties: `dropDatabase()`, `.drop()`, `deleteMany({})` and
/// `remove({})` with an empty filter.
pub fn mongo_destructive(js: &str) -> Option<&'static str> {
    let compact: String = js.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.contains("dropDatabase(") {
        Some("dropDatabase()")
    } else if compact.contains(".drop()") {
        Some(".drop()")
    } else if compact.contains("deleteMany({})") || compact.contains("deleteMany()") {
        Some("deleteMany({})")
    } else if compact.contains(".remove({})") {
        Some("remove({})")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_not_substrings() {
        assert_eq!(
            destructive_statement("DROP DATABASE app;"),
            Some("DROP DATABASE")
        );
        assert_eq!(
            destructive_statement("drop schema public cascade"),
            Some("DROP SCHEMA")
        );
        assert_eq!(
            destructive_statement("TRUNCATE users, orders"),
            Some("TRUNCATE")
        );
        assert_eq!(
            destructive_statement("DELETE FROM users;"),
            Some("DELETE FROM without WHERE")
        );
        assert_eq!(
            destructive_statement("SELECT 1; DROP TABLE t"),
            Some("DROP TABLE")
        );
        assert_eq!(
            destructive_statement("DELETE FROM sessions WHERE expires < now()"),
            None
        );
        assert_eq!(
            destructive_statement("SELECT * FROM t WHERE name LIKE 'DROP TABLE%'"),
            None
        );
        assert_eq!(
            destructive_statement("SELECT count(*) FROM truncated_payloads"),
            None
        );
        assert_eq!(destructive_statement("-- DROP TABLE x\nSELECT 1"), None);
        assert_eq!(destructive_statement("DROP INDEX idx_users_email"), None);
        assert_eq!(destructive_statement("SELECT 'it''s; DROP TABLE x'"), None);
    }

    #[test]
    fn redis_and_mongo() {
        assert_eq!(redis_flush(&["flushall"]), Some("FLUSHALL"));
        assert_eq!(redis_flush(&["ACL", "SETUSER", "app", "-flushall"]), None);
        assert_eq!(
            mongo_destructive("db.dropDatabase()"),
            Some("dropDatabase()")
        );
        assert_eq!(
            mongo_destructive("db.users.deleteMany( { } )"),
            Some("deleteMany({})")
        );
        assert_eq!(mongo_destructive("db.users.deleteMany({ age: 3 })"), None);
        assert_eq!(mongo_destructive("db.users.find()"), None);
    }
}
