//! Validation: one or more [`ast::SchemaAst`]s (the files of one schema) → the [`Schema`] IR.
//!
//! Passes, in order: configuration (datasource, generators) → names (models, views, enums,
//! composite types; duplicates) → enums → fields and their attributes → block attributes
//! (`@@id`, `@@unique`, `@@index`, …) → relation fields → relations (pairing, kinds, referential
//! actions) → model-level checks (unique criterion) → connector rules for keys and indexes
//! (`clustered:`, `type:`, `length:`, `sort:` on primary keys, constraint-name namespaces). Every
//! pass keeps going after an error; an item that cannot be resolved is left out (with a
//! diagnostic), so ids in the returned `Schema` are always valid. Message wording lives in the `err_*` helpers and in the passes; codes are
//! `schema::<snake_case>` and never change.
//! Rules follow <https://www.prisma.io/docs/orm/reference/prisma-schema-reference>.

use foldhash::HashMap;

use crate::ast::{self, Expression};
use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::schema::*;

mod attributes;
mod config;
mod constraints;
mod native_types;
mod relations;

/// Validates the files of one schema together. Never fails: problems go to `diagnostics`, and the
/// returned [`Schema`] holds everything that could be resolved.
pub fn validate(asts: &[ast::SchemaAst], diagnostics: &mut Diagnostics) -> Schema {
    let mut ctx = Ctx {
        diags: diagnostics,
        schema: Schema::default(),
        names: HashMap::default(),
        datasource_name: None,
    };
    config::validate_config(&mut ctx, asts);
    collect_names(&mut ctx, asts);
    validate_enums(&mut ctx, asts);
    let pending = attributes::validate_models(&mut ctx, asts);
    relations::resolve_relations(&mut ctx, pending);
    check_unique_criteria(&mut ctx);
    check_models(&mut ctx);
    constraints::check_constraints(&mut ctx);
    ctx.schema
}

/// What a top-level name refers to.
#[derive(Debug, Clone, Copy)]
pub(crate) enum TopId {
    Model(ModelId),
    Enum(EnumId),
    Composite(CompositeTypeId),
}

/// State shared by the passes.
pub(crate) struct Ctx<'d> {
    pub(crate) diags: &'d mut Diagnostics,
    pub(crate) schema: Schema,
    /// Top-level name → id, with the span of the defining name.
    pub(crate) names: HashMap<String, (TopId, Span)>,
    /// Name of the datasource block (prefix of native type attributes, `@db.X`).
    pub(crate) datasource_name: Option<String>,
}

impl Ctx<'_> {
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.diags.push(diagnostic);
    }
    pub(crate) fn provider(&self) -> Option<Provider> {
        self.schema.provider()
    }
    pub(crate) fn relation_mode(&self) -> RelationMode {
        self.schema.datasource.as_ref().map_or(RelationMode::ForeignKeys, |d| d.relation_mode)
    }
}

/// Names that no model, view, enum or composite type may take: the built-in types, and the
/// names of generated client items.
const RESERVED_NAMES: &[&str] = &[
    "String",
    "Int",
    "BigInt",
    "Float",
    "Decimal",
    "Boolean",
    "DateTime",
    "Json",
    "Bytes",
    "Unsupported",
    "PrismaClient",
    "Prisma",
];

fn block_kind_name(top: &ast::Top) -> &'static str {
    match top {
        ast::Top::Model(m) => match m.keyword {
            ast::ModelKeyword::Model => "model",
            ast::ModelKeyword::View => "view",
            ast::ModelKeyword::Type => "composite type",
        },
        ast::Top::Enum(_) => "enum",
        _ => "block",
    }
}

