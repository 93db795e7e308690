//! Parsers, one module per format. Each turns text into a tree from [`tree`] in which every node
//! keeps its byte span; broken input yields [`ParseIssue`]s and whatever could still be read.
//! Parsers know nothing of rules.

pub mod assignments;
pub mod budget;
pub mod code_assignments;
pub mod dotenv;
pub mod hcl;
pub mod json;
pub mod keyvalue;
pub mod markdown;
pub mod recipes;
pub mod shell;
pub mod spans;
pub mod toml;
pub mod tree;
pub mod ts;
pub mod yaml;

pub use tree::*;

use crate::discover::Format;

/// A parsed file.
#[derive(Debug, Clone)]
pub enum Syntax {
    Data(DataDoc),
    Hcl(HclFile),
    Markdown(MarkdownDoc),
    Dotenv(DotenvFile),
    Shell(ShellScript),
    Recipes(recipes::RecipeFile),
    /// Nothing was parsed (the file was skipped).
    None,
}

impl Syntax {
    /// Parse `text` as `format`.
    pub fn parse(format: Format, text: &str) -> Syntax {
        match format {
            Format::Markdown => Syntax::Markdown(markdown::parse(text)),
            Format::Json => Syntax::Data(json::parse(text)),
            Format::Yaml => Syntax::Data(yaml::parse(text)),
            Format::Toml => Syntax::Data(toml::parse(text)),
            Format::Hcl => Syntax::Hcl(hcl::parse(text)),
            Format::Dotenv => Syntax::Dotenv(dotenv::parse(text)),
            Format::KeyValue => Syntax::Dotenv(keyvalue::parse(text)),
            Format::Shell => Syntax::Shell(shell::parse(text, 0)),
            Format::Makefile => Syntax::Recipes(recipes::parse(text, true)),
            Format::Justfile => Syntax::Recipes(recipes::parse(text, false)),
            Format::Text => Syntax::None,
        }
    }

    /// The problems the parser met.
    pub fn issues(&self) -> &[ParseIssue] {
        match self {
            Syntax::Data(doc) => &doc.issues,
            Syntax::Hcl(file) => &file.issues,
            Syntax::Markdown(doc) => &doc.issues,
            Syntax::Dotenv(file) => &file.issues,
            Syntax::Shell(script) => &script.issues,
            Syntax::Recipes(file) => &file.issues,
            Syntax::None => &[],
        }
    }

    /// Spans of the comments in the file, where the format has them.
    pub fn comments(&self) -> &[Span] {
        match self {
            Syntax::Data(doc) => &doc.comments,
            Syntax::Hcl(file) => &file.comments,
            Syntax::Dotenv(file) => &file.comments,
            Syntax::Shell(script) => &script.comments,
            Syntax::Markdown(_) | Syntax::Recipes(_) | Syntax::None => &[],
        }
    }

    pub fn data(&self) -> Option<&DataDoc> {
        match self {
            Syntax::Data(doc) => Some(doc),
            _ => None,
        }
    }

    pub fn hcl(&self) -> Option<&HclFile> {
        match self {
            Syntax::Hcl(file) => Some(file),
            _ => None,
        }
    }
}
