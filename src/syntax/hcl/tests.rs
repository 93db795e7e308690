//! The HCL parser's tests: both paths on the same inputs, recovery, limits and spans.

use super::*;
use crate::syntax::tree::{
    HclAttribute, HclBody, HclExpr, HclExprKind, HclFile, ParseIssue, Span, TemplatePart, MAX_DEPTH,
};
use crate::syntax::ts::MAX_ISSUES;

/// The span of the only occurrence of `needle` in `text` (panics in tests if absent or repeated).
fn at(text: &str, needle: &str) -> Span {
    let start = text.find(needle).expect("needle present");
    assert_eq!(
        text.rfind(needle),
        Some(start),
        "needle {needle:?} is not unique"
    );
    Span::new(start, start + needle.len())
}

fn attr<'a>(body: &'a HclBody, name: &str) -> &'a HclAttribute {
    body.attribute(name).expect("attribute present")
}

fn str_value(expr: &HclExpr) -> (&str, Span) {
    match &expr.kind {
        HclExprKind::Str { value, content } => (value, *content),
        other => panic!("expected Str, got {other:?}"),
    }
}

fn reference(parts: &[&str]) -> HclExprKind {
    HclExprKind::Reference(parts.iter().map(|s| s.to_string()).collect())
}

fn clean(text: &str) -> HclFile {
    let f = parse(text);
    assert!(f.issues.is_empty(), "unexpected issues: {:?}", f.issues);
    f
}

const DB: &str = r#"resource "aws_db_instance" "main" {
  deletion_protection = false
  skip_final_snapshot = var.skip
  lifecycle {
prevent_destroy = true
  }
}
"#;

/// Parses with both paths, asserts the fast path accepted the input and agrees exactly with
/// tree-sitter, and returns the tree.
fn both(text: &str) -> HclFile {
    let slow = parse_tree_sitter(text);
    assert!(
        slow.issues.is_empty(),
        "tree-sitter issues: {:?}",
        slow.issues
    );
    let fast = parse_fast(text).expect("fast path accepts valid input");
    assert_eq!(fast, slow, "paths differ on {text:?}");
    fast
}

#[test]
fn fast_path_agrees_on_tricky_constructs() {
    let cases = [
        DB,
        "policy = <<EOF\n{\n  \"Action\": \"*\" # not a comment\n}\nEOF\n",
        "x = <<-EOT\n    a ${var.b}\n      c // no comment\n    EOT\n",
        "x = <<EOF\nbody\nEOF",
        "x = <<EOF\nEOF\n",
        "t = \"pre ${var.a} mid %{ if var.on }yes${x}%{ else }no%{ endif } post\"\n",
        "t = \"%{ for k, v in var.m }${k}=${v},%{ endfor }\"\n",
        "t = \"${~ var.a ~}\"\ne = \"\"\ns = \"a\\\"b\\\\c\\u00e9 $${lit} %%{lit}\"\n",
        "l = [for s in var.l : upper(s) if s != \"\"]\nm = {for k, v in var.m : k => v...}\n",
        "a = aws_instance.web[*].id\nb = var.x.*.y\nc = var.x[0][\"k\"].y\nd = x.0\ne = var.list[count.index]\n",
        "c = var.a ? \"x\" : null\nd = (var.z)\ne = (var.a).b\nf = -1\ng = !var.b\nh = 1 + 2 * 3\n",
        "o = { a = 1, \"b-c\" = 2, (var.k) = 3, d : null, \"${x}\" = 4, e.f = 5 }\n",
        "o = {\n  a = 1 # trailing\n  b = 2\n}\n",
        "f = merge(local.a, { x = 1 }, [1, 2]...)\ng = jsonencode({})\nh = provider::aws::arn_parse(\"x\")\n",
        "n = [1, 2.5, 1.5e3, 0.5E-2, 42]\nz = null\nt = true\nu = false\n",
        "a \"b\" c {\n  d {\n    e {\n      f = 1\n    }\n  }\n}\none { x = 1 }\nempty {}\n",
        "# hash\n// slashes\n/* block\n comment */\na = [ # inside\n  1, /* mid */ 2 ]\nb = x + /* op */ y\nc = \"# no\" // yes\n",
        "resource \"x\" \"y\" {\r\n  enabled = true # c\r\n  name = \"n\"\r\n  h = <<EOF\r\nline\r\nEOF\r\n}\r\n",
        "\u{feff}# c\nresource \"x\" \"y\" {\n  a = 1\n}\n",
        "a = 1",
        "",
    ];
    for case in cases {
        both(case);
    }
}