/// Model, enum, composite type and field names must start with a letter (fields may also start
/// with `_`) and contain only letters, ASCII digits and underscores (they become identifiers in
/// generated code). Letters are Unicode alphabetic characters: the docs name `[A-Za-z]`, but Prisma
/// 6 and 7 accept `Größe` or `模型` (and refuse `٣` or emoji), and so do we.
/// Source: <https://www.prisma.io/docs/orm/reference/prisma-schema-reference#naming-conventions>.
pub(crate) fn check_name(ctx: &mut Ctx<'_>, name: &ast::Identifier, kind: &str) {
    let mut chars = name.name.chars();
    let valid = chars.next().is_some_and(|c| c.is_alphabetic() || (c == '_' && kind == "field"))
        && chars.all(|c| c.is_alphabetic() || c.is_ascii_digit() || c == '_');
    if !valid {
        ctx.push(
            Diagnostic::error(
                "schema::invalid_name",
                format!("The {kind} name `{}` is not valid: names start with a letter and contain only letters, digits and `_`.", name.name),
                name.span,
            )
            .with_help("Rename it; use `@map`/`@@map` to keep a different database name."),
        );
    }
}

/// Allocates ids for every model, view, enum and composite type; reports duplicates and reserved names.
fn collect_names(ctx: &mut Ctx<'_>, asts: &[ast::SchemaAst]) {
    for ast in asts {
        for top in &ast.tops {
            let (name, documentation, span) = match top {
                ast::Top::Model(m) => (&m.name, &m.documentation, m.span),
                ast::Top::Enum(e) => (&e.name, &e.documentation, e.span),
                _ => continue,
            };
            let kind = block_kind_name(top);
            check_name(ctx, name, kind);
            if RESERVED_NAMES.contains(&name.name.as_str()) {
                ctx.push(
                    Diagnostic::error(
                        "schema::reserved_name",
                        format!("The {kind} name `{}` is reserved.", name.name),
                        name.span,
                    )
                    .with_help("Choose another name; use `@@map` if the database name must stay the same."),
                );
                continue;
            }
            if let Some((_, first)) = ctx.names.get(&name.name) {
                let first = *first;
                ctx.push(
                    Diagnostic::error(
                        "schema::duplicate_name",
                        format!("The {kind} `{}` cannot be defined because a model, view, enum or composite type with that name already exists.", name.name),
                        name.span,
                    )
                    .with_label(first, "first defined here")
                    .with_help("Rename one of them; use `@@map` to keep the database name."),
                );
                continue;
            }
            let documentation = documentation.as_ref().map(ast::Documentation::text);
            let id = match top {
                ast::Top::Model(m) if m.keyword == ast::ModelKeyword::Type => {
                    let id = CompositeTypeId(ctx.schema.composite_types.len() as u32);
                    ctx.schema.composite_types.push(CompositeType {
                        name: name.name.clone(),
                        documentation,
                        fields: Vec::new(),
                        span,
                    });
                    TopId::Composite(id)
                }
                ast::Top::Model(m) => {
                    let id = ModelId(ctx.schema.models.len() as u32);
                    ctx.schema.models.push(Model {
                        name: name.name.clone(),
                        mapped_name: None,
                        schema: None,
                        documentation,
                        kind: if m.keyword == ast::ModelKeyword::View {
                            ModelKind::View
                        } else {
                            ModelKind::Model
                        },
                        scalar_fields: Vec::new(),
                        relation_fields: Vec::new(),
                        primary_key: None,
                        unique_constraints: Vec::new(),
                        indexes: Vec::new(),
                        is_ignored: false,
                        span,
                    });
                    TopId::Model(id)
                }
                _ => {
                    let id = EnumId(ctx.schema.enums.len() as u32);
                    ctx.schema.enums.push(Enum {
                        name: name.name.clone(),
                        mapped_name: None,
                        schema: None,
                        documentation,
                        values: Vec::new(),
                        span,
                    });
                    TopId::Enum(id)
                }
            };
            ctx.names.insert(name.name.clone(), (id, name.span));
        }
    }
    if !ctx.schema.composite_types.is_empty() && ctx.provider().is_some_and(|p| p != Provider::Mongodb) {
        let spans: Vec<(String, Span)> =
            ctx.schema.composite_types.iter().map(|c| (c.name.clone(), c.span)).collect();
        for (name, span) in spans {
            ctx.push(
                Diagnostic::error(
                    "schema::composite_type_not_supported",
                    format!("The composite type `{name}` cannot be defined: composite types are only supported on MongoDB."),
                    span,
                )
                .with_help("Use a model with a relation, or a `Json` field, on SQL databases."),
            );
        }
    }
}

