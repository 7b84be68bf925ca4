//! Unit tests of the printer (`print.rs`): small inputs with their exact text, and the round trip
//! for real clients: the printed blog case and every corpus schema lex back to the tokens that
//! were printed (spacing, doc-comment form and trailing commas aside) and parse as a Rust file with `syn`.

use std::path::{Path, PathBuf};

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;

use crate::print::{print_items, string_value};

#[path = "../tests/common_load.rs"]
mod common_load;

fn printed(tokens: TokenStream) -> String {
    let mut out = String::new();
    print_items(tokens, &mut out);
    out
}

/// A token with its spacing dropped, string literals compared by value and a `,` right before a
/// closing delimiter dropped.
#[derive(Debug, PartialEq, Eq)]
enum Tok {
    Open(char),
    Close(char),
    Ident(String),
    Punct(char),
    Str(String),
    Lit(String),
}

fn flatten(stream: TokenStream, out: &mut Vec<Tok>) {
    for tt in stream {
        match tt {
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => ('(', ')'),
                    Delimiter::Bracket => ('[', ']'),
                    Delimiter::Brace => ('{', '}'),
                    Delimiter::None => {
                        flatten(g.stream(), out);
                        continue;
                    }
                };
                out.push(Tok::Open(open));
                flatten(g.stream(), out);
                // The printer adds a trailing comma to broken lists.
                if out.last() == Some(&Tok::Punct(',')) {
                    out.pop();
                }
                out.push(Tok::Close(close));
            }
            TokenTree::Ident(i) => out.push(Tok::Ident(i.to_string())),
            TokenTree::Punct(p) => out.push(Tok::Punct(p.as_char())),
            TokenTree::Literal(l) => {
                let text = l.to_string();
                let is_doc = matches!(
                    out.as_slice(),
                    [.., Tok::Ident(d), Tok::Punct('=')] if d == "doc"
                );
                match string_value(&text) {
                    // Doc lines are printed as `///` without trailing whitespace.
                    Some(v) if is_doc => out.push(Tok::Str(v.trim_end().to_owned())),
                    Some(v) => out.push(Tok::Str(v)),
                    None => out.push(Tok::Lit(text)),
                }
            }
        }
    }
}

/// Prints `tokens`, then checks that the text lexes back to the same tokens and parses as a file.
fn assert_round_trip(label: &str, tokens: TokenStream) {
    let mut expected = Vec::new();
    flatten(tokens.clone(), &mut expected);
    let text = printed(tokens);
    let lexed: TokenStream =
        text.parse().unwrap_or_else(|e| panic!("{label}: printed text does not lex: {e}"));
    let mut actual = Vec::new();
    flatten(lexed, &mut actual);
    if let Some(at) = expected.iter().zip(&actual).position(|(a, b)| a != b) {
        let from = at.saturating_sub(8);
        panic!(
            "{label}: token {at} differs: expected {:?}, printed {:?}",
            &expected[from..(at + 4).min(expected.len())],
            &actual[from..(at + 4).min(actual.len())]
        );
    }
    assert_eq!(expected.len(), actual.len(), "{label}: token counts differ");
    if let Err(e) = syn::parse_file(&text) {
        panic!("{label}: printed text does not parse as Rust: {e}");
    }
}

/// `generate` prints the client in sections (and large schemas on several threads): its text must
/// equal the whole token stream printed in one go.
fn assert_sections_print_as_one(label: &str, path: &Path, tokens: TokenStream) {
    let schema = common_load::load_schema(path).expect("schema loads");
    let options = crate::GenerateOptions { schema_path: "schema.prisma".to_owned() };
    let generated = crate::generate(&schema, &options).expect("generates").source;
    let body = generated.split_once("\n\n").map_or("", |(_, body)| body);
    assert!(body == printed(tokens), "{label}: sectioned output differs from printing all items at once");
}

fn client_tokens_of(path: &Path) -> Option<TokenStream> {
    let schema = common_load::load_schema(path).ok()?;
    crate::client_items(&schema).ok()
}

#[test]
fn one_line_accessor() {
    let out = printed(quote! {
        pub mod user {
            pub const fn id() -> F<i32, Unique> { F::new(0) }
            pub const fn posts() -> R<super::Post, Many> { R::new(const { &__rel("posts", &[0], &[3], C::Many) }) }
        }
    });
    assert_eq!(
        out,
        "pub mod user {\n  pub const fn id() -> F<i32, Unique> { F::new(0) }\n  \
         pub const fn posts() -> R<super::Post, Many> {\n    R::new(const { &__rel(\"posts\", &[0], &[3], C::Many) })\n  }\n}\n"
    );
}

#[test]
fn weak_keyword_union_as_a_name() {
    let out = printed(quote! {
        pub const fn union() -> F<i32> { F::new(0) }
        pub union U { a: u8, b: u16 }
    });
    assert_eq!(out, "pub const fn union() -> F<i32> { F::new(0) }\npub union U {\n  a: u8,\n  b: u16,\n}\n");
}