#[test]
fn fast_path_declines_broken_and_ambiguous_input() {
    for text in [
        "resource \"a\" \"b\" {\n  x = 1\n",
        "a = [1, 2\nb = 3\n",
        "a = 1\na = 2\n",
        "{\n  \"region\": \"x\"\n}\n",
        "k = \"a/$$${var.x}\"\n",
    ] {
        assert!(parse_fast(text).is_none(), "{text:?}");
    }
    // Duplicate attributes are valid for tree-sitter: the fallback still converts them.
    assert_eq!(parse("a = 1\na = 2\n").body.attributes.len(), 2);
}

#[test]
fn fast_path_reads_chained_conditionals_right_associatively() {
    // tree-sitter-hcl nests `a ? b : c ? d : e` as `(a ? b : c) ? d : e`; HCL evaluates
    // `a ? b : (c ? d : e)`, which is what the fast path (and so `parse`) returns.
    let t = "x = a ? b : c ? d : e\n";
    let f = parse(t);
    let HclExprKind::Conditional {
        condition,
        otherwise,
        ..
    } = &attr(&f.body, "x").expr.kind
    else {
        panic!("conditional expected")
    };
    assert_eq!(condition.kind, reference(&["a"]));
    assert_eq!(otherwise.span, at(t, "c ? d : e"));
}

#[test]
fn resource_with_nested_lifecycle() {
    let f = clean(DB);
    assert_eq!(f.body.blocks.len(), 1);
    let b = &f.body.blocks[0];
    assert_eq!(b.kind, "resource");
    assert_eq!(b.kind_span, Span::new(0, 8));
    assert_eq!(
        b.labels,
        vec![
            ("aws_db_instance".to_string(), Span::new(10, 25)),
            ("main".to_string(), Span::new(28, 32)),
        ]
    );
    assert_eq!(b.span, Span::new(0, DB.len() - 1));
    let dp = attr(&b.body, "deletion_protection");
    assert_eq!(dp.name_span, at(DB, "deletion_protection"));
    assert_eq!(dp.span, at(DB, "deletion_protection = false"));
    assert_eq!(dp.expr.kind, HclExprKind::Bool(false));
    assert_eq!(dp.expr.span, at(DB, "false"));
    let skip = attr(&b.body, "skip_final_snapshot");
    assert_eq!(skip.expr.kind, reference(&["var", "skip"]));
    assert_eq!(skip.expr.span, at(DB, "var.skip"));
    let lc = b.body.blocks_of("lifecycle").next().expect("lifecycle");
    assert!(lc.labels.is_empty());
    assert_eq!(lc.kind_span, at(DB, "lifecycle"));
    let pd = attr(&lc.body, "prevent_destroy");
    assert_eq!(pd.expr.kind, HclExprKind::Bool(true));
    assert_eq!(pd.expr.span, at(DB, "true"));
    assert!(f.comments.is_empty());
}

#[test]
fn provider_with_literal_key() {
    let t = "provider \"aws\" {\n  region     = \"us-east-1\"\n  access_key = \"AKIAIOSFODNN7EXAMPLE\"\n}\n";
    let f = clean(t);
    let p = &f.body.blocks[0];
    assert_eq!(p.kind, "provider");
    assert_eq!(p.labels, vec![("aws".to_string(), Span::new(10, 13))]);
    let key = attr(&p.body, "access_key");
    let (value, content) = str_value(&key.expr);
    assert_eq!(value, "AKIAIOSFODNN7EXAMPLE");
    assert_eq!(content, at(t, "AKIAIOSFODNN7EXAMPLE"));
    assert_eq!(key.expr.span, at(t, "\"AKIAIOSFODNN7EXAMPLE\""));
}

