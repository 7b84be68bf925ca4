//! Rust names for schema names: case conversion, keyword escaping and names generated code must not shadow.
//!
//! Rules (Rust reference, "Keywords": <https://doc.rust-lang.org/reference/keywords.html>):
//! strict and reserved keywords become raw identifiers (`type` → `r#type`); `self`, `Self`, `super`,
//! `crate` and `_` cannot be raw, so they get a trailing underscore (`self` → `self_`).

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Keywords that are written as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct", "trait",
    "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Keywords that cannot be raw identifiers; they get a trailing `_`.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names the generated file itself uses unqualified (prelude items, runtime types, `Client`).
/// A model or enum with one of these names gets the suffix `Model` / `Enum` on its Rust type.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Into",
    "From",
    "Client",
    "Send",
    "Sync",
    "Sized",
    "Copy",
    "Clone",
    "Iterator",
    "IntoIterator",
    "ToString",
    "Default",
    "DateTime",
    "Utc",
    "Decimal",
    "Json",
];

/// The plain `snake_case` text (no escaping), used to detect collisions.
pub(crate) fn snake(name: &str) -> String {
    name.to_snake_case()
}

/// The module of a model (`pub mod user`): the `snake_case` of its name, before escaping. Modules
/// share the type namespace with the model's struct, so a name without case (`模型`, whose snake
/// and camel forms are the same text) gets a trailing `_`: `mod 模型_` beside `struct 模型`.
pub fn module_name(model_name: &str) -> String {
    let mut snake = snake(model_name);
    if snake == type_name(model_name, "Model") {
        snake.push('_');
    }
    snake
}

/// `UpperCamelCase` of a schema name as a Rust type name: `film_actor` → `FilmActor`,
/// `Option` → `OptionModel` (see [`RESERVED_TYPE_NAMES`]). `suffix` is `Model` or `Enum`.
pub fn type_name(name: &str, suffix: &str) -> String {
    let camel = name.to_upper_camel_case();
    if RESERVED_TYPE_NAMES.contains(&camel.as_str()) || NON_RAW_KEYWORDS.contains(&camel.as_str()) {
        format!("{camel}{suffix}")
    } else {
        camel
    }
}

/// An enum variant name: `UpperCamelCase` of the value name, `Self` → `Self_`.
pub(crate) fn variant_name(name: &str) -> String {
    let camel = name.to_upper_camel_case();
    if camel.is_empty() { format!("V{name}") } else { camel }
}

/// Methods of the generated `Client` that a model accessor must not take: its own (`connect`,
/// `from_env`, `raw`) and the `&self` methods of the traits it implements (derived `Clone` and
/// `Debug`, blanket `ToOwned`, `Borrow`, `Any`), which an inherent method of the same name would
/// shadow (`client.clone()` must stay a `Client`), plus `as_ref` and `deref`, which clippy's
/// `should_implement_trait` flags (<https://rust-lang.github.io/rust-clippy/master/index.html#should_implement_trait>).
const CLIENT_METHODS: &[&str] = &[
    "connect",
    "from_env",
    "raw",
    "clone",
    "clone_from",
    "fmt",
    "to_owned",
    "borrow",
    "type_id",
    "as_ref",
    "deref",
];

/// The `Client` accessor of a model: its snake_case name (`UserPost` → `user_post`), with a
/// trailing `_` when that is a method `Client` already has (`Clone` → `clone_`), see
/// [`CLIENT_METHODS`]. Not yet escaped: pass it through [`ident_text`].
pub fn client_accessor(model: &str) -> String {
    let mut name = snake(model);
    if CLIENT_METHODS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// The name of a model module's `Create` constructor: `create`, or when a field, relation or
/// compound unique of the model already has that name in the module, `create_input`, then
/// `create_input_`, `create_input__`, … (the first name `taken` says is free).
/// For tools that write Rust against a generated client, with `taken` answering for the model's
/// snake_case field, relation and compound-unique names.
pub fn create_fn_name(taken: impl Fn(&str) -> bool) -> String {
    if !taken("create") {
        return "create".to_owned();
    }
    let mut name = "create_input".to_owned();
    while taken(&name) {
        name.push('_');
    }
    name
}

/// The identifier text generated code uses for `text`: `type` → `r#type`, `self` → `self_`,
/// `1st` → `_1st`. For tools that write Rust against a generated client (e.g. the e2e tests).
pub fn ident_text(text: &str) -> String {
    ident(text).to_string()
}

/// An identifier for `text`, raw or suffixed when `text` is a keyword.
pub(crate) fn ident(text: &str) -> Ident {
    if NON_RAW_KEYWORDS.contains(&text) {
        Ident::new(&format!("{text}_"), Span::call_site())
    } else if RAW_KEYWORDS.contains(&text) {
        Ident::new_raw(text, Span::call_site())
    } else if text.starts_with(|c: char| c.is_ascii_digit()) || text.is_empty() {
        Ident::new(&format!("_{text}"), Span::call_site())
    } else {
        Ident::new(text, Span::call_site())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snake_ident(name: &str) -> Ident {
        ident(&snake(name))
    }

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(snake_ident("type").to_string(), "r#type");
        assert_eq!(snake_ident("ref").to_string(), "r#ref");
        assert_eq!(snake_ident("match").to_string(), "r#match");
        assert_eq!(snake_ident("async").to_string(), "r#async");
        assert_eq!(snake_ident("self").to_string(), "self_");
        assert_eq!(snake_ident("Self").to_string(), "self_");
        assert_eq!(snake_ident("crate").to_string(), "crate_");
        assert_eq!(snake_ident("createdAt").to_string(), "created_at");
    }

    #[test]
    fn caseless_model_names_get_a_distinct_module() {
        assert_eq!(module_name("模型"), "模型_");
        assert_eq!(module_name("Straße"), "straße");
        assert_eq!(module_name("FilmActor"), "film_actor");
    }

    #[test]
    fn type_names_avoid_prelude_and_client() {
        assert_eq!(type_name("Option", "Model"), "OptionModel");
        assert_eq!(type_name("Client", "Model"), "ClientModel");
        assert_eq!(type_name("film_actor", "Model"), "FilmActor");
        assert_eq!(type_name("User", "Model"), "User");
        assert_eq!(variant_name("ADMIN_USER"), "AdminUser");
        assert_eq!(variant_name("Self"), "Self");
    }

    #[test]
    fn client_accessors_avoid_client_methods() {
        assert_eq!(client_accessor("UserPost"), "user_post");
        assert_eq!(client_accessor("Clone"), "clone_");
        assert_eq!(client_accessor("Connect"), "connect_");
        assert_eq!(client_accessor("Deref"), "deref_");
    }

    #[test]
    fn create_constructor_avoids_taken_names() {
        assert_eq!(create_fn_name(|_| false), "create");
        assert_eq!(create_fn_name(|n| n == "create"), "create_input");
        assert_eq!(create_fn_name(|n| ["create", "create_input"].contains(&n)), "create_input_");
    }
}