#[test]
fn struct_with_docs_and_generics() {
    let doc = " Login address.";
    let out = printed(quote! {
        /// A user.
        #[derive(Debug, Clone)]
        pub struct User { #[doc = #doc] pub email: String, pub tags: Option<Vec<String>>, pub r#type: &'static [u16] }
    });
    assert_eq!(
        out,
        "/// A user.\n#[derive(Debug, Clone)]\npub struct User {\n  /// Login address.\n  pub email: String,\n  \
         pub tags: Option<Vec<String>>,\n  pub r#type: &'static [u16],\n}\n"
    );
}

#[test]
fn statements_closures_and_operators() {
    let out = printed(quote! {
        fn f(s: &str, flags: u8) -> Option<Self> {
            let url = ::std::env::var("X").map_err(|_| E::Missing { name: "X" })?;
            let b = flags & NULLABLE != 0 && - 1 < 2;
            let r = & &url;
            Self::DB_VALUES.iter().find(|v| v.1 == s).map(|v| v.0)
        }
    });
    assert_eq!(
        out,
        "fn f(s: &str, flags: u8) -> Option<Self> {\n  \
         let url = ::std::env::var(\"X\").map_err(|_| E::Missing { name: \"X\" })?;\n  \
         let b = flags & NULLABLE != 0 && -1 < 2;\n  let r = & &url;\n  \
         Self::DB_VALUES.iter().find(|v| v.1 == s).map(|v| v.0)\n}\n"
    );
}

#[test]
fn long_lists_break_one_element_per_line() {
    let out = printed(quote! {
        pub(super) const fn __col(name: &'static str, column: &'static str, ty: T, default: D, flags: u8) -> ColumnMeta {
            ColumnMeta { name, column }
        }
        pub(super) use super::__orm::{self, meta::*, row::RowReader, typed::*, value::*, Result, Something, Else};
    });
    assert_eq!(
        out,
        "pub(super) const fn __col(\n  name: &'static str,\n  column: &'static str,\n  ty: T,\n  default: D,\n  \
         flags: u8,\n) -> ColumnMeta {\n  ColumnMeta {\n    name,\n    column,\n  }\n}\n\
         pub(super) use super::__orm::{self, meta::*, row::RowReader, typed::*, value::*, Result, Something, Else};\n"
    );
}

#[test]
fn docs_that_are_not_lines_stay_attributes() {
    let two_lines = "a\nb";
    let slash = "/x";
    let out = printed(quote! { #[doc = #two_lines] #[doc = #slash] struct S; });
    assert_eq!(out, "#[doc = \"a\\nb\"]\n#[doc = \"/x\"]\nstruct S;\n");
}

#[test]
fn string_values() {
    assert_eq!(string_value(r#""a\"b\\c\u{e9}\x41""#).as_deref(), Some("a\"b\\c\u{e9}A"));
    assert_eq!(string_value(r###"r#"x"y"#"###).as_deref(), Some("x\"y"));
    assert_eq!(string_value("b\"x\""), None);
    assert_eq!(string_value("1"), None);
}

#[test]
fn blog_client_round_trips() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/generate/blog/schema.prisma");
    let tokens = client_tokens_of(&path).expect("the blog case generates");
    assert_sections_print_as_one("blog", &path, tokens.clone());
    assert_round_trip("blog", tokens);
}

#[test]
fn corpus_clients_round_trip() {
    let Some(dir) = corpus_dir() else { return };
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.retain(|p| p.is_dir() || p.extension().is_some_and(|x| x == "prisma"));
    paths.sort();
    let mut checked = 0;
    for path in paths {
        if let Some(tokens) = client_tokens_of(&path) {
            let label = path.display().to_string();
            assert_sections_print_as_one(&label, &path, tokens.clone());
            assert_round_trip(&label, tokens);
            checked += 1;
        }
    }
    assert!(checked > 30, "only {checked} corpus clients were checked");
}

/// The corpus of real-world schemas, from `ORM_CORPUS_DIR` only (CI sets it to the
/// `shared/corpus/schemas` folder beside the clone; the files belong to their projects and are not
/// in this repository). `None` when the variable is unset, after printing `skipped: set
/// ORM_CORPUS_DIR`.
///
/// # Panics
/// When the variable is unset and `ORM_REQUIRE_ALL_BACKENDS=1` (CI must not skip the corpus), or
/// when it names a folder that does not exist.
fn corpus_dir() -> Option<PathBuf> {
    match std::env::var_os("ORM_CORPUS_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            assert!(dir.is_dir(), "ORM_CORPUS_DIR={} is not a folder", dir.display());
            Some(dir)
        }
        None if std::env::var("ORM_REQUIRE_ALL_BACKENDS").as_deref() == Ok("1") => {
            panic!("ORM_CORPUS_DIR is not set but ORM_REQUIRE_ALL_BACKENDS=1")
        }
        None => {
            println!("skipped: set ORM_CORPUS_DIR to the folder of corpus schemas to run the corpus tests");
            None
        }
    }
}