/// Fills enum values and `@@map`/`@@schema` of every enum.
fn validate_enums(ctx: &mut Ctx<'_>, asts: &[ast::SchemaAst]) {
    for ast in asts {
        for enum_ in ast.enums() {
            let Some((TopId::Enum(id), span)) = ctx.names.get(&enum_.name.name).copied() else { continue };
            if span != enum_.name.span {
                continue; // A duplicate definition, already reported.
            }
            let mut values: Vec<EnumValue> = Vec::new();
            let mut seen: HashMap<&str, Span> = HashMap::default();
            for value in enum_.values() {
                if let Some(first) = seen.get(value.name.name.as_str()) {
                    let first = *first;
                    ctx.push(
                        Diagnostic::error(
                            "schema::duplicate_enum_value",
                            format!(
                                "The value `{}` is already defined on the enum `{}`.",
                                value.name.name, enum_.name.name
                            ),
                            value.name.span,
                        )
                        .with_label(first, "first defined here"),
                    );
                    continue;
                }
                seen.insert(&value.name.name, value.name.span);
                check_name(ctx, &value.name, "enum value");
                let mut mapped_name = None;
                for attr in &value.attributes {
                    if attr.name.name == "map" {
                        let args = attributes::arguments(ctx, attr, "@", Some("name"), &["name"]);
                        mapped_name =
                            args.get("name").and_then(|e| attributes::expect_string(ctx, e, "name", attr));
                    } else {
                        attributes::unknown_attribute(ctx, attr, "@", "an enum value");
                    }
                }
                values.push(EnumValue {
                    name: value.name.name.clone(),
                    mapped_name,
                    documentation: value.documentation.as_ref().map(ast::Documentation::text),
                    span: value.span,
                });
            }
            if values.is_empty() {
                ctx.push(
                    Diagnostic::error(
                        "schema::empty_enum",
                        format!("The enum `{}` must have at least one value.", enum_.name.name),
                        enum_.name.span,
                    )
                    .with_help("Add one value name per line inside the block."),
                );
            }
            let mut mapped_name = None;
            let mut schema_name = None;
            for attr in enum_.attributes() {
                match attr.name.name.as_str() {
                    "map" => {
                        let args = attributes::arguments(ctx, attr, "@@", Some("name"), &["name"]);
                        mapped_name =
                            args.get("name").and_then(|e| attributes::expect_string(ctx, e, "name", attr));
                    }
                    "schema" => schema_name = attributes::schema_attribute(ctx, attr),
                    _ => attributes::unknown_attribute(ctx, attr, "@@", "an enum"),
                }
            }
            let e = &mut ctx.schema.enums[id.0 as usize];
            e.values = values;
            e.mapped_name = mapped_name;
            e.schema = schema_name;
        }
    }
}

/// Every model (not views, not `@@ignore`d ones) needs a primary key or a unique constraint
/// over required fields, so that a record can be addressed.
/// Source: <https://www.prisma.io/docs/orm/prisma-schema/data-model/models#defining-an-id-field>.
fn check_unique_criteria(ctx: &mut Ctx<'_>) {
    let mut missing = Vec::new();
    for model in &ctx.schema.models {
        if model.kind == ModelKind::View || model.is_ignored || model.primary_key.is_some() {
            continue;
        }
        let usable = model.unique_constraints.iter().any(|u| {
            u.fields.iter().all(|f| {
                let field = model.scalar_field(f.field);
                field.arity == FieldArity::Required && !matches!(field.ty, ScalarFieldType::Unsupported(_))
            })
        });
        if !usable {
            missing.push((model.name.clone(), model.span));
        }
    }
    for (name, span) in missing {
        ctx.push(
            Diagnostic::error(
                "schema::missing_unique_criterion",
                format!("The model `{name}` has no unique criterion: it needs an `@id`, an `@@id`, or a `@unique`/`@@unique` over required fields."),
                span,
            )
            .with_help("Add `@id` to a field, or mark the model with `@@ignore` if it cannot be used through the client."),
        );
    }
}