#[test]
fn terraform_backend_s3() {
    let t = "terraform {\n  backend \"s3\" {\n    bucket = \"state-bucket\"\n    key    = \"prod/terraform.tfstate\"\n    encrypt = true\n  }\n}\n";
    let f = clean(t);
    let tf = &f.body.blocks[0];
    assert_eq!(tf.kind, "terraform");
    let backend = &tf.body.blocks[0];
    assert_eq!(backend.kind, "backend");
    assert_eq!(backend.labels, vec![("s3".to_string(), at(t, "s3"))]);
    assert_eq!(
        str_value(&attr(&backend.body, "bucket").expr).0,
        "state-bucket"
    );
    let (key, key_content) = str_value(&attr(&backend.body, "key").expr);
    assert_eq!(key, "prod/terraform.tfstate");
    assert_eq!(key_content, at(t, "prod/terraform.tfstate"));
    assert_eq!(
        attr(&backend.body, "encrypt").expr.kind,
        HclExprKind::Bool(true)
    );
}

#[test]
fn module_with_arguments() {
    let t = r#"module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"
  cidr    = var.cidr
  azs     = ["eu-west-1a", "eu-west-1b"]
  count   = 2
  tags    = merge(local.tags, { Name = "vpc" })
}
"#;
    let f = clean(t);
    let m = &f.body.blocks[0];
    assert_eq!(m.kind, "module");
    assert_eq!(m.labels[0].0, "vpc");
    assert_eq!(
        str_value(&attr(&m.body, "source").expr),
        (
            "terraform-aws-modules/vpc/aws",
            at(t, "terraform-aws-modules/vpc/aws")
        )
    );
    assert_eq!(
        attr(&m.body, "count").expr.kind,
        HclExprKind::Num("2".into())
    );
    let HclExprKind::Tuple(azs) = &attr(&m.body, "azs").expr.kind else {
        panic!("tuple expected")
    };
    assert_eq!(azs.len(), 2);
    assert_eq!(str_value(&azs[1]), ("eu-west-1b", at(t, "eu-west-1b")));
    let HclExprKind::Call { name, args } = &attr(&m.body, "tags").expr.kind else {
        panic!("call expected")
    };
    assert_eq!(name, "merge");
    assert_eq!(args[0].kind, reference(&["local", "tags"]));
    let HclExprKind::Object(items) = &args[1].kind else {
        panic!("object expected")
    };
    assert_eq!(items[0].key, "Name");
    assert_eq!(items[0].key_span, at(t, "Name"));
    assert_eq!(str_value(&items[0].value).0, "vpc");
}

#[test]
fn variable_with_default() {
    let t = "variable \"env\" {\n  type    = string\n  default = \"dev\"\n  sensitive = false\n}\nvariable \"m\" {\n  default = { \"a-b\" = 1, c : null, (var.k) = 2 }\n}\n";
    let f = clean(t);
    let v = &f.body.blocks[0];
    assert_eq!(v.labels[0].0, "env");
    assert_eq!(attr(&v.body, "type").expr.kind, reference(&["string"]));
    assert_eq!(
        str_value(&attr(&v.body, "default").expr),
        ("dev", at(t, "dev"))
    );
    let HclExprKind::Object(items) = &attr(&f.body.blocks[1].body, "default").expr.kind else {
        panic!("object expected")
    };
    let keys: Vec<(&str, Span)> = items.iter().map(|i| (i.key.as_str(), i.key_span)).collect();
    let c = at(t, "c :").start;
    assert_eq!(
        keys,
        vec![
            ("a-b", at(t, "a-b")),
            ("c", Span::new(c, c + 1)),
            ("(var.k)", at(t, "(var.k)")),
        ]
    );
    assert_eq!(items[1].value.kind, HclExprKind::Null);
}

