//! Tokens for one model (struct, `impl Model`, its module) and one enum (`enum`, `impl DbEnum`).
//!
//! Type mapping (ARCHITECTURE.md, "The generated client"; PSL scalar types:
//! <https://www.prisma.io/docs/orm/reference/prisma-schema-reference#model-field-scalar-types>):
//! `String`→`String`, `Int`→`i32`, `BigInt`→`i64`, `Float`→`f64`, `Decimal`→`Decimal`,
//! `Boolean`→`bool`, `DateTime`→`DateTime<Utc>`, `Json`→`serde_json::Value`, `Bytes`→`Vec<u8>`,
//! enum→generated enum, `?`→`Option<T>`, `[]`→`Vec<T>` (runtime types from `orm_query_engine::types`).

use std::collections::BTreeMap;

use orm_schema_parser::{
    DefaultKind, Enum, FieldArity, Model, ModelId, ModelKind, RelationKind, ScalarField, ScalarFieldId,
    ScalarFieldType, ScalarType, Schema, Span,
};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use crate::CodegenError;
use crate::composite::CompositeInfo;
use crate::names;

/// Resolved Rust names for the whole schema.
pub(crate) struct Context<'s> {
    pub(crate) schema: &'s Schema,
    /// Generated models (not `@@ignore`d), in schema order.
    pub(crate) models: Vec<ModelInfo<'s>>,
    /// `ModelId` → index into `models`.
    model_index: Vec<Option<usize>>,
    /// Generated enums, in schema order.
    pub(crate) enums: Vec<EnumInfo<'s>>,
    /// Generated composite types (MongoDB `type` blocks), in schema order (index = `CompositeTypeId`).
    pub(crate) composites: Vec<CompositeInfo<'s>>,
}

/// One generated model.
pub(crate) struct ModelInfo<'s> {
    pub(crate) model: &'s Model,
    /// The model's id in the schema.
    id: ModelId,
    pub(crate) type_ident: Ident,
    mod_ident: Ident,
    /// `ScalarFieldId` → column index in `META.columns`; `None` for skipped fields.
    columns: Vec<Option<u16>>,
}

/// One generated enum.
pub(crate) struct EnumInfo<'s> {
    enum_: &'s Enum,
    type_ident: Ident,
    variants: Vec<Ident>,
}

