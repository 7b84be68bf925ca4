//! Tokens for composite types (MongoDB `type` blocks): one Rust struct per type, and their
//! `impl Composite` / `impl CustomType` in one private module `__composites`.
//!
//! A composite type (<https://www.prisma.io/docs/orm/prisma-schema/data-model/models#defining-composite-types>)
//! is an embedded document. Its fields map like model fields (see `model.rs`): scalars, enums,
//! other composite types, `?` → `Option<T>`, `[]` → `Vec<T>`. A model field of a composite type is
//! typed with the struct, so the generic operators of `orm_query_engine::typed` apply to it
//! (equality, `in_`, `set`, null checks); nothing per type is generated beyond the struct, its
//! `META` and three one-line trait methods.

use orm_schema_parser::{CompositeType, CompositeTypeId, FieldArity, ScalarField, ScalarFieldType, Schema};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::CodegenError;
use crate::model::{Context, column_meta, doc_attrs, field_type};
use crate::names;

/// One generated composite type.
pub(crate) struct CompositeInfo<'s> {
    pub(crate) composite: &'s CompositeType,
    pub(crate) type_ident: Ident,
}

/// Refuses composite types that contain themselves through fields that are not lists: the Rust
/// struct would have infinite size (`type A { a A? }`). Lists (`A[]`) are fine (`Vec` is indirect).
///
/// # Errors
/// [`CodegenError::Unsupported`] naming the type and the field that closes the cycle.
pub(crate) fn check_cycles(schema: &Schema) -> Result<(), CodegenError> {
    for (start, ct) in schema.composite_types.iter().enumerate() {
        // Depth-first over non-list composite edges; `seen` bounds the walk.
        let mut seen = vec![false; schema.composite_types.len()];
        let mut stack: Vec<usize> = vec![start];
        while let Some(at) = stack.pop() {
            for f in &schema.composite_types[at].fields {
                let ScalarFieldType::Composite(CompositeTypeId(next)) = f.ty else { continue };
                if f.arity == FieldArity::List {
                    continue;
                }
                let next = next as usize;
                if next == start {
                    return Err(CodegenError::Unsupported {
                        feature: format!(
                            "recursive composite type `{}` (through the non-list field `{}.{}`)",
                            ct.name, schema.composite_types[at].name, f.name
                        ),
                        span: f.span,
                    });
                }
                if next < seen.len() && !seen[next] {
                    seen[next] = true;
                    stack.push(next);
                }
            }
        }
    }
    Ok(())
}

/// The Rust field names of a composite type, in field order.
///
/// # Errors
/// [`CodegenError::NameCollision`] when two fields give the same Rust name.
fn field_idents(ct: &CompositeType) -> Result<Vec<(&ScalarField, Ident)>, CodegenError> {
    let mut seen: Vec<(String, &str)> = Vec::new();
    let mut out = Vec::with_capacity(ct.fields.len());
    for f in &ct.fields {
        let snake = names::snake(&f.name);
        if let Some((_, first)) = seen.iter().find(|(s, _)| *s == snake) {
            return Err(CodegenError::NameCollision {
                message: format!(
                    "type `{}`: fields `{first}` and `{}` both become the Rust name `{snake}`; rename one",
                    ct.name, f.name
                ),
                span: f.span,
            });
        }
        seen.push((snake.clone(), &f.name));
        out.push((f, names::ident(&snake)));
    }
    Ok(out)
}

/// The structs of all composite types, then the module with their trait impls. Empty when the
/// schema has none.
///
/// # Errors
/// [`CodegenError::NameCollision`] for colliding field names, [`CodegenError::Unsupported`] for
/// a field whose type cannot be generated (e.g. `Unsupported("…")`).
pub(crate) fn composite_tokens(ctx: &Context<'_>) -> Result<TokenStream, CodegenError> {
    if ctx.composites.is_empty() {
        return Ok(TokenStream::new());
    }
    let top = TokenStream::new();
    let sup = quote!(super::);
    let mut structs = TokenStream::new();
    let mut impls = TokenStream::new();
    for info in &ctx.composites {
        let ct = info.composite;
        let ty = &info.type_ident;
        let fields = field_idents(ct)?;
        let mut struct_fields = Vec::new();
        let mut metas = Vec::new();
        let mut values = Vec::new();
        for (f, id) in &fields {
            let Some(t) = field_type(ctx, f, &top) else {
                return Err(CodegenError::Unsupported {
                    feature: format!("field `{}.{}` of a composite type with this type", ct.name, f.name),
                    span: f.span,
                });
            };
            let d = doc_attrs(f.documentation.as_deref());
            struct_fields.push(quote! { #d pub #id: #t });
            metas.push(column_meta(ctx, f, &sup));
            values.push(quote! { ToValue::to_value(self.#id) });
        }
        let docs = doc_attrs(ct.documentation.as_deref());
        let type_doc = format!(" Composite type `{}` (an embedded document).", ct.name);
        let type_doc = if ct.documentation.is_some() {
            TokenStream::new()
        } else {
            quote! { #[doc = #type_doc] }
        };
        structs.extend(quote! {
            #docs
            #type_doc
            #[derive(Debug, Clone, PartialEq)]
            pub struct #ty { #(#struct_fields),* }
        });
        let name = &ct.name;
        impls.extend(quote! {
            impl Composite for super::#ty {
                const META: &'static CompositeMeta = &CompositeMeta { name: #name, fields: &[#(#metas),*] };
                fn into_values(self, out: &mut Vec<Value>) { out.extend([#(#values),*]); }
            }
            impl CustomType for super::#ty {
                fn to_value(self) -> Value { composite_value(self) }
                fn decode(_: Column<'_>) -> Result<Self, String> { Err(composite_unreadable::<Self>()) }
                fn decode_list(_: Column<'_>) -> Result<Vec<Self>, String> { Err(composite_unreadable::<Self>()) }
            }
        });
    }
    Ok(quote! {
        #structs
        /// `Composite` and `CustomType` for the composite types above.
        mod __composites {
            use super::__rt::*;
            use super::__orm::row::Column;
            #impls
        }
    })
}