#[test]
fn locals_with_conditional() {
    let t = "locals {\n  is_prod = var.env == \"prod\" ? true : false\n}\n";
    let f = clean(t);
    let l = &f.body.blocks[0];
    assert_eq!(l.kind, "locals");
    let e = &attr(&l.body, "is_prod").expr;
    assert_eq!(e.span, at(t, "var.env == \"prod\" ? true : false"));
    let HclExprKind::Conditional {
        condition,
        then,
        otherwise,
    } = &e.kind
    else {
        panic!("conditional expected")
    };
    assert_eq!(condition.kind, HclExprKind::Other);
    assert_eq!(condition.span, at(t, "var.env == \"prod\""));
    assert_eq!(then.kind, HclExprKind::Bool(true));
    assert_eq!(then.span, at(t, "true"));
    assert_eq!(otherwise.kind, HclExprKind::Bool(false));
}

#[test]
fn template_interpolation() {
    let t = "x = \"${var.env}-db\"\n";
    let f = clean(t);
    let e = &attr(&f.body, "x").expr;
    assert_eq!(e.span, Span::new(4, 19));
    assert_eq!(
        e.kind,
        HclExprKind::Template(vec![
            TemplatePart::Interpolation(HclExpr {
                span: Span::new(7, 14),
                kind: reference(&["var", "env"]),
            }),
            TemplatePart::Literal {
                value: "-db".into(),
                span: Span::new(15, 18),
            },
        ])
    );
}

#[test]
fn template_directive_and_escapes() {
    let t = r#"a = "say \"hi\"\n\t\\ $${literal} %%{x} \u00e9"
b = "pre %{ if var.on }yes%{ else }no%{ endif } post"
"#;
    let f = clean(t);
    let (value, _) = str_value(&attr(&f.body, "a").expr);
    assert_eq!(value, "say \"hi\"\n\t\\ ${literal} %{x} é");
    let HclExprKind::Template(parts) = &attr(&f.body, "b").expr.kind else {
        panic!("template expected")
    };
    let rendered: Vec<String> = parts
        .iter()
        .map(|p| match p {
            TemplatePart::Literal { value, .. } => value.clone(),
            TemplatePart::Interpolation(e) => format!("<{}>", e.span.slice(t)),
        })
        .collect();
    assert_eq!(rendered, vec!["pre ", "<var.on>", "yes", "no", " post"]);
}

#[test]
fn heredocs() {
    let t = "policy = <<EOF\n{\n  \"Action\": \"*\"\n}\nEOF\nindented = <<-EOT\n    line one\n      line two\n    EOT\ntpl = <<EOT\nhello ${var.name}!\nEOT\n";
    let f = clean(t);
    let (value, content) = str_value(&attr(&f.body, "policy").expr);
    assert_eq!(value, "{\n  \"Action\": \"*\"\n}\n");
    assert_eq!(content, at(t, "{\n  \"Action\": \"*\"\n}\n"));
    assert_eq!(
        attr(&f.body, "policy").expr.span,
        at(t, "<<EOF\n{\n  \"Action\": \"*\"\n}\nEOF")
    );
    let (value, content) = str_value(&attr(&f.body, "indented").expr);
    assert_eq!(value, "line one\n  line two\n");
    assert_eq!(content, at(t, "    line one\n      line two\n"));
    let HclExprKind::Template(parts) = &attr(&f.body, "tpl").expr.kind else {
        panic!("template expected")
    };
    assert_eq!(
        parts,
        &vec![
            TemplatePart::Literal {
                value: "hello ".into(),
                span: at(t, "hello "),
            },
            TemplatePart::Interpolation(HclExpr {
                span: at(t, "var.name"),
                kind: reference(&["var", "name"]),
            }),
            TemplatePart::Literal {
                value: "!\n".into(),
                span: at(t, "!\n"),
            },
        ]
    );
}

#[test]
fn heredoc_at_end_of_file_without_newline() {
    let t = "x = <<EOF\nbody\nEOF";
    let f = clean(t);
    assert_eq!(
        str_value(&attr(&f.body, "x").expr),
        ("body\n", Span::new(10, 15))
    );
    assert_eq!(attr(&f.body, "x").span, Span::new(0, t.len()));
}

