//! Generates the typed Rust client (`client.rs`) from a validated [`Schema`].
//!
//! # Scope
//! [`generate`] turns a `Schema` into one source file: items are built as `proc_macro2` tokens with
//! `quote` and printed by this crate's own linear pretty-printer (`print.rs`), one model at a time;
//! large schemas are generated on one scoped thread per core (see `model_sections`). The file refers to
//! the runtime only by absolute path (`::orm_query_engine::…`); this crate has no Cargo edge to the
//! query engine. Output is deterministic: the same schema gives byte-identical text (no hash-map
//! order, no timestamps).
//!
//! # Shape of the output (see ARCHITECTURE.md, "The generated client")
//! Per model: a struct with one pub field per readable scalar field, `impl Model`, and a module
//! `<model_snake>` holding `META`, one `const fn` per field and relation, compound-unique
//! constructors, `Create` and `create(…)`. Per enum: a Rust enum with `impl DbEnum`. Finally a
//! `Client` wrapper with one accessor per model. Every operator lives once, generically, in
//! `orm_query_engine::typed`, which keeps the file small.
//!
//! # What is skipped or refused
//! - `Unsupported("…")` and `@ignore` fields, `@@ignore` models and implicit m-n relation
//!   accessors are skipped; each skip is listed in [`GeneratedClient::notes`].
//! - SQL Server is refused with [`CodegenError::UnsupportedProvider`]; composite types that
//!   contain themselves through a non-list field are refused with [`CodegenError::Unsupported`].
//!
//! # MongoDB
//! `mongodb` schemas generate like SQL ones (`@db.ObjectId` strings are `String`, `@default(auto())`
//! ids are database defaults, `@map("_id")` is the column name). Composite types (`type` blocks)
//! become structs (see `composite.rs`) usable as model field types. The runtime has no MongoDB
//! connector yet: `Client::connect("mongodb://…")` returns `Error::ConnectorNotAvailable`.

mod composite;
mod model;
pub mod names;
mod print;
#[cfg(test)]
mod roundtrip_tests;

use orm_schema_parser::{Provider, Schema, Span, StringOrEnv};
use proc_macro2::TokenStream;
use quote::quote;

/// Settings of one generation run.
#[derive(Debug, Clone)]
pub struct GenerateOptions {
    /// Path of the schema as the user gave it; written into the `@generated` header only.
    pub schema_path: String,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions { schema_path: "schema.prisma".to_owned() }
    }
}

/// The result of [`generate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedClient {
    /// The whole `client.rs`: a header comment, then formatted Rust items (no inner attributes,
    /// so it can be used as a module file or through `include!`).
    pub source: String,
    /// Number of model structs generated.
    pub model_count: usize,
    /// Number of enums generated.
    pub enum_count: usize,
    /// Things that were skipped, one sentence each, e.g. "`User.location`: `Unsupported(\"…\")` field skipped".
    pub notes: Vec<String>,
}

/// Why a schema could not be turned into a client. Every variant carries the span of the schema
/// element at fault so the CLI can print `file:line`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodegenError {
    /// A schema feature this generator cannot produce (a composite type that contains itself
    /// through a non-list field).
    #[error("{feature} is not supported by the Rust client generator yet")]
    Unsupported {
        /// What is unsupported, naming the model and field, e.g. "composite type field `User.address`".
        feature: String,
        /// Where it is in the schema.
        span: Span,
    },
    /// The datasource provider has no Rust client (SQL Server).
    #[error(
        "the `{provider}` provider is not supported for client generation; supported providers are \
         sqlite, postgresql, cockroachdb, mysql and mongodb"
    )]
    UnsupportedProvider {
        /// The provider as written in PSL.
        provider: &'static str,
        /// The datasource block.
        span: Span,
    },
    /// Two schema names map to the same Rust name (e.g. fields `userId` and `user_id`).
    #[error("{message}")]
    NameCollision {
        /// A sentence naming both schema names and the Rust name.
        message: String,
        /// The second of the two.
        span: Span,
    },
}

impl CodegenError {
    /// The schema span the error points at, if any.
    pub fn span(&self) -> Option<Span> {
        match self {
            CodegenError::Unsupported { span, .. }
            | CodegenError::UnsupportedProvider { span, .. }
            | CodegenError::NameCollision { span, .. } => Some(*span),
        }
    }
}

