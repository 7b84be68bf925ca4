//! Writes a Rust program that creates one row in every model of a schema and reads it back, using the
//! client generated for that schema. Built from the `Schema` IR so it works for any corpus schema.
//!
//! Order: a model is created after every model it references through a required foreign key
//! (topological order over required relations). Required fields without a default get a
//! type-appropriate literal; foreign key fields copy the referenced values of the parent row.
//! Rust names mirror codegen's rules (snake_case modules and fields, `r#` for keywords, `Model`/`Enum`
//! suffix for type names that clash with the prelude).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use heck::{ToSnakeCase, ToUpperCamelCase};
use orm_schema_parser::{
    FieldArity, ModelId, ModelKind, ScalarField, ScalarFieldId, ScalarFieldType, ScalarType, Schema,
};

/// A Rust identifier for `text` exactly as codegen writes it (one rule set: `orm_codegen::names`).
pub fn ident(text: &str) -> String {
    orm_codegen::names::ident_text(text)
}

/// `snake_case` identifier of a schema name.
pub fn snake_ident(name: &str) -> String {
    ident(&name.to_snake_case())
}

/// Rust type name of a model (`suffix` = `Model`) or enum (`Enum`), as codegen writes it.
pub fn type_name(name: &str, suffix: &str) -> String {
    orm_codegen::names::type_name(name, suffix)
}

/// The client accessor of a model (`client.user()`).
fn accessor(name: &str) -> String {
    ident(&orm_codegen::names::client_accessor(name))
}

fn readable(field: &ScalarField) -> bool {
    !field.is_ignored && matches!(field.ty, ScalarFieldType::Builtin(_) | ScalarFieldType::Enum(_))
}

/// What the generated program covers.
#[derive(Debug)]
pub struct Program {
    /// The `main.rs` text.
    pub source: String,
    /// Names of the models it creates, in creation order.
    pub models: Vec<String>,
}