#[test]
fn dynamic_blocks() {
    let t = r#"resource "aws_security_group" "sg" {
  dynamic "ingress" {
for_each = var.rules
content {
  from_port = ingress.value.port
  cidr      = ingress.value["cidr"]
}
  }
}
"#;
    let f = clean(t);
    let d = &f.body.blocks[0].body.blocks[0];
    assert_eq!(d.kind, "dynamic");
    assert_eq!(d.labels, vec![("ingress".to_string(), Span::new(48, 55))]);
    assert_eq!(
        attr(&d.body, "for_each").expr.kind,
        reference(&["var", "rules"])
    );
    let content = &d.body.blocks[0];
    assert_eq!(content.kind, "content");
    assert_eq!(
        attr(&content.body, "from_port").expr.kind,
        reference(&["ingress", "value", "port"])
    );
    assert_eq!(
        attr(&content.body, "cidr").expr.kind,
        reference(&["ingress", "value", "[\"cidr\"]"])
    );
}

#[test]
fn references_with_indexes() {
    let t = "a = aws_instance.web[0].id\nb = data.aws_iam_policy_document.x.json\nc = module.m.out\nd = each.value\ne = var.list[count.index]\nf = x.0\ng = aws_instance.web[*].id\nh = (var.z)\ni = -1\nj = [for s in var.l : upper(s)]\nk = a + b\n";
    let f = clean(t);
    let kind = |n: &str| attr(&f.body, n).expr.kind.clone();
    assert_eq!(kind("a"), reference(&["aws_instance", "web", "[0]", "id"]));
    assert_eq!(
        kind("b"),
        reference(&["data", "aws_iam_policy_document", "x", "json"])
    );
    assert_eq!(kind("c"), reference(&["module", "m", "out"]));
    assert_eq!(kind("d"), reference(&["each", "value"]));
    assert_eq!(kind("e"), reference(&["var", "list", "[count.index]"]));
    assert_eq!(kind("f"), reference(&["x", "[0]"]));
    assert_eq!(kind("g"), HclExprKind::Other);
    assert_eq!(kind("h"), reference(&["var", "z"]));
    assert_eq!(attr(&f.body, "h").expr.span, at(t, "var.z"));
    assert_eq!(kind("i"), HclExprKind::Other);
    assert_eq!(kind("j"), HclExprKind::Other);
    assert_eq!(kind("k"), HclExprKind::Other);
    assert_eq!(attr(&f.body, "k").expr.span, at(t, "a + b"));
}

#[test]
fn tfvars_file() {
    let t = "region = \"eu-west-1\"\ninstance_count = 3\nenable = true\nsubnets = [\"a\", \"b\"]\ntags = {\n  Owner = \"me\"\n}\n";
    let f = parse_tfvars(t);
    assert!(f.issues.is_empty());
    assert!(f.body.blocks.is_empty());
    let names: Vec<&str> = f.body.attributes.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        vec!["region", "instance_count", "enable", "subnets", "tags"]
    );
    assert_eq!(
        str_value(&attr(&f.body, "region").expr),
        ("eu-west-1", at(t, "eu-west-1"))
    );
    assert_eq!(
        attr(&f.body, "instance_count").expr.kind,
        HclExprKind::Num("3".into())
    );
}

#[test]
fn json_style_tfvars_object() {
    let t = "{\n  \"region\": \"eu-west-1\",\n  \"count\": 2\n}\n";
    let f = parse_tfvars(t);
    assert!(f.issues.is_empty(), "{:?}", f.issues);
    assert_eq!(f.body.attributes.len(), 2);
    assert_eq!(f.body.attributes[0].name, "region");
    assert_eq!(f.body.attributes[0].name_span, Span::new(5, 11));
    assert_eq!(f.body.attributes[1].expr.kind, HclExprKind::Num("2".into()));
}

#[test]
fn missing_closing_brace() {
    let t = "resource \"a\" \"b\" {\n  x = 1\n}\nresource \"c\" \"d\" {\n  y = 2\n";
    let f = parse(t);
    assert_eq!(f.body.blocks.len(), 2);
    assert_eq!(f.body.blocks[0].labels[1].0, "b");
    assert_eq!(
        attr(&f.body.blocks[1].body, "y").expr.kind,
        HclExprKind::Num("2".into())
    );
    assert_eq!(
        f.issues,
        vec![ParseIssue {
            span: Span::new(t.len(), t.len()),
            message: "missing `}`".into(),
        }]
    );
}