/// Generates the client source for `schema`.
///
/// # Errors
/// - [`CodegenError::UnsupportedProvider`] for `sqlserver`.
/// - [`CodegenError::Unsupported`] for a composite type that contains itself through a non-list field.
/// - [`CodegenError::NameCollision`] when two schema names give the same Rust name.
pub fn generate(schema: &Schema, options: &GenerateOptions) -> Result<GeneratedClient, CodegenError> {
    check_supported(schema)?;
    let mut notes = Vec::new();
    let ctx = model::Context::new(schema, &mut notes)?;
    let mut source = format!(
        "// @generated by orm-codegen from {} — do not edit.\n// Regenerate with `orm generate`.\n\n",
        options.schema_path
    );

    let mut head = runtime_prelude();
    for enum_ in &ctx.enums {
        head.extend(model::enum_tokens(schema, enum_));
    }
    head.extend(composite::composite_tokens(&ctx)?);
    print::print_items(head, &mut source);

    let (models, model_notes) = model_sections(schema, &ctx)?;
    source.push_str(&models);
    notes.extend(model_notes);

    print::print_items(client_tokens(schema, &ctx), &mut source);
    Ok(GeneratedClient { source, model_count: ctx.models.len(), enum_count: ctx.enums.len(), notes })
}

/// All items of the client as one token stream, printed in one go: what [`generate`] prints in
/// sections. Tests use it to check the round trip and that sectioned printing changes nothing.
#[cfg(test)]
fn client_items(schema: &Schema) -> Result<TokenStream, CodegenError> {
    check_supported(schema)?;
    let ctx = model::Context::new(schema, &mut Vec::new())?;
    let mut items = runtime_prelude();
    for enum_ in &ctx.enums {
        items.extend(model::enum_tokens(schema, enum_));
    }
    items.extend(composite::composite_tokens(&ctx)?);
    for m in &ctx.models {
        items.extend(model::model_tokens(&ctx, m, &mut Vec::new())?);
    }
    items.extend(client_tokens(schema, &ctx));
    Ok(items)
}

/// Schemas with fewer models than this are generated on the calling thread only.
const PARALLEL_MIN_MODELS: usize = 64;