impl<'s> Context<'s> {
    /// Resolves names and column indexes; records skipped models and fields in `notes`.
    pub(crate) fn new(schema: &'s Schema, notes: &mut Vec<String>) -> Result<Context<'s>, CodegenError> {
        let mut type_names: BTreeMap<String, (String, Span)> = BTreeMap::new();
        let mut claim = |rust: String, schema_name: &str, span: Span| -> Result<(), CodegenError> {
            if let Some((first, _)) = type_names.get(&rust) {
                return Err(CodegenError::NameCollision {
                    message: format!(
                        "`{first}` and `{schema_name}` both become the Rust name `{rust}`; rename one"
                    ),
                    span,
                });
            }
            type_names.insert(rust, (schema_name.to_owned(), span));
            Ok(())
        };
        let mut mod_names: BTreeMap<String, String> = BTreeMap::new();

        let mut enums = Vec::new();
        for e in &schema.enums {
            let rust = names::type_name(&e.name, "Enum");
            claim(rust.clone(), &e.name, e.span)?;
            let mut seen = BTreeMap::new();
            let mut variants = Vec::new();
            for v in &e.values {
                let name = names::variant_name(&v.name);
                if let Some(first) = seen.insert(name.clone(), v.name.clone()) {
                    return Err(CodegenError::NameCollision {
                        message: format!(
                            "enum `{}`: values `{first}` and `{}` both become the Rust variant `{name}`; rename one",
                            e.name, v.name
                        ),
                        span: v.span,
                    });
                }
                variants.push(names::ident(&name));
            }
            enums.push(EnumInfo { enum_: e, type_ident: names::ident(&rust), variants });
        }

        let mut composites = Vec::new();
        for ct in &schema.composite_types {
            let rust = names::type_name(&ct.name, "Type");
            claim(rust.clone(), &ct.name, ct.span)?;
            composites.push(CompositeInfo { composite: ct, type_ident: names::ident(&rust) });
        }

        let mut models = Vec::new();
        let mut model_index = vec![None; schema.models.len()];
        for (id, m) in schema.models_with_ids() {
            if m.is_ignored {
                notes.push(format!("model `{}` is `@@ignore`d: not generated", m.name));
                continue;
            }
            let rust = names::type_name(&m.name, "Model");
            claim(rust.clone(), &m.name, m.span)?;
            let snake = names::module_name(&m.name);
            if let Some(first) = mod_names.insert(snake.clone(), m.name.clone()) {
                return Err(CodegenError::NameCollision {
                    message: format!(
                        "models `{first}` and `{}` both become the Rust module `{snake}`; rename one",
                        m.name
                    ),
                    span: m.span,
                });
            }
            let mut columns = Vec::with_capacity(m.scalar_fields.len());
            let mut next: u16 = 0;
            for f in &m.scalar_fields {
                let readable = !f.is_ignored
                    && matches!(
                        f.ty,
                        ScalarFieldType::Builtin(_)
                            | ScalarFieldType::Enum(_)
                            | ScalarFieldType::Composite(_)
                    );
                if readable {
                    columns.push(Some(next));
                    next += 1;
                } else {
                    columns.push(None);
                    let why = match &f.ty {
                        ScalarFieldType::Unsupported(t) => format!("`Unsupported(\"{t}\")` field"),
                        _ => "`@ignore`d field".to_owned(),
                    };
                    notes.push(format!("`{}.{}`: {why} skipped", m.name, f.name));
                }
            }
            model_index[id.0 as usize] = Some(models.len());
            models.push(ModelInfo {
                model: m,
                id,
                type_ident: names::ident(&rust),
                mod_ident: names::ident(&snake),
                columns,
            });
        }
        Ok(Context { schema, models, model_index, enums, composites })
    }

    fn model_info(&self, id: ModelId) -> Option<&ModelInfo<'s>> {
        self.model_index.get(id.0 as usize).copied().flatten().map(|i| &self.models[i])
    }
}

