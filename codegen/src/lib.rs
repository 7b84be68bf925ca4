//! Generates the typed Rust client (`client.rs`) from a validated [`Schema`].
//!
//! # Scope
//! [`generate`] turns a `Schema` into one `prettyplease`-formatted source file. The file refers to
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
//! - MongoDB, composite types and SQL Server are refused with [`CodegenError`].

mod model;
mod names;

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
    /// A schema feature this generator cannot produce yet (composite types, MongoDB).
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
         sqlite, postgresql, cockroachdb and mysql"
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
    /// The generator produced tokens that do not parse as Rust (a bug in this crate).
    #[error("internal error: the generated client does not parse as Rust: {0}")]
    InvalidOutput(String),
}

impl CodegenError {
    /// The schema span the error points at, if any.
    pub fn span(&self) -> Option<Span> {
        match self {
            CodegenError::Unsupported { span, .. }
            | CodegenError::UnsupportedProvider { span, .. }
            | CodegenError::NameCollision { span, .. } => Some(*span),
            CodegenError::InvalidOutput(_) => None,
        }
    }
}

/// Generates the client source for `schema`.
///
/// # Errors
/// - [`CodegenError::UnsupportedProvider`] for `sqlserver`.
/// - [`CodegenError::Unsupported`] for `mongodb` and composite types.
/// - [`CodegenError::NameCollision`] when two schema names give the same Rust name.
pub fn generate(schema: &Schema, options: &GenerateOptions) -> Result<GeneratedClient, CodegenError> {
    check_supported(schema)?;
    let mut notes = Vec::new();
    let ctx = model::Context::new(schema, &mut notes)?;

    let mut items = TokenStream::new();
    items.extend(quote! {
        use ::orm_query_engine as __orm;
        #[allow(unused_imports)]
        use __orm::types::{DateTime, Decimal, JsonValue, Utc};
        /// `__col` flag: the field is optional (`?`).
        const __NULLABLE: u8 = 1;
        /// `__col` flag: the field is a scalar list (`[]`).
        const __LIST: u8 = 2;
        /// `__col` flag: the field is `@updatedAt`.
        const __UPDATED_AT: u8 = 4;
        /// One `ColumnMeta`: schema name, column name, type, create default, flags
        /// (`__NULLABLE | __LIST | __UPDATED_AT`). Keeps the generated `META` consts short.
        #[allow(dead_code)]
        const fn __col(
            name: &'static str,
            column: &'static str,
            ty: __orm::meta::ColumnType,
            default: __orm::meta::ColumnDefault,
            flags: u8,
        ) -> __orm::meta::ColumnMeta {
            __orm::meta::ColumnMeta {
                name,
                column,
                ty,
                nullable: flags & __NULLABLE != 0,
                list: flags & __LIST != 0,
                default,
                updated_at: flags & __UPDATED_AT != 0,
            }
        }
        /// Create inputs: writes a value that was given.
        #[allow(dead_code)]
        fn __req<V: __orm::value::ToValue>(out: &mut Vec<(u16, __orm::value::Value)>, column: u16, v: V) {
            out.push((column, v.to_value()));
        }
        /// Create inputs: writes a value only when it is `Some` (else the default or NULL applies).
        #[allow(dead_code)]
        fn __opt<V: __orm::value::ToValue>(out: &mut Vec<(u16, __orm::value::Value)>, column: u16, v: Option<V>) {
            if let Some(v) = v {
                out.push((column, v.to_value()));
            }
        }
        /// Create inputs: writes a scalar list as `Value::List`.
        #[allow(dead_code)]
        fn __list<V: __orm::value::ToValue>(out: &mut Vec<(u16, __orm::value::Value)>, column: u16, v: Vec<V>) {
            let items = v.into_iter().map(__orm::value::ToValue::to_value).collect();
            out.push((column, __orm::value::Value::List(items)));
        }
        /// Create inputs: writes a scalar list only when it is `Some`.
        #[allow(dead_code)]
        fn __opt_list<V: __orm::value::ToValue>(
            out: &mut Vec<(u16, __orm::value::Value)>,
            column: u16,
            v: Option<Vec<V>>,
        ) {
            if let Some(v) = v {
                __list(out, column, v);
            }
        }
    });
    for enum_ in &ctx.enums {
        items.extend(model::enum_tokens(schema, enum_));
    }
    for m in &ctx.models {
        items.extend(model::model_tokens(&ctx, m, &mut notes)?);
    }
    items.extend(client_tokens(schema, &ctx));

    let file: syn::File = syn::parse2(items).map_err(|e| CodegenError::InvalidOutput(e.to_string()))?;
    let body = prettyplease::unparse(&file);
    let source = format!(
        "// @generated by orm-codegen from {} — do not edit.\n// Regenerate with `orm generate`.\n\n{body}",
        options.schema_path
    );
    Ok(GeneratedClient { source, model_count: ctx.models.len(), enum_count: ctx.enums.len(), notes })
}

fn check_supported(schema: &Schema) -> Result<(), CodegenError> {
    if let Some(ds) = &schema.datasource {
        match ds.provider {
            Provider::Sqlserver => {
                return Err(CodegenError::UnsupportedProvider { provider: "sqlserver", span: ds.span });
            }
            Provider::Mongodb => {
                return Err(CodegenError::Unsupported {
                    feature: "the `mongodb` provider".to_owned(),
                    span: ds.span,
                });
            }
            Provider::Sqlite | Provider::Postgresql | Provider::Mysql | Provider::Cockroachdb => {}
        }
    }
    if let Some(ct) = schema.composite_types.first() {
        return Err(CodegenError::Unsupported {
            feature: format!("composite type `{}`", ct.name),
            span: ct.span,
        });
    }
    Ok(())
}

/// The `Client` wrapper: `connect`, `from_env`, `raw` and one accessor per model.
fn client_tokens(schema: &Schema, ctx: &model::Context<'_>) -> TokenStream {
    let env_var = match schema.datasource.as_ref().and_then(|d| d.url.as_ref()) {
        Some(StringOrEnv::Env(var)) => var.clone(),
        _ => "DATABASE_URL".to_owned(),
    };
    let from_env_doc = format!(" Connects to the URL in the environment variable `{env_var}`.");
    let reserved = ["connect", "from_env", "raw"];
    let accessors = ctx.models.iter().map(|m| {
        let mut name = names::snake(&m.model.name);
        if reserved.contains(&name.as_str()) {
            name.push('_');
        }
        let accessor = names::ident(&name);
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
                Ok(Client { inner: __orm::Client::from_env(#env_var).await? })
            }
            /// The untyped engine client (raw statements, transactions).
            pub fn raw(&self) -> &__orm::Client { &self.inner }
            #(#accessors)*
        }
    }
}