#[test]
fn missing_bracket_in_tuple() {
    let t = "a = [1, 2\nb = 3\n";
    let f = parse(t);
    assert_eq!(f.issues.len(), 1);
    assert_eq!(f.issues[0].message, "missing `]`");
    assert_eq!(attr(&f.body, "b").expr.kind, HclExprKind::Num("3".into()));
}

#[test]
fn garbage_between_blocks() {
    let t = "resource \"a\" \"b\" {\n  x = 1\n}\n\u{1}\u{2} @@@ ~~~\nvariable \"v\" {\n  default = 3\n}\n";
    let f = parse(t);
    let kinds: Vec<&str> = f.body.blocks.iter().map(|b| b.kind.as_str()).collect();
    assert_eq!(kinds, vec!["resource", "variable"]);
    assert_eq!(
        attr(&f.body.blocks[1].body, "default").expr.span,
        at(t, "3")
    );
    assert_eq!(
        f.issues,
        vec![ParseIssue {
            span: at(t, "\u{1}\u{2} @@@ ~~~"),
            message: "unexpected `\\u{1}\\u{2}`".into(),
        }]
    );
}

#[test]
fn garbage_inside_a_block_keeps_the_rest() {
    let t = "resource \"a\" \"b\" {\n  x = 1\n  = = =\n  y = 2\n}\nvariable \"v\" {}\n";
    let f = parse(t);
    // tree-sitter folds `1 … variable "v"` into one error inside `x`'s value; the parse restarts
    // at `variable`, so the resource keeps `x` (value unknown) and the variable survives.
    assert_eq!(
        f.issues,
        vec![ParseIssue {
            span: at(t, "1\n  = = =\n  y = 2\n}"),
            message: "unexpected `1`".into(),
        }]
    );
    let kinds: Vec<&str> = f.body.blocks.iter().map(|b| b.kind.as_str()).collect();
    assert_eq!(kinds, vec!["resource", "variable"]);
    assert_eq!(
        attr(&f.body.blocks[0].body, "x").expr.kind,
        HclExprKind::Other
    );
    assert_eq!(f.body.blocks[1].labels[0].0, "v");
}

#[test]
fn unterminated_string_keeps_following_blocks() {
    let t = "resource \"a\" \"b\" {\n  x = \"unterminated\n  y = 2\n}\nvariable \"v\" {\n  default = 1\n}\n";
    let f = parse(t);
    assert_eq!(f.issues[0].message, "unterminated string");
    assert_eq!(f.issues[0].span, at(t, "\"unterminated"));
    let kinds: Vec<&str> = f.body.blocks.iter().map(|b| b.kind.as_str()).collect();
    assert_eq!(kinds, vec!["resource", "variable"]);
    assert_eq!(
        attr(&f.body.blocks[1].body, "default").expr.kind,
        HclExprKind::Num("1".into())
    );
}

#[test]
fn issues_are_capped() {
    let t = "ok = 1\n".to_string() + &"@@ $$ ]]\n".repeat(200) + "last = 2\n";
    let f = parse(&t);
    assert!(!f.issues.is_empty() && f.issues.len() <= MAX_ISSUES);
    assert_eq!(attr(&f.body, "ok").expr.kind, HclExprKind::Num("1".into()));
}

#[test]
fn empty_and_blank_input() {
    assert_eq!(parse(""), HclFile::default());
    assert_eq!(parse("\n\n  \t\n"), HclFile::default());
    let f = parse("# only a comment");
    assert_eq!(f.comments, vec![Span::new(0, 16)]);
    assert!(f.issues.is_empty() && f.body == HclBody::default());
}

#[test]
fn comments_of_all_styles() {
    let t = "# hash\n// slashes\n/* block\n comment */\na = [ # inside\n  1, /* mid */ 2 ]\nb = x + /* op */ y\n";
    let f = clean(t);
    assert_eq!(
        f.comments,
        vec![
            at(t, "# hash"),
            at(t, "// slashes"),
            at(t, "/* block\n comment */"),
            at(t, "# inside"),
            at(t, "/* mid */"),
            at(t, "/* op */"),
        ]
    );
    let HclExprKind::Tuple(items) = &attr(&f.body, "a").expr.kind else {
        panic!("tuple expected")
    };
    assert_eq!(items.len(), 2);
}