/// Writes the program for `schema`; the client module is `client` (a sibling `client.rs`).
///
/// # Errors
/// A model that cannot be created through the client (a view, an ignored model, a required
/// `Unsupported` field) or a cycle of required relations; the message names the models.
pub fn generate(schema: &Schema) -> Result<Program, String> {
    let order = creation_order(schema)?;
    let mut body = String::new();
    // For each created model: variable name.
    let mut vars: BTreeMap<ModelId, String> = BTreeMap::new();
    // Optional fields that a child references: the parent must set them.
    let referenced = referenced_fields(schema);
    let mut names = Vec::new();
    for model_id in order {
        let model = schema.model(model_id);
        let module = ident(&orm_codegen::names::module_name(&model.name));
        let var = format!("row_{}", model_id.0);
        // Values of foreign key fields, from the parent rows.
        let mut fk_values: BTreeMap<ScalarFieldId, String> = BTreeMap::new();
        for rf in &model.relation_fields {
            if rf.fields.is_empty() {
                continue;
            }
            let any_required = rf.fields.iter().any(|f| model.scalar_field(*f).arity == FieldArity::Required);
            let Some(parent_var) = vars.get(&rf.related_model) else {
                if any_required {
                    return Err(format!("`{}.{}`: parent not created first", model.name, rf.name));
                }
                continue;
            };
            let parent = schema.model(rf.related_model);
            for (fk, reference) in rf.fields.iter().zip(&rf.references) {
                let parent_field = parent.scalar_field(*reference);
                let mut expr = format!("{parent_var}.{}.clone()", snake_ident(&parent_field.name));
                if parent_field.arity == FieldArity::Optional {
                    expr = format!("{expr}.expect(\"referenced field set\")");
                }
                fk_values.entry(*fk).or_insert(expr);
            }
        }
        let mut ctor_args = Vec::new();
        let mut assignments = Vec::new();
        for (idx, field) in model.scalar_fields.iter().enumerate() {
            let field_id = ScalarFieldId(idx as u32);
            if !readable(field) {
                continue;
            }
            let name = snake_ident(&field.name);
            let list_without_default = field.arity == FieldArity::List && field.default.is_none();
            let required =
                field.arity != FieldArity::Optional && field.default.is_none() && !field.is_updated_at;
            let value = match fk_values.get(&field_id) {
                Some(expr) => Some(expr.clone()),
                None if (required && !list_without_default)
                    || (field.arity == FieldArity::Optional
                        && referenced.contains(&(model_id, field_id))) =>
                {
                    Some(literal(schema, model_id, field))
                }
                None => None,
            };
            if list_without_default {
                continue;
            }
            match (required, value) {
                (true, Some(v)) => ctor_args.push(v),
                (true, None) => return Err(format!("`{}.{}`: no value", model.name, field.name)),
                (false, Some(v)) => assignments.push(format!("input.{name} = Some({v});")),
                (false, None) => {}
            }
        }
        let ctor = orm_codegen::names::create_fn_name(|name| {
            model.scalar_fields.iter().any(|f| f.name.to_snake_case() == name)
                || model.relation_fields.iter().any(|f| f.name.to_snake_case() == name)
        });
        let acc = accessor(&model.name);
        let _ = writeln!(body, "    // model `{}` (table `{}`)", model.name, model.database_name());
        let mutability = if assignments.is_empty() { "" } else { "mut " };
        let _ =
            writeln!(body, "    let {mutability}input = client::{module}::{ctor}({});", ctor_args.join(", "));
        for a in &assignments {
            let _ = writeln!(body, "    {a}");
        }
        let _ = writeln!(
            body,
            "    let {var} = db.{acc}().create(input).await.unwrap_or_else(|e| panic!(\"create {}: {{e}}\"));",
            model.name
        );
        // Read back by the primary key (or the first unique criterion).
        let criterion: Vec<ScalarFieldId> = model
            .primary_key
            .as_ref()
            .map(|pk| pk.fields.iter().map(|f| f.field).collect())
            .or_else(|| model.unique_constraints.first().map(|u| u.fields.iter().map(|f| f.field).collect()))
            .unwrap_or_default();
        let criterion_ok = !criterion.is_empty()
            && criterion.iter().all(|f| {
                readable(model.scalar_field(*f)) && model.scalar_field(*f).arity == FieldArity::Required
            });
        if criterion_ok {
            let filters: Vec<String> = criterion
                .iter()
                .map(|f| {
                    let n = snake_ident(&model.scalar_field(*f).name);
                    format!("client::{module}::{n}().equals({var}.{n}.clone()).into()")
                })
                .collect();
            let _ = writeln!(
                body,
                "    let found = db.{acc}().find_many().filter(::orm_query_engine::typed::Filter::all(vec![{}])).await.unwrap_or_else(|e| panic!(\"read {}: {{e}}\"));",
                filters.join(", "),
                model.name
            );
            let _ = writeln!(body, "    assert_eq!(found.len(), 1, \"read back {}\");", model.name);
            for f in &criterion {
                let n = snake_ident(&model.scalar_field(*f).name);
                let _ = writeln!(body, "    assert_eq!(found[0].{n}, {var}.{n});");
            }
            if criterion.len() == 1 {
                let n = snake_ident(&model.scalar_field(criterion[0]).name);
                let _ = writeln!(
                    body,
                    "    let unique = db.{acc}().find_unique(client::{module}::{n}().equals({var}.{n}.clone())).await.unwrap_or_else(|e| panic!(\"find_unique {}: {{e}}\"));",
                    model.name
                );
                let _ = writeln!(body, "    assert!(unique.is_some(), \"find_unique {}\");", model.name);
            }
        } else {
            let _ = writeln!(body, "    let _ = &{var};");
        }
        let _ = writeln!(
            body,
            "    assert_eq!(db.{acc}().count().await.unwrap_or_else(|e| panic!(\"count {}: {{e}}\")), 1);",
            model.name
        );
        let _ = writeln!(body, "    println!(\"ok {}\");\n", model.name);
        vars.insert(model_id, var);
        names.push(model.name.clone());
    }
    let source = format!(
        "//! Generated by orm-tests: creates one row in every model and reads it back.\n\n\
         #[allow(dead_code, unused_imports, clippy::all)]\nmod client;\n\n\
         #[tokio::main(flavor = \"current_thread\")]\nasync fn main() {{\n    \
         let url = std::env::var(\"DATABASE_URL\").expect(\"DATABASE_URL is set\");\n    \
         let db = client::Client::connect(&url).await.unwrap_or_else(|e| panic!(\"connect: {{e}}\"));\n\n\
         {body}    println!(\"E2E_OK {}\");\n}}\n",
        names.len()
    );
    Ok(Program { source, models: names })
}