/// Connector and naming rules that need whole models: required id fields, MongoDB `_id`, scalar
/// lists and enums per provider, and clashing table/column names.
/// Sources: <https://www.prisma.io/docs/orm/reference/database-features> and
/// <https://www.prisma.io/docs/orm/overview/databases/mongodb#working-with-ids>.
fn check_models(ctx: &mut Ctx<'_>) {
    let provider = ctx.provider();
    let mut errors = Vec::new();
    let mut tables: HashMap<(Option<&str>, &str), (&str, Span)> = HashMap::default();
    for model in &ctx.schema.models {
        if let Some(pk) = &model.primary_key {
            for f in &pk.fields {
                let field = model.scalar_field(f.field);
                if field.arity != FieldArity::Required {
                    errors.push(
                        Diagnostic::error(
                            "schema::optional_id_field",
                            format!("The field `{}` of the model `{}` is part of the primary key, so it must be required.", field.name, model.name),
                            field.span,
                        )
                        .with_help("Remove the `?` (or `[]`) from the field's type."),
                    );
                }
                if provider == Some(Provider::Mongodb)
                    && pk.defined_on_field
                    && field.mapped_name.as_deref() != Some("_id")
                {
                    errors.push(
                        Diagnostic::error(
                            "schema::mongodb_id_not_mapped",
                            format!(
                                "The id field `{}` of the model `{}` must be mapped to `_id` on MongoDB.",
                                field.name, model.name
                            ),
                            pk.span,
                        )
                        .with_help("Add `@map(\"_id\")` to the field."),
                    );
                }
            }
        }
        if matches!(provider, Some(Provider::Sqlite | Provider::Mysql | Provider::Sqlserver)) {
            for field in &model.scalar_fields {
                if field.arity == FieldArity::List
                    && matches!(field.ty, ScalarFieldType::Builtin(_) | ScalarFieldType::Enum(_))
                {
                    errors.push(
                        Diagnostic::error(
                            "schema::scalar_list_not_supported",
                            format!(
                                "The field `{}` of the model `{}` is a list, but the `{}` connector does not support lists of scalar values.",
                                field.name,
                                model.name,
                                provider.map_or("", Provider::as_str)
                            ),
                            field.span,
                        )
                        .with_help("Use a `Json` field or a related model instead."),
                    );
                }
            }
        }
        for field in &model.scalar_fields {
            let Some(default) = &field.default else { continue };
            if default.kind != DefaultKind::Autoincrement {
                continue;
            }
            let is_single_id = model.primary_key.as_ref().is_some_and(|pk| {
                pk.fields.len() == 1 && model.scalar_field(pk.fields[0].field).name == field.name
            });
            let problem = match provider {
                Some(Provider::Mongodb) => Some("`autoincrement()` is not supported on MongoDB"),
                Some(Provider::Sqlite) if !is_single_id => {
                    Some("on SQLite, `autoincrement()` is only supported on the single-field `@id`")
                }
                _ => None,
            };
            if let Some(problem) = problem {
                errors.push(
                    Diagnostic::error(
                        "schema::autoincrement_not_supported",
                        format!("The default `autoincrement()` of the field `{}` of the model `{}` cannot be used: {problem}.", field.name, model.name),
                        default.span,
                    )
                    .with_help("Use another default, e.g. `cuid()` or `uuid()` on a `String` field."),
                );
            }
        }
        if !model.is_ignored {
            for field in &model.relation_fields {
                let target = ctx.schema.model(field.related_model);
                if target.is_ignored && !field.is_ignored {
                    errors.push(
                        Diagnostic::error(
                            "schema::relation_to_ignored_model",
                            format!(
                                "The relation field `{}` of the model `{}` points at the model `{}`, which is marked `@@ignore`, so the field needs `@ignore` too.",
                                field.name, model.name, target.name
                            ),
                            field.span,
                        )
                        .with_help("Add `@ignore` to the relation field."),
                    );
                }
            }
        }
        let relation_mode =
            ctx.schema.datasource.as_ref().map_or(RelationMode::ForeignKeys, |d| d.relation_mode);
        for field in &model.relation_fields {
            for (action, arg) in [(field.on_delete, "onDelete"), (field.on_update, "onUpdate")] {
                let Some(action) = action else { continue };
                let problem = match action {
                    ReferentialAction::Restrict if provider == Some(Provider::Sqlserver) => {
                        Some("SQL Server does not support `Restrict`; use `NoAction`")
                    }
                    ReferentialAction::SetDefault if relation_mode == RelationMode::Prisma => {
                        Some("relation mode `prisma` does not emulate `SetDefault`")
                    }
                    // Source: <https://www.prisma.io/docs/orm/prisma-schema/data-model/relations/relation-mode#which-referential-actions-are-supported>.
                    ReferentialAction::NoAction
                        if relation_mode == RelationMode::Prisma
                            && matches!(provider, Some(Provider::Postgresql | Provider::Sqlite)) =>
                    {
                        Some(
                            "relation mode `prisma` does not emulate `NoAction` on PostgreSQL and SQLite; use `Restrict`",
                        )
                    }
                    _ => None,
                };
                if let Some(problem) = problem {
                    errors.push(
                        Diagnostic::error(
                            "schema::referential_action_not_supported",
                            format!("The `{arg}` action of the relation field `{}` of the model `{}` is not supported: {problem}.", field.name, model.name),
                            field.span,
                        )
                        .with_help("See https://www.prisma.io/docs/orm/prisma-schema/data-model/relations/referential-actions#referential-actions."),
                    );
                }
            }
        }
        let mut columns: HashMap<&str, (&str, Span)> = HashMap::default();
        for field in &model.scalar_fields {
            if let Some((first, first_span)) =
                columns.insert(field.database_name(), (&field.name, field.span))
            {
                errors.push(
                    Diagnostic::error(
                        "schema::duplicate_column_name",
                        format!(
                            "The fields `{first}` and `{}` of the model `{}` both use the column name `{}`.",
                            field.name,
                            model.name,
                            field.database_name()
                        ),
                        field.span,
                    )
                    .with_label(first_span, "the other field")
                    .with_help("Change one of the `@map` names."),
                );
            }
        }
        if let Some((first, first_span)) =
            tables.insert((model.schema.as_deref(), model.database_name()), (&model.name, model.span))
        {
            errors.push(
                Diagnostic::error(
                    "schema::duplicate_table_name",
                    format!(
                        "The models `{first}` and `{}` both use the table name `{}`.",
                        model.name,
                        model.database_name()
                    ),
                    model.span,
                )
                .with_label(first_span, "the other model")
                .with_help("Change one of the `@@map` names (or put them in different `@@schema`s)."),
            );
        }
    }
    if provider == Some(Provider::Sqlserver) {
        for enum_ in &ctx.schema.enums {
            errors.push(
                Diagnostic::error(
                    "schema::enums_not_supported",
                    format!(
                        "The enum `{}` cannot be defined: the `sqlserver` connector does not support enums.",
                        enum_.name
                    ),
                    enum_.span,
                )
                .with_help("Use a `String` field, or a lookup model, instead."),
            );
        }
    }
    for e in errors {
        ctx.push(e);
    }
}

/// Edit distance between two short names, for "did you mean" help.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b_chars: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b_chars.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b_chars.len() + 1];
        for (j, cb) in b_chars.iter().enumerate() {
            let cost = usize::from(!ca.eq_ignore_ascii_case(cb));
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b_chars.len()]
}

/// The closest candidate to `name` within a small distance.
pub(crate) fn suggest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (edit_distance(name, c), c))
        .filter(|(d, c)| *d <= 2.max(name.len() / 3) && *d < c.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Renders an expression for messages.
pub(crate) fn show(expr: &Expression) -> String {
    expr.to_psl()
}