#[test]
fn bom_and_crlf() {
    let t = "\u{feff}# c\r\nresource \"x\" \"y\" {\r\n  enabled = true\r\n  name = \"n\"\r\n}\r\n";
    let f = clean(t);
    assert_eq!(f.comments, vec![Span::new(3, 6)]);
    let b = &f.body.blocks[0];
    assert_eq!(b.kind_span, at(t, "resource"));
    assert_eq!(attr(&b.body, "enabled").expr.span, at(t, "true"));
    let quoted = at(t, "\"n\"");
    assert_eq!(
        str_value(&attr(&b.body, "name").expr),
        ("n", Span::new(quoted.start + 1, quoted.end - 1))
    );
}

#[test]
fn deep_tuple_nesting_is_cut_off() {
    let t = format!("x = {}\n", "[".repeat(100_000));
    let f = parse(&t);
    assert!(!f.issues.is_empty());
    let t = format!(
        "x = {}{}\ny = 1\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let f = parse(&t);
    assert!(f
        .issues
        .iter()
        .any(|i| i.message.contains("nesting deeper than")));
    assert_eq!(attr(&f.body, "y").expr.kind, HclExprKind::Num("1".into()));
    let mut depth = 0;
    let mut e = &attr(&f.body, "x").expr;
    while let HclExprKind::Tuple(items) = &e.kind {
        depth += 1;
        match items.first() {
            Some(inner) => e = inner,
            None => break,
        }
    }
    assert!(depth <= MAX_DEPTH + 1, "depth {depth}");
}

#[test]
fn deep_block_nesting_is_cut_off() {
    let t = format!("{}{}", "a {\n".repeat(10_000), "}\n".repeat(10_000));
    let f = parse(&t);
    assert_eq!(f.body.blocks.len(), 1);
    assert!(f
        .issues
        .iter()
        .any(|i| i.message.contains("nesting deeper than")));
    let t = "a {\n".repeat(10_000);
    let f = parse(&t);
    assert!(!f.issues.is_empty());
}

#[test]
fn deep_parentheses_and_templates() {
    let t = format!("x = {}1{}\n", "(".repeat(20_000), ")".repeat(20_000));
    let f = parse(&t);
    assert!(f
        .issues
        .iter()
        .any(|i| i.message.contains("nesting deeper than")));
    let t = format!("x = \"{}\n", "${\"".repeat(3_000));
    let f = parse(&t);
    assert!(!f.issues.is_empty());
}

#[test]
fn many_resources() {
    let mut t = String::new();
    for i in 0..2_000 {
        t.push_str(&format!(
            "resource \"aws_db_instance\" \"r{i}\" {{\n  deletion_protection = false\n  name = \"db-${{var.env}}-{i}\"\n}}\n\n"
        ));
    }
    let f = clean(&t);
    assert_eq!(f.body.blocks.len(), 2_000);
    assert_eq!(f.body.blocks[1_999].labels[1].0, "r1999");
}

/// Every prefix of a realistic file (cut on character boundaries) parses without panicking and
/// with all spans inside the text.
#[test]
fn prefixes_never_panic() {
    let t = format!("{DB}locals {{\n  s = \"a${{b}}c\" # é\n  h = <<-EOT\n    x ${{y}}\n  EOT\n  o = {{ k = [1, 2.5e3, null] }}\n}}\n");
    for end in 0..=t.len() {
        let Some(prefix) = t.get(..end) else { continue };
        let f = parse(prefix);
        for issue in &f.issues {
            assert!(issue.span.end <= prefix.len(), "{issue:?} in {prefix:?}");
        }
        for c in &f.comments {
            assert!(c.end <= prefix.len());
        }
        check_spans(&f.body, prefix.len());
    }
}

fn check_spans(body: &HclBody, len: usize) {
    for a in &body.attributes {
        assert!(a.span.end <= len && a.name_span.end <= len && a.expr.span.end <= len);
    }
    for b in &body.blocks {
        assert!(b.span.end <= len && b.labels.iter().all(|(_, s)| s.end <= len));
        check_spans(&b.body, len);
    }
}