/// A literal of the field's Rust type (not wrapped in `Some`).
fn literal(schema: &Schema, model_id: ModelId, field: &ScalarField) -> String {
    let scalar = match &field.ty {
        ScalarFieldType::Builtin(t) => scalar_literal(*t, field, model_id),
        ScalarFieldType::Enum(id) => {
            let e = schema.enum_(*id);
            let variant = e.values.first().map_or_else(String::new, |v| v.name.to_upper_camel_case());
            format!("client::{}::{}", type_name(&e.name, "Enum"), ident(&variant))
        }
        _ => "todo!()".to_owned(),
    };
    if field.arity == FieldArity::List { format!("vec![{scalar}]") } else { scalar }
}

fn scalar_literal(ty: ScalarType, field: &ScalarField, model_id: ModelId) -> String {
    let native = field.native_type.as_ref().map(|n| n.name.as_str());
    match ty {
        ScalarType::String => {
            let text = match native {
                Some("Uuid") | Some("UniqueIdentifier") => format!("00000000-0000-4000-8000-{:012}", model_id.0),
                Some("Inet") => "127.0.0.1".to_owned(),
                Some("Xml") => "<e2e/>".to_owned(),
                Some("Char") | Some("VarChar") | Some("NChar") | Some("NVarChar") => {
                    let max = field.native_type.as_ref().and_then(|n| n.args.first()).and_then(|a| a.parse::<usize>().ok());
                    let mut s = format!("v{}", model_id.0);
                    if let Some(max) = max {
                        s.truncate(max.max(1));
                    }
                    s
                }
                _ => format!("{}-{}", field.name, model_id.0),
            };
            format!("String::from({text:?})")
        }
        ScalarType::Int => "1i32".to_owned(),
        ScalarType::BigInt => "1i64".to_owned(),
        ScalarType::Float => "1.5f64".to_owned(),
        ScalarType::Decimal => "::orm_query_engine::rust_decimal::Decimal::new(15, 1)".to_owned(),
        ScalarType::Boolean => "true".to_owned(),
        ScalarType::DateTime => {
            "::orm_query_engine::chrono::DateTime::<::orm_query_engine::chrono::Utc>::from_timestamp(1_700_000_000, 0).expect(\"valid timestamp\")".to_owned()
        }
        ScalarType::Json => "::orm_query_engine::serde_json::json!({\"e2e\": true})".to_owned(),
        ScalarType::Bytes => "vec![1u8, 2, 3]".to_owned(),
    }
}

/// `(model, field)` pairs referenced by some relation's `references:`.
fn referenced_fields(schema: &Schema) -> BTreeSet<(ModelId, ScalarFieldId)> {
    let mut acc = BTreeSet::new();
    for (_, model) in schema.models_with_ids() {
        for rf in &model.relation_fields {
            for r in &rf.references {
                acc.insert((rf.related_model, *r));
            }
        }
    }
    acc
}

/// Models in an order where every model comes after the models its required foreign keys point at.
fn creation_order(schema: &Schema) -> Result<Vec<ModelId>, String> {
    let mut deps: BTreeMap<ModelId, BTreeSet<ModelId>> = BTreeMap::new();
    for (id, model) in schema.models_with_ids() {
        if model.is_ignored || model.kind == ModelKind::View {
            return Err(format!(
                "model `{}` is a view or ignored; the e2e program cannot create it",
                model.name
            ));
        }
        if let Some(f) = model
            .scalar_fields
            .iter()
            .find(|f| !readable(f) && f.arity == FieldArity::Required && f.default.is_none())
        {
            return Err(format!("`{}.{}` cannot be set through the client", model.name, f.name));
        }
        let entry = deps.entry(id).or_default();
        for rf in &model.relation_fields {
            let required = rf.fields.iter().any(|f| model.scalar_field(*f).arity == FieldArity::Required);
            if required {
                if rf.related_model == id {
                    return Err(format!("`{}.{}`: required self-relation", model.name, rf.name));
                }
                entry.insert(rf.related_model);
            }
        }
    }
    let mut order = Vec::new();
    let mut done = BTreeSet::new();
    while done.len() < deps.len() {
        let ready: Vec<ModelId> = deps
            .iter()
            .filter(|(id, ds)| !done.contains(*id) && ds.iter().all(|d| done.contains(d)))
            .map(|(id, _)| *id)
            .collect();
        if ready.is_empty() {
            let stuck: Vec<&str> = deps
                .keys()
                .filter(|id| !done.contains(*id))
                .map(|id| schema.model(*id).name.as_str())
                .collect();
            return Err(format!("cycle of required relations between {}", stuck.join(", ")));
        }
        for id in ready {
            done.insert(id);
            order.push(id);
        }
    }
    Ok(order)
}