/// Prints the items of every model, in schema order, and returns the text with the notes of the
/// models. Items are printed one model at a time (a top-level item prints the same alone as in a
/// stream), so large schemas are split into contiguous chunks generated on scoped threads (one per
/// available core); `proc_macro2` tokens are not `Send`, so each thread builds its own
/// [`model::Context`] and hands back text. Output and notes do not depend on the thread count.
///
/// # Errors
/// The first [`CodegenError`] in model order.
fn model_sections(schema: &Schema, ctx: &model::Context<'_>) -> Result<(String, Vec<String>), CodegenError> {
    let n = ctx.models.len();
    let threads = std::thread::available_parallelism().map_or(1, |p| p.get()).min(8);
    if n < PARALLEL_MIN_MODELS || threads < 2 {
        return model_range(ctx, 0..n);
    }
    let chunk = n.div_ceil(threads);
    let results: Vec<Result<(String, Vec<String>), CodegenError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|start| {
                let range = start..(start + chunk).min(n);
                scope.spawn(move || {
                    // Notes of the context itself were already taken by the caller.
                    let ctx = model::Context::new(schema, &mut Vec::new())?;
                    model_range(&ctx, range)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    let mut text = String::new();
    let mut notes = Vec::new();
    for result in results {
        let (t, n) = result?;
        text.push_str(&t);
        notes.extend(n);
    }
    Ok((text, notes))
}

/// Prints the models `range` of `ctx.models` (see [`model_sections`]).
fn model_range(
    ctx: &model::Context<'_>,
    range: std::ops::Range<usize>,
) -> Result<(String, Vec<String>), CodegenError> {
    let mut text = String::new();
    let mut notes = Vec::new();
    for m in &ctx.models[range] {
        print::print_items(model::model_tokens(ctx, m, &mut notes)?, &mut text);
    }
    Ok((text, notes))
}

/// Items every generated file starts with: the `__orm` alias, the runtime types, and the private
/// module `__rt` that model modules glob-import (helpers that keep per-field code to one line).
fn runtime_prelude() -> TokenStream {
    quote! {
        use ::orm_query_engine as __orm;
        #[allow(unused_imports)]
        use __orm::types::{DateTime, Decimal, Json, Utc};
        /// Runtime items and helpers shared by the model modules below.
        #[allow(dead_code, unused_imports)]
        mod __rt {
            pub(super) use super::__orm::{self, meta::*, row::RowReader, typed::*, value::*, Result};
            pub(super) use super::{DateTime, Decimal, Json, Utc};
            pub(super) use super::__orm::meta::{Cardinality as C, ColumnDefault as D, ColumnType as T};
            /// `unique_from_pairs`, named so no field accessor (snake_case, never `__…`) shadows it.
            pub(super) use super::__orm::typed::unique_from_pairs as __unique;
            /// `__col` flag: the field is optional (`?`).
            pub(super) const NULLABLE: u8 = 1;
            /// `__col` flag: the field is a scalar list (`[]`).
            pub(super) const LIST: u8 = 2;
            /// `__col` flag: the field is `@updatedAt`.
            pub(super) const UPDATED_AT: u8 = 4;
            /// A column whose name in the database differs from the field name (`@map`):
            /// field name, column name, type, create default, flags (`NULLABLE | LIST | UPDATED_AT`).
            pub(super) const fn __col(name: &'static str, column: &'static str, ty: T, default: D, flags: u8) -> ColumnMeta {
                ColumnMeta {
                    name,
                    column,
                    ty,
                    nullable: flags & NULLABLE != 0,
                    list: flags & LIST != 0,
                    default,
                    updated_at: flags & UPDATED_AT != 0,
                }
            }
            /// A column named like its field: see [`__col`].
            pub(super) const fn __c(name: &'static str, ty: T, default: D, flags: u8) -> ColumnMeta {
                __col(name, name, ty, default, flags)
            }
            /// A relation: field name, join columns on this model, join columns on the related model.
            pub(super) const fn __rel(name: &'static str, from_columns: &'static [u16], to_columns: &'static [u16], cardinality: C) -> RelationMeta {
                RelationMeta { name, from_columns, to_columns, cardinality }
            }
            /// A compound-unique argument as a bound value.
            pub(super) fn __v<T: ToValue>(v: impl Into<T>) -> Value {
                v.into().to_value()
            }
            /// Create inputs: writes a value that was given.
            pub(super) fn __req<V: ToValue>(out: &mut Vec<(u16, Value)>, column: u16, v: V) {
                out.push((column, v.to_value()));
            }
            /// Create inputs: writes a value only when it is `Some` (else the default or NULL applies).
            pub(super) fn __opt<V: ToValue>(out: &mut Vec<(u16, Value)>, column: u16, v: Option<V>) {
                if let Some(v) = v {
                    out.push((column, v.to_value()));
                }
            }
            /// Create inputs: writes a scalar list as `Value::List`.
            pub(super) fn __list<V: ToValue>(out: &mut Vec<(u16, Value)>, column: u16, v: Vec<V>) {
                out.push((column, Value::List(v.into_iter().map(ToValue::to_value).collect())));
            }
            /// Create inputs: writes a scalar list only when it is `Some`.
            pub(super) fn __opt_list<V: ToValue>(out: &mut Vec<(u16, Value)>, column: u16, v: Option<Vec<V>>) {
                if let Some(v) = v {
                    __list(out, column, v);
                }
            }
        }
    }
}

fn check_supported(schema: &Schema) -> Result<(), CodegenError> {
    if let Some(ds) = &schema.datasource {
        match ds.provider {
            Provider::Sqlserver => {
                return Err(CodegenError::UnsupportedProvider { provider: "sqlserver", span: ds.span });
            }
            Provider::Sqlite
            | Provider::Postgresql
            | Provider::Mysql
            | Provider::Cockroachdb
            | Provider::Mongodb => {}
        }
    }
    composite::check_cycles(schema)
}

/// The `Client` wrapper: `connect`, `from_env`, `raw` and one accessor per model.
fn client_tokens(schema: &Schema, ctx: &model::Context<'_>) -> TokenStream {
    let env_var = match schema.datasource.as_ref().and_then(|d| d.url.as_ref()) {
        Some(StringOrEnv::Env(var)) => var.clone(),
        _ => "DATABASE_URL".to_owned(),
    };
    let from_env_doc = format!(" Connects to the URL in the environment variable `{env_var}`.");
    let accessors = ctx.models.iter().map(|m| {
        let accessor = names::ident(&names::client_accessor(&m.model.name));
        let ty = &m.type_ident;
        let doc = format!(" Queries on `{}` (table `{}`).", m.model.name, m.model.database_name());
        quote! {
            #[doc = #doc]
            pub fn #accessor(&self) -> __orm::Actions<'_, #ty> { self.inner.actions::<#ty>() }
        }
    });
    quote! {
        /// A connected client: one accessor per model, e.g. `client.user().find_many()`.
        #[derive(Debug, Clone)]
        pub struct Client { inner: __orm::Client }
        impl Client {
            /// Connects to `url` (`postgres://…`, `mysql://…`, `sqlite://…`).
            ///
            /// # Errors
            /// When the URL is invalid or the database cannot be reached.
            pub async fn connect(url: &str) -> __orm::Result<Self> {
                Ok(Client { inner: __orm::Client::connect(url).await? })
            }
            #[doc = #from_env_doc]
            ///
            /// # Errors
            /// When the variable is unset or the database cannot be reached.
            pub async fn from_env() -> __orm::Result<Self> {
                let url = ::std::env::var(#env_var).map_err(|_| __orm::Error::EnvVarMissing { name: #env_var })?;
                Self::connect(&url).await
            }
            /// The untyped engine client (raw statements, transactions).
            pub fn raw(&self) -> &__orm::Client { &self.inner }
            #(#accessors)*
        }
    }
}
