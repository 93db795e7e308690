//! `lints/` is generated from the rule declarations. This test fails when it is stale; run
//! `AGENTLINT_BLESS=1 cargo test --test suite catalogue` to regenerate it.

use crate::common;

use agentlint::rules;

#[test]
fn lints_directory_is_current() {
    let dir = common::root().join("lints");
    let pages = rules::docs::catalogue_pages();
    if std::env::var_os("AGENTLINT_BLESS").is_some() {
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("mkdir: {e}"));
        for (name, text) in &pages {
            std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("write: {e}"));
        }
    }
    let mut stale = Vec::new();
    for (name, text) in &pages {
        let on_disk = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        if &on_disk != text {
            stale.push(name.clone());
        }
    }
    let expected: Vec<&String> = pages.iter().map(|(n, _)| n).collect();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !expected.contains(&&name) {
            stale.push(format!("{name} (no such rule)"));
        }
    }
    assert!(
        stale.is_empty(),
        "lints/ is stale: {stale:?}; run `AGENTLINT_BLESS=1 cargo test --test suite catalogue`"
    );
}

#[test]
fn ids_and_names_are_unique_and_well_formed() {
    let catalogue = rules::catalogue();
    let mut ids: Vec<&str> = catalogue.iter().map(|m| m.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), catalogue.len());
    for meta in &catalogue {
        assert!(
            meta.id.len() == 5 && meta.id.starts_with("AL"),
            "{}",
            meta.id
        );
        assert!(
            meta.id[2..].chars().all(|c| c.is_ascii_digit()),
            "{}",
            meta.id
        );
        assert!(
            meta.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            meta.name
        );
        assert_eq!(rules::lookup(meta.name).map(|m| m.id), Some(meta.id));
        assert_eq!(
            rules::lookup(&meta.id.to_lowercase()).map(|m| m.id),
            Some(meta.id)
        );
    }
}