/// `#[doc = " line"]` attributes for a `///` comment.
pub(crate) fn doc_attrs(doc: Option<&str>) -> TokenStream {
    let Some(doc) = doc else { return TokenStream::new() };
    let lines = doc.lines().map(|l| format!(" {l}"));
    quote! { #(#[doc = #lines])* }
}

fn doc_line(text: &str) -> TokenStream {
    let text = format!(" {text}");
    quote! { #[doc = #text] }
}

/// The Rust scalar type of a field without `Option`/`Vec`; `None` for skipped types.
/// `outer` is the path prefix to top-level items (`super::` inside model modules).
fn base_type(ctx: &Context<'_>, ty: &ScalarFieldType, outer: &TokenStream) -> Option<TokenStream> {
    Some(match ty {
        ScalarFieldType::Builtin(s) => match s {
            ScalarType::String => quote!(String),
            ScalarType::Int => quote!(i32),
            ScalarType::BigInt => quote!(i64),
            ScalarType::Float => quote!(f64),
            ScalarType::Decimal => quote!(Decimal),
            ScalarType::Boolean => quote!(bool),
            ScalarType::DateTime => quote!(DateTime<Utc>),
            ScalarType::Json => quote!(Json),
            ScalarType::Bytes => quote!(Vec<u8>),
        },
        ScalarFieldType::Enum(id) => {
            let e = &ctx.enums.get(id.0 as usize)?.type_ident;
            quote!(#outer #e)
        }
        ScalarFieldType::Composite(id) => {
            let c = &ctx.composites.get(id.0 as usize)?.type_ident;
            quote!(#outer #c)
        }
        ScalarFieldType::Unsupported(_) => return None,
    })
}

/// The field's type in the model struct: base type wrapped per arity.
pub(crate) fn field_type(ctx: &Context<'_>, f: &ScalarField, outer: &TokenStream) -> Option<TokenStream> {
    let base = base_type(ctx, &f.ty, outer)?;
    Some(match f.arity {
        FieldArity::Required => base,
        FieldArity::Optional => quote!(Option<#base>),
        FieldArity::List => quote!(Vec<#base>),
    })
}

/// `ColumnType` variant tokens; `outer` as in [`base_type`] (composite types name their struct).
fn column_type(ctx: &Context<'_>, ty: &ScalarFieldType, outer: &TokenStream) -> TokenStream {
    match ty {
        ScalarFieldType::Builtin(s) => {
            let v = names::ident(s.as_str());
            quote!(T::#v)
        }
        ScalarFieldType::Enum(id) => {
            let name = ctx.schema.enum_(*id).database_name();
            quote!(T::Enum(#name))
        }
        ScalarFieldType::Composite(id) => match ctx.composites.get(id.0 as usize) {
            Some(c) => {
                let c = &c.type_ident;
                quote!(T::Composite(<#outer #c as Composite>::META))
            }
            None => quote!(T::String),
        },
        // Skipped before we get here.
        ScalarFieldType::Unsupported(_) => quote!(T::String),
    }
}

/// `ColumnMeta` tokens for a model or composite-type field: `__c(…)`, or `__col(…)` when the
/// field is `@map`ped.
pub(crate) fn column_meta(ctx: &Context<'_>, f: &ScalarField, outer: &TokenStream) -> TokenStream {
    let name = &f.name;
    let column = f.database_name();
    let cty = column_type(ctx, &f.ty, outer);
    let default = column_default(f);
    let mut flags = Vec::new();
    if f.arity == FieldArity::Optional {
        flags.push(quote!(NULLABLE));
    }
    if f.arity == FieldArity::List {
        flags.push(quote!(LIST));
    }
    if f.is_updated_at {
        flags.push(quote!(UPDATED_AT));
    }
    let flags = if flags.is_empty() { quote!(0) } else { quote!(#(#flags)|*) };
    if column == name.as_str() {
        quote! { __c(#name, #cty, #default, #flags) }
    } else {
        quote! { __col(#name, #column, #cty, #default, #flags) }
    }
}

/// `ColumnDefault` tokens for a field (`@default` kind, or none).
fn column_default(f: &ScalarField) -> TokenStream {
    let Some(d) = &f.default else { return quote!(D::None) };
    match &d.kind {
        DefaultKind::Autoincrement
        | DefaultKind::Sequence
        | DefaultKind::DbGenerated(_)
        | DefaultKind::Value(_)
        | DefaultKind::List(_)
        | DefaultKind::Auto => quote!(D::Database),
        DefaultKind::Now => quote!(D::Now),
        DefaultKind::Uuid(7) => quote!(D::Uuid7),
        DefaultKind::Uuid(_) => quote!(D::Uuid4),
        DefaultKind::Cuid(_) => quote!(D::Cuid),
        DefaultKind::Nanoid(n) => {
            let n = Literal::u8_unsuffixed(n.unwrap_or(21));
            quote!(D::Nanoid(#n))
        }
        DefaultKind::Ulid => quote!(D::Ulid),
    }
}

fn u16_list(items: impl IntoIterator<Item = u16>) -> TokenStream {
    let items = items.into_iter().map(Literal::u16_unsuffixed);
    quote!(&[#(#items),*])
}

/// Tokens for one enum: the Rust enum and `impl DbEnum`.
pub(crate) fn enum_tokens(_schema: &Schema, info: &EnumInfo<'_>) -> TokenStream {
    let e = info.enum_;
    let ty = &info.type_ident;
    let docs = doc_attrs(e.documentation.as_deref());
    let db_type = e.database_name();
    let variants = info.variants.iter().zip(&e.values).map(|(v, value)| {
        let d = doc_attrs(value.documentation.as_deref());
        quote! { #d #v }
    });
    let pairs = info.variants.iter().zip(&e.values).map(|(v, value)| {
        let s = value.database_name();
        quote! { (#ty::#v, #s) }
    });
    let n = Literal::usize_unsuffixed(e.values.len());
    // An enum without values has no variants to index with (`self as usize` would not compile).
    let as_db =
        if e.values.is_empty() { quote!(match self {}) } else { quote!(Self::DB_VALUES[self as usize].1) };
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #ty { #(#variants),* }
        impl #ty {
            const DB_VALUES: [(#ty, &'static str); #n] = [#(#pairs),*];
        }
        impl __orm::typed::DbEnum for #ty {
            const DB_TYPE: &'static str = #db_type;
            fn as_db_str(self) -> &'static str { #as_db }
            fn from_db_str(s: &str) -> Option<Self> { Self::DB_VALUES.iter().find(|v| v.1 == s).map(|v| v.0) }
        }
    }
}

/// One criterion (id or unique) as column indexes, or `None` when a field of it is skipped.
fn criterion(info: &ModelInfo<'_>, fields: &[orm_schema_parser::IndexField]) -> Option<Vec<u16>> {
    fields.iter().map(|f| info.columns.get(f.field.0 as usize).copied().flatten()).collect()
}

/// Tokens for one model: struct, `impl Model`, and `pub mod <model_snake>`.
pub(crate) fn model_tokens(
    ctx: &Context<'_>,
    info: &ModelInfo<'_>,
    notes: &mut Vec<String>,
) -> Result<TokenStream, CodegenError> {
    let m = info.model;
    let ty = &info.type_ident;
    let module = &info.mod_ident;
    let top = TokenStream::new();
    let sup = quote!(super::);

    // Readable fields in column order.
    // Names in the module's value namespace: fields, relations, compound uniques, `create`.
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    let mut fields: Vec<(ScalarFieldId, &ScalarField, Ident)> = Vec::new();
    for (i, f) in m.scalar_fields.iter().enumerate() {
        if info.columns[i].is_none() {
            continue;
        }
        let what = format!("field `{}`", f.name);
        let rust = claim(&mut taken, notes, &m.name, names::snake(&f.name), "_field", what, f.span)?;
        fields.push((ScalarFieldId(i as u32), f, names::ident(&rust)));
    }

    // Struct.
    let mut struct_docs = doc_attrs(m.documentation.as_deref());
    if m.kind == ModelKind::View {
        struct_docs.extend(doc_line(
            "A database view: read-only; creates, updates and deletes fail in the database.",
        ));
    }
    let skipped: Vec<String> = m
        .scalar_fields
        .iter()
        .enumerate()
        .filter(|(i, _)| info.columns[*i].is_none())
        .map(|(_, f)| format!("`{}`", f.name))
        .collect();
    if !skipped.is_empty() {
        struct_docs.extend(doc_line(""));
        struct_docs.extend(doc_line(&format!(
            "Not readable through the client (`Unsupported` or `@ignore`): {}.",
            skipped.join(", ")
        )));
    }
    let struct_fields = fields.iter().filter_map(|(_, f, id)| {
        let d = doc_attrs(f.documentation.as_deref());
        let t = field_type(ctx, f, &top)?;
        Some(quote! { #d pub #id: #t })
    });
    let reads = fields.iter().map(|(_, _, id)| quote! { #id: row.next()? });

    // META columns.
    let cols = fields.iter().map(|(_, f, _)| column_meta(ctx, f, &sup));
    let model_name = &m.name;
    let mod_doc = format!(" Fields, relations and inputs of `{}`.", m.name);
    let table = m.database_name();
    let schema_opt = match &m.schema {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    };

    // Unique criteria: primary key first, then uniques; skip ones with unreadable fields.
    let mut criteria: Vec<Vec<u16>> = Vec::new();
    let mut compound: Vec<(String, Vec<u16>, Span)> = Vec::new();
    let mut consider = |fields_: &[orm_schema_parser::IndexField], name: &Option<String>, span: Span| {
        let Some(cols) = criterion(info, fields_) else {
            return;
        };
        if criteria.iter().any(|c| {
            let mut a = c.clone();
            let mut b = cols.clone();
            a.sort_unstable();
            b.sort_unstable();
            a == b
        }) {
            return;
        }
        if cols.len() > 1 {
            let fn_name = match name {
                Some(n) => n.clone(),
                None => fields_
                    .iter()
                    .map(|f| m.scalar_field(f.field).name.as_str())
                    .collect::<Vec<_>>()
                    .join("_"),
            };
            compound.push((fn_name, cols.clone(), span));
        }
        criteria.push(cols);
    };
    if let Some(pk) = &m.primary_key {
        consider(&pk.fields, &pk.name, pk.span);
    }
    for u in &m.unique_constraints {
        consider(&u.fields, &u.name, u.span);
    }
    let unique_single: Vec<u16> = criteria.iter().filter(|c| c.len() == 1).map(|c| c[0]).collect();
    let primary_key = u16_list(criteria.first().cloned().unwrap_or_default());
    let unique_criteria = criteria.iter().map(|c| u16_list(c.iter().copied()));

    // Field accessors.
    let field_fns = fields.iter().enumerate().filter_map(|(col, (_, f, id))| {
        let t = field_type(ctx, f, &sup)?;
        let kind = if unique_single.contains(&(col as u16)) { quote!(, Unique) } else { quote!() };
        let col = Literal::u16_unsuffixed(col as u16);
        let d = doc_attrs(f.documentation.as_deref());
        Some(quote! { #d pub const fn #id() -> F<#t #kind> { F::new(#col) } })
    });
    let field_fns: Vec<TokenStream> = field_fns.collect();

    // Compound unique constructors.
    let mut compound_fns = Vec::new();
    for (fn_name, cols, span) in &compound {
        let snake = names::snake(fn_name);
        let what = format!("compound unique `{fn_name}`");
        let fn_ident = names::ident(&claim(&mut taken, notes, &m.name, snake, "_unique", what, *span)?);
        let params: Vec<(&Ident, TokenStream)> = cols
            .iter()
            .filter_map(|c| {
                let (_, f, id) = &fields[*c as usize];
                base_type(ctx, &f.ty, &sup).map(|t| (id, t))
            })
            .collect();
        let args = params.iter().map(|(id, t)| quote! { #id: impl Into<#t> });
        let pairs = params.iter().zip(cols).map(|((id, t), c)| {
            let c = Literal::u16_unsuffixed(*c);
            quote! { (#c, __v::<#t>(#id)) }
        });
        let body = quote! { __unique(Vec::from([#(#pairs),*])) };
        let doc = format!(" The unique criterion `{fn_name}`.");
        let allow = allow_many_arguments(params.len(), "one parameter per field");
        compound_fns.push(quote! {
            #[doc = #doc]
            #allow
            pub fn #fn_ident(#(#args),*) -> UniqueFilter<super::#ty> { #body }
        });
    }

    // Relations.
    let mut relation_fns = Vec::new();
    for rf in &m.relation_fields {
        if rf.is_ignored {
            notes.push(format!("`{}.{}`: `@ignore`d relation field skipped", m.name, rf.name));
            continue;
        }
        let relation = ctx.schema.relation(rf.relation);
        let Some(other) = ctx.model_info(rf.related_model) else {
            notes.push(format!("`{}.{}`: relation to an `@@ignore`d model skipped", m.name, rf.name));
            continue;
        };
        if relation.kind == RelationKind::ManyToMany {
            notes.push(format!(
                "`{}.{}`: implicit many-to-many relation accessor not generated yet",
                m.name, rf.name
            ));
            continue;
        }
        // This field is the referencing side when its model and field match `relation.referencing`.
        let is_referencing = relation.referencing.model == info.id
            && relation.referencing.field.is_some_and(|id| std::ptr::eq(m.relation_field(id), rf));
        let (from, to) = if is_referencing {
            (criterion_ids(info, &relation.fields), criterion_ids(other, &relation.references))
        } else {
            (criterion_ids(info, &relation.references), criterion_ids(other, &relation.fields))
        };
        let (Some(from), Some(to)) = (from, to) else {
            notes.push(format!(
                "`{}.{}`: relation over a skipped (`Unsupported`/`@ignore`d) field not generated",
                m.name, rf.name
            ));
            continue;
        };
        let what = format!("relation field `{}`", rf.name);
        let rust = claim(&mut taken, notes, &m.name, names::snake(&rf.name), "_relation", what, rf.span)?;
        let (card, marker) = match rf.arity {
            FieldArity::List => (quote!(C::Many), quote!(Many)),
            FieldArity::Required => (quote!(C::One), quote!(One)),
            FieldArity::Optional => (quote!(C::OptionalOne), quote!(OptionalOne)),
        };
        let id = names::ident(&rust);
        let other_ty = &other.type_ident;
        let name = &rf.name;
        let from = u16_list(from);
        let to = u16_list(to);
        let d = doc_attrs(rf.documentation.as_deref());
        relation_fns.push(quote! {
            #d
            pub const fn #id() -> R<super::#other_ty, #marker> {
                R::new(const { &__rel(#name, #from, #to, #card) })
            }
        });
    }

    // Create input.
    let mut create_fields = Vec::new();
    let mut ctor_params = Vec::new();
    let mut ctor_inits = Vec::new();
    let mut pushes = Vec::new();
    for (col, (_, f, id)) in fields.iter().enumerate() {
        let Some(t) = field_type(ctx, f, &sup) else { continue };
        let col = Literal::u16_unsuffixed(col as u16);
        let required = f.arity != FieldArity::Optional && f.default.is_none() && !f.is_updated_at;
        let list = f.arity == FieldArity::List;
        if list && f.default.is_none() {
            // Lists without a default start empty (Prisma's `[]`); they are always written.
            create_fields.push(quote! { pub #id: #t });
            ctor_inits.push(quote! { #id: Vec::new() });
            pushes.push(quote! { __list(out, #col, self.#id); });
        } else if required {
            create_fields.push(quote! { pub #id: #t });
            ctor_params.push(quote! { #id: impl Into<#t> });
            ctor_inits.push(quote! { #id: #id.into() });
            pushes.push(quote! { __req(out, #col, self.#id); });
        } else {
            let t = if f.arity == FieldArity::Optional { t } else { quote!(Option<#t>) };
            create_fields.push(quote! { pub #id: #t });
            ctor_inits.push(quote! { #id: None });
            let helper = if list { quote!(__opt_list) } else { quote!(__opt) };
            pushes.push(quote! { #helper(out, #col, self.#id); });
        }
    }
    let blocking: Vec<&ScalarField> = m
        .scalar_fields
        .iter()
        .enumerate()
        .filter(|(i, f)| info.columns[*i].is_none() && f.arity == FieldArity::Required && f.default.is_none())
        .map(|(_, f)| f)
        .collect();
    let create_fn = if blocking.is_empty() {
        let ctor = names::ident(&names::create_fn_name(|name| taken.contains_key(name)));
        let allow = allow_many_arguments(ctor_params.len(), "one parameter per required field");
        quote! {
            /// `Create` with the required fields set; the rest are `None` (default or NULL).
            #allow
            pub fn #ctor(#(#ctor_params),*) -> Create { Create { #(#ctor_inits),* } }
        }
    } else {
        let list = blocking.iter().map(|f| format!("`{}`", f.name)).collect::<Vec<_>>().join(", ");
        notes.push(format!(
            "model `{}`: no `create` constructor, required field(s) {list} cannot be set through the client",
            m.name
        ));
        TokenStream::new()
    };
    let create_doc = if blocking.is_empty() {
        format!(" Values for a new `{}`; `None` means the default (or NULL).", m.name)
    } else {
        format!(
            " Values for a new `{}`. Creating one fails: required fields are not settable through the client.",
            m.name
        )
    };

    Ok(quote! {
        #struct_docs
        #[derive(Debug, Clone, PartialEq)]
        pub struct #ty { #(#struct_fields),* }
        #[doc = #mod_doc]
        pub mod #module {
            use super::__rt::*;
            pub type F<T, K = Plain> = Field<super::#ty, T, K>;
            pub type R<To, C> = Relation<super::#ty, To, C>;
            impl Model for super::#ty {
                const META: &'static ModelMeta = &META;
                type Create = Create;
                fn from_row(row: &mut RowReader<'_>) -> Result<Self> {
                    Ok(Self { #(#reads),* })
                }
            }
            pub const META: ModelMeta = ModelMeta {
                name: #model_name,
                table: #table,
                schema: #schema_opt,
                columns: &[#(#cols),*],
                primary_key: #primary_key,
                unique_criteria: &[#(#unique_criteria),*],
            };
            #(#field_fns)*
            #(#relation_fns)*
            #(#compound_fns)*
            #[doc = #create_doc]
            #[derive(Debug, Clone, PartialEq)]
            pub struct Create { #(#create_fields),* }
            #create_fn
            impl CreateInput<super::#ty> for Create {
                fn into_values(self, out: &mut Vec<(u16, Value)>) { #(#pushes)* }
            }
        }
    })
}

/// Clippy's `too_many_arguments` lint fires above 7 parameters by default
/// (<https://rust-lang.github.io/rust-clippy/master/index.html#too_many_arguments>). Generated
/// constructors take one parameter per field, so above that count they allow the lint, with `reason`;
/// below it they carry no attribute (most functions, and the file stays small).
fn allow_many_arguments(params: usize, reason: &str) -> TokenStream {
    if params > 7 {
        quote! { #[allow(clippy::too_many_arguments, reason = #reason)] }
    } else {
        TokenStream::new()
    }
}

/// Reserves `rust` in a model module's value namespace for `what`. When it is taken (e.g. field
/// `user` and relation field `User` in one model), `rust + suffix` is used and a note says so;
/// when that is taken too, the schema cannot be generated.
#[allow(clippy::too_many_arguments)]
fn claim(
    taken: &mut BTreeMap<String, String>,
    notes: &mut Vec<String>,
    model: &str,
    rust: String,
    suffix: &str,
    what: String,
    span: Span,
) -> Result<String, CodegenError> {
    if !taken.contains_key(&rust) {
        taken.insert(rust.clone(), what);
        return Ok(rust);
    }
    let renamed = format!("{rust}{suffix}");
    if let Some(first) = taken.get(&renamed) {
        return Err(CodegenError::NameCollision {
            message: format!(
                "model `{model}`: {first} and {what} both become the Rust name `{renamed}`; rename one"
            ),
            span,
        });
    }
    let first = taken.get(&rust).cloned().unwrap_or_default();
    notes.push(format!("model `{model}`: {what} is `{renamed}` in Rust because {first} is `{rust}`"));
    taken.insert(renamed.clone(), what);
    Ok(renamed)
}

fn criterion_ids(info: &ModelInfo<'_>, ids: &[ScalarFieldId]) -> Option<Vec<u16>> {
    ids.iter().map(|f| info.columns.get(f.0 as usize).copied().flatten()).collect()
}
