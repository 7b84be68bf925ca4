//! Fields, field attributes (`@id`, `@default`, `@db.*`, …) and block attributes (`@@id`,
//! `@@unique`, `@@index`, …) of models, views and composite types.
//! Source: <https://www.prisma.io/docs/orm/reference/prisma-schema-reference#attributes>.

use foldhash::HashMap;

use super::{Ctx, TopId, native_types, show, suggest};
use crate::ast::{self, Expression};
use crate::diagnostics::{Diagnostic, Span};
use crate::schema::*;

/// A relation field whose relation is resolved in the relations pass.
pub(crate) struct PendingRelationField {
    pub(crate) model: ModelId,
    pub(crate) field: RelationFieldId,
    pub(crate) target: ModelId,
    /// `references:` names, resolved against `target` later.
    pub(crate) references: Vec<(String, Span)>,
    /// True when `fields:` was written (even if empty).
    pub(crate) has_fields: bool,
    /// Number of names written in `fields:` (resolved or not).
    pub(crate) n_fields_written: usize,
    /// True when `references:` was written.
    pub(crate) has_references: bool,
    /// The `@relation` attribute, if any.
    pub(crate) relation_span: Option<Span>,
    /// The field's name.
    pub(crate) name_span: Span,
}

/// Reads an attribute's arguments: the first positional argument gets the name `positional`; named
/// arguments must be in `allowed`. Reports unknown, duplicate and extra arguments.
pub(crate) fn arguments<'a>(
    ctx: &mut Ctx<'_>,
    attr: &'a ast::Attribute,
    prefix: &str,
    positional: Option<&'static str>,
    allowed: &[&'static str],
) -> HashMap<&'static str, &'a Expression> {
    let mut res: HashMap<&'static str, &'a Expression> = HashMap::default();
    let mut n_positional = 0;
    for arg in attr.args() {
        let Some(value) = &arg.value else { continue };
        let key: &'static str = match &arg.name {
            None => {
                n_positional += 1;
                match positional {
                    Some(p) if n_positional == 1 => p,
                    _ => {
                        let message = if allowed.is_empty() {
                            format!("The attribute `{prefix}{}` takes no arguments.", attr.name.name)
                        } else {
                            format!(
                                "The attribute `{prefix}{}` takes no further unnamed argument here.",
                                attr.name.name
                            )
                        };
                        ctx.push(
                            Diagnostic::error("schema::unknown_argument", message, arg.span)
                                .with_help(allowed_help(allowed)),
                        );
                        continue;
                    }
                }
            }
            Some(name) => match allowed.iter().find(|a| **a == name.name) {
                Some(a) => a,
                None => {
                    let mut d = Diagnostic::error(
                        "schema::unknown_argument",
                        format!(
                            "The attribute `{prefix}{}` has no argument named `{}`.",
                            attr.name.name, name.name
                        ),
                        name.span,
                    );
                    d = match suggest(&name.name, allowed.iter().copied()) {
                        Some(s) => d.with_help(format!("Did you mean `{s}`?")),
                        None => d.with_help(allowed_help(allowed)),
                    };
                    ctx.push(d);
                    continue;
                }
            },
        };
        if res.contains_key(key) {
            ctx.push(Diagnostic::error(
                "schema::duplicate_argument",
                format!("The argument `{key}` is given twice to `{prefix}{}`.", attr.name.name),
                arg.span,
            ));
            continue;
        }
        res.insert(key, value);
    }
    res
}

fn allowed_help(allowed: &[&str]) -> String {
    if allowed.is_empty() {
        "Remove the parentheses and what is between them.".to_owned()
    } else {
        let list: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
        format!("Valid arguments are {}.", list.join(", "))
    }
}

/// `@` or `@@`, as written before the attribute's name.
fn prefix(attr: &ast::Attribute) -> &'static str {
    if attr.name.span.start.saturating_sub(attr.span.start) >= 2 { "@@" } else { "@" }
}

fn invalid_argument(attr: &ast::Attribute, arg: &str, expected: &str, found: &Expression) -> Diagnostic {
    Diagnostic::error(
        "schema::invalid_argument_value",
        format!(
            "The argument `{arg}` of `{}{}` must be {expected}, found `{}`.",
            prefix(attr),
            attr.name.name,
            show(found)
        ),
        found.span(),
    )
}

/// A string argument; reports anything else.
pub(crate) fn expect_string(
    ctx: &mut Ctx<'_>,
    expr: &Expression,
    arg: &str,
    attr: &ast::Attribute,
) -> Option<String> {
    match expr.as_str() {
        Some(s) => Some(s.to_owned()),
        None => {
            ctx.push(invalid_argument(attr, arg, "a string", expr));
            None
        }
    }
}

/// A constraint name (`map:` of `@id`, `@unique`, `@@index`, `@relation`, `@default`, …) or a
/// client name (`name:` of `@@id`/`@@unique`): a string that is not empty. Prisma rejects an
/// empty one ("The `map` argument cannot be an empty string."); `@map("")`/`@@map("")` are not
/// checked here because Prisma accepts them.
fn expect_name(ctx: &mut Ctx<'_>, expr: &Expression, arg: &str, attr: &ast::Attribute) -> Option<String> {
    let name = expect_string(ctx, expr, arg, attr)?;
    if name.is_empty() {
        ctx.push(
            Diagnostic::error(
                "schema::empty_constraint_name",
                format!(
                    "The argument `{arg}` of `{}{}` cannot be an empty string.",
                    prefix(attr),
                    attr.name.name
                ),
                expr.span(),
            )
            .with_help(format!("Give a name, or remove `{arg}:` to use the default name.")),
        );
        return None;
    }
    Some(name)
}

fn expect_bool(ctx: &mut Ctx<'_>, expr: &Expression, arg: &str, attr: &ast::Attribute) -> Option<bool> {
    match expr.as_constant() {
        Some("true") => Some(true),
        Some("false") => Some(false),
        _ => {
            ctx.push(invalid_argument(attr, arg, "`true` or `false`", expr));
            None
        }
    }
}

fn expect_u32(ctx: &mut Ctx<'_>, expr: &Expression, arg: &str, attr: &ast::Attribute) -> Option<u32> {
    match expr {
        Expression::Number(n, _) if n.parse::<u32>().is_ok() => n.parse().ok(),
        _ => {
            ctx.push(invalid_argument(attr, arg, "a positive whole number", expr));
            None
        }
    }
}

fn expect_sort(ctx: &mut Ctx<'_>, expr: &Expression, attr: &ast::Attribute) -> Option<SortOrder> {
    match expr.as_constant() {
        Some("Asc") => Some(SortOrder::Asc),
        Some("Desc") => Some(SortOrder::Desc),
        _ => {
            ctx.push(invalid_argument(attr, "sort", "`Asc` or `Desc`", expr));
            None
        }
    }
}

/// Reports an attribute that is not valid where it is written.
pub(crate) fn unknown_attribute(ctx: &mut Ctx<'_>, attr: &ast::Attribute, prefix: &str, on: &str) {
    ctx.push(
        Diagnostic::error(
            "schema::unknown_attribute",
            format!("The attribute `{prefix}{}` is not known or not valid on {on}.", attr.name.name),
            attr.span,
        )
        .with_help("See https://www.prisma.io/docs/orm/reference/prisma-schema-reference#attributes for the attributes PSL knows."),
    );
}

/// `@@schema("name")`: must name one of the datasource's `schemas`.
pub(crate) fn schema_attribute(ctx: &mut Ctx<'_>, attr: &ast::Attribute) -> Option<String> {
    let args = arguments(ctx, attr, "@@", Some("name"), &["name"]);
    let expr = args.get("name").copied()?;
    let name = expect_string(ctx, expr, "name", attr)?;
    let schemas = ctx.schema.datasource.as_ref().map(|d| d.schemas.clone()).unwrap_or_default();
    if ctx.schema.datasource.is_some() && !schemas.contains(&name) {
        let help = if schemas.is_empty() {
            "List the database schemas in the datasource: `schemas = [\"…\"]`.".to_owned()
        } else {
            format!(
                "The datasource lists {}.",
                schemas.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
            )
        };
        ctx.push(
            Diagnostic::error(
                "schema::unknown_schema",
                format!("The schema `{name}` is not listed in the datasource's `schemas`."),
                expr.span(),
            )
            .with_help(help),
        );
    }
    Some(name)
}

/// Names a field by model and field name for messages.
fn check_duplicate_attributes(ctx: &mut Ctx<'_>, attrs: &[ast::Attribute], prefix: &str) {
    let mut seen: HashMap<&str, Span> = HashMap::default();
    for attr in attrs {
        if let Some(first) = seen.get(attr.name.name.as_str()) {
            let first = *first;
            ctx.push(
                Diagnostic::error(
                    "schema::duplicate_attribute",
                    format!("The attribute `{prefix}{}` is given more than once.", attr.name.name),
                    attr.span,
                )
                .with_label(first, "first given here"),
            );
        } else {
            seen.insert(&attr.name.name, attr.span);
        }
    }
}

/// What a field's type name resolves to.
enum Resolved {
    Scalar(ScalarFieldType),
    Relation(ModelId),
    Unknown,
}

fn resolve_type(ctx: &mut Ctx<'_>, ty: &ast::FieldType) -> Resolved {
    if let Some(unsupported) = &ty.unsupported {
        return Resolved::Scalar(ScalarFieldType::Unsupported(unsupported.value.clone()));
    }
    if let Some(s) = ScalarType::from_psl(&ty.name.name) {
        return Resolved::Scalar(ScalarFieldType::Builtin(s));
    }
    match ctx.names.get(&ty.name.name) {
        Some((TopId::Model(id), _)) => Resolved::Relation(*id),
        Some((TopId::Enum(id), _)) => Resolved::Scalar(ScalarFieldType::Enum(*id)),
        Some((TopId::Composite(id), _)) => Resolved::Scalar(ScalarFieldType::Composite(*id)),
        None => {
            let builtins =
                ["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"];
            let candidates: Vec<&str> =
                builtins.iter().copied().chain(ctx.names.keys().map(String::as_str)).collect();
            let mut d = Diagnostic::error(
                "schema::unknown_type",
                format!(
                    "The type `{}` is neither a built-in type nor a model, enum or composite type of this schema.",
                    ty.name.name
                ),
                ty.name.span,
            );
            if let Some(s) = suggest(&ty.name.name, candidates.into_iter()) {
                d = d.with_help(format!("Did you mean `{s}`?"));
            }
            ctx.push(d);
            Resolved::Unknown
        }
    }
}

fn arity(a: ast::Arity) -> FieldArity {
    match a {
        ast::Arity::Required => FieldArity::Required,
        ast::Arity::Optional => FieldArity::Optional,
        ast::Arity::List => FieldArity::List,
    }
}

/// A field-level `@id`/`@unique` waiting for its field id.
struct FieldConstraint {
    field: ScalarFieldId,
    attr_span: Span,
    sort: Option<SortOrder>,
    length: Option<u32>,
    mapped_name: Option<String>,
    clustered: Option<bool>,
}

/// Validates all models, views and composite types; returns the relation fields to pair.
pub(crate) fn validate_models(ctx: &mut Ctx<'_>, asts: &[ast::SchemaAst]) -> Vec<PendingRelationField> {
    let mut pending = Vec::new();
    for ast in asts {
        for model in ast.models() {
            let Some((top, span)) = ctx.names.get(&model.name.name).copied() else { continue };
            if span != model.name.span {
                continue; // A duplicate definition, already reported.
            }
            match top {
                TopId::Model(id) => model_block(ctx, model, id, &mut pending),
                TopId::Composite(id) => composite_block(ctx, model, id),
                TopId::Enum(_) => {}
            }
        }
    }
    pending
}

fn duplicate_field(ctx: &mut Ctx<'_>, block: &ast::Model, field: &ast::Field, first: Span) {
    ctx.push(
        Diagnostic::error(
            "schema::duplicate_field",
            format!(
                "The field `{}` is already defined on the {} `{}`.",
                field.name.name,
                block.keyword.as_str(),
                block.name.name
            ),
            field.name.span,
        )
        .with_label(first, "first defined here")
        .with_help("Rename one of the fields; use `@map` to keep the column name."),
    );
}

fn composite_block(ctx: &mut Ctx<'_>, block: &ast::Model, id: CompositeTypeId) {
    let mut fields = Vec::new();
    let mut seen: HashMap<&str, Span> = HashMap::default();
    for field in block.fields() {
        if let Some(first) = seen.get(field.name.name.as_str()) {
            duplicate_field(ctx, block, field, *first);
            continue;
        }
        seen.insert(&field.name.name, field.name.span);
        super::check_name(ctx, &field.name, "field");
        let ty = match resolve_type(ctx, &field.ty) {
            Resolved::Scalar(ty) => ty,
            Resolved::Relation(_) => {
                ctx.push(Diagnostic::error(
                    "schema::relation_in_composite_type",
                    format!("The field `{}` of the composite type `{}` refers to a model; composite types cannot have relations.", field.name.name, block.name.name),
                    field.ty.span,
                ));
                continue;
            }
            Resolved::Unknown => continue,
        };
        let (scalar, _) = scalar_field(ctx, block, field, ty, true);
        fields.push(scalar);
    }
    for attr in block.attributes() {
        unknown_attribute(ctx, attr, "@@", "a composite type");
    }
    ctx.schema.composite_types[id.0 as usize].fields = fields;
}

/// Builds one scalar field from its attributes. Returns the field and its `@id`/`@unique`
/// attributes (which need the field's id).
fn scalar_field<'a>(
    ctx: &mut Ctx<'_>,
    block: &ast::Model,
    field: &'a ast::Field,
    ty: ScalarFieldType,
    in_composite: bool,
) -> (ScalarField, Vec<(&'a ast::Attribute, bool)>) {
    check_duplicate_attributes(ctx, &field.attributes, "@");
    let field_arity = arity(field.ty.arity);
    let mut res = ScalarField {
        name: field.name.name.clone(),
        mapped_name: None,
        documentation: field.documentation.as_ref().map(ast::Documentation::text),
        ty,
        arity: field_arity,
        default: None,
        native_type: None,
        is_updated_at: false,
        is_ignored: false,
        span: field.span,
    };
    let mut constraints = Vec::new();
    let ds_prefix = ctx.datasource_name.clone().unwrap_or_else(|| "db".to_owned());
    for attr in &field.attributes {
        let name = attr.name.name.as_str();
        match name {
            "id" | "unique" if !in_composite => constraints.push((attr, name == "id")),
            "map" => {
                let args = arguments(ctx, attr, "@", Some("name"), &["name"]);
                res.mapped_name = args.get("name").and_then(|e| expect_string(ctx, e, "name", attr));
            }
            "default" => res.default = default_value(ctx, attr, &res),
            "updatedAt" if !in_composite => {
                arguments(ctx, attr, "@", None, &[]);
                if res.ty != ScalarFieldType::Builtin(ScalarType::DateTime) || res.arity == FieldArity::List {
                    ctx.push(
                        Diagnostic::error(
                            "schema::updated_at_not_datetime",
                            format!("The attribute `@updatedAt` is only valid on `DateTime` fields, but `{}` is not one.", res.name),
                            attr.span,
                        )
                        .with_help("Change the field type to `DateTime` or `DateTime?`, or remove `@updatedAt`."),
                    );
                } else {
                    res.is_updated_at = true;
                }
            }
            "ignore" if !in_composite => {
                arguments(ctx, attr, "@", None, &[]);
                res.is_ignored = true;
            }
            "relation" => ctx.push(
                Diagnostic::error(
                    "schema::relation_on_scalar_field",
                    format!("The attribute `@relation` is only valid on relation fields, but `{}` is a scalar field.", res.name),
                    attr.span,
                )
                .with_help("Put `@relation(fields: […], references: […])` on the field whose type is the related model."),
            ),
            _ => match name.strip_prefix(ds_prefix.as_str()).and_then(|r| r.strip_prefix('.')) {
                Some(native) => {
                    res.native_type = native_types::native_type(ctx, attr, native, &res);
                }
                None => {
                    let on = if in_composite {
                        "a field of a composite type".to_owned()
                    } else {
                        format!("a field of the {} `{}`", block.keyword.as_str(), block.name.name)
                    };
                    unknown_attribute(ctx, attr, "@", &on);
                }
            },
        }
    }
    (res, constraints)
}

/// `@default(…)`: converts and type-checks the value.
/// Source: <https://www.prisma.io/docs/orm/reference/prisma-schema-reference#default>.
fn default_value(ctx: &mut Ctx<'_>, attr: &ast::Attribute, field: &ScalarField) -> Option<DefaultValue> {
    let args = arguments(ctx, attr, "@", Some("value"), &["value", "map"]);
    let mapped_name = args.get("map").and_then(|e| expect_name(ctx, e, "map", attr));
    let Some(value) = args.get("value").copied() else {
        ctx.push(Diagnostic::error(
            "schema::missing_argument",
            format!("The attribute `@default` on `{}` needs a value.", field.name),
            attr.span,
        ));
        return None;
    };
    let kind = default_kind(ctx, value, field)?;
    Some(DefaultValue { kind, mapped_name, span: attr.span })
}

fn type_name(ctx: &Ctx<'_>, field: &ScalarField) -> String {
    let base = match &field.ty {
        ScalarFieldType::Builtin(s) => s.as_str().to_owned(),
        ScalarFieldType::Enum(id) => ctx.schema.enum_(*id).name.clone(),
        ScalarFieldType::Composite(id) => ctx.schema.composite_type(*id).name.clone(),
        ScalarFieldType::Unsupported(_) => "Unsupported".to_owned(),
    };
    match field.arity {
        FieldArity::Required => base,
        FieldArity::Optional => format!("{base}?"),
        FieldArity::List => format!("{base}[]"),
    }
}

fn default_mismatch(ctx: &mut Ctx<'_>, value: &Expression, field: &ScalarField, why: &str) {
    let ty = type_name(ctx, field);
    ctx.push(
        Diagnostic::error(
            "schema::default_type_mismatch",
            format!("The default value `{}` does not fit the field `{}` of type `{ty}`: {why}.", show(value), field.name),
            value.span(),
        )
        .with_help("See https://www.prisma.io/docs/orm/reference/prisma-schema-reference#default for the values each type accepts."),
    );
}

fn default_kind(ctx: &mut Ctx<'_>, value: &Expression, field: &ScalarField) -> Option<DefaultKind> {
    let builtin = match &field.ty {
        ScalarFieldType::Builtin(s) => Some(*s),
        _ => None,
    };
    if let Expression::Function(call) = value {
        let fname = call.name.name.as_str();
        let args: Vec<&Expression> =
            call.arguments.arguments.iter().filter_map(|a| a.value.as_ref()).collect();
        let is_string = builtin == Some(ScalarType::String);
        let int_arg = |i: usize| {
            args.get(i).and_then(|e| match e {
                Expression::Number(n, _) => n.parse::<u8>().ok(),
                _ => None,
            })
        };
        let kind = match fname {
            "autoincrement" | "sequence" => {
                if !matches!(builtin, Some(ScalarType::Int | ScalarType::BigInt))
                    || field.arity == FieldArity::List
                {
                    default_mismatch(
                        ctx,
                        value,
                        field,
                        &format!("`{fname}()` needs an `Int` or `BigInt` field"),
                    );
                    return None;
                }
                if fname == "sequence" {
                    if ctx.provider().is_some_and(|p| p != Provider::Cockroachdb) {
                        default_mismatch(ctx, value, field, "`sequence()` is only supported on CockroachDB");
                        return None;
                    }
                    DefaultKind::Sequence
                } else {
                    DefaultKind::Autoincrement
                }
            }
            "now" => {
                if builtin != Some(ScalarType::DateTime) || field.arity == FieldArity::List {
                    default_mismatch(ctx, value, field, "`now()` needs a `DateTime` field");
                    return None;
                }
                DefaultKind::Now
            }
            "uuid" | "cuid" | "nanoid" | "ulid" => {
                if !is_string || field.arity == FieldArity::List {
                    default_mismatch(ctx, value, field, &format!("`{fname}()` needs a `String` field"));
                    return None;
                }
                match fname {
                    "uuid" => match (args.len(), int_arg(0)) {
                        (0, _) => DefaultKind::Uuid(4),
                        (1, Some(v @ (4 | 7))) => DefaultKind::Uuid(v),
                        _ => {
                            default_mismatch(
                                ctx,
                                value,
                                field,
                                "`uuid()` takes an optional version, `4` or `7`",
                            );
                            return None;
                        }
                    },
                    "cuid" => match (args.len(), int_arg(0)) {
                        (0, _) => DefaultKind::Cuid(1),
                        (1, Some(v @ (1 | 2))) => DefaultKind::Cuid(v),
                        _ => {
                            default_mismatch(
                                ctx,
                                value,
                                field,
                                "`cuid()` takes an optional version, `1` or `2`",
                            );
                            return None;
                        }
                    },
                    "nanoid" => match (args.len(), int_arg(0)) {
                        (0, _) => DefaultKind::Nanoid(None),
                        (1, Some(n)) if n >= 2 => DefaultKind::Nanoid(Some(n)),
                        _ => {
                            default_mismatch(
                                ctx,
                                value,
                                field,
                                "`nanoid()` takes an optional length of at least 2",
                            );
                            return None;
                        }
                    },
                    _ => DefaultKind::Ulid,
                }
            }
            "auto" => {
                if ctx.provider().is_some_and(|p| p != Provider::Mongodb) {
                    default_mismatch(ctx, value, field, "`auto()` is only supported on MongoDB");
                    return None;
                }
                DefaultKind::Auto
            }
            "dbgenerated" => match args.first() {
                None => DefaultKind::DbGenerated(None),
                Some(Expression::String(s)) if args.len() == 1 => {
                    DefaultKind::DbGenerated(Some(s.value.clone()))
                }
                // Older introspection wrote the expression unquoted, e.g. `dbgenerated(gen_random_uuid())`.
                Some(other @ Expression::Function(_)) if args.len() == 1 => {
                    DefaultKind::DbGenerated(Some(other.to_psl()))
                }
                Some(_) => {
                    default_mismatch(
                        ctx,
                        value,
                        field,
                        "`dbgenerated()` takes one string, the SQL expression",
                    );
                    return None;
                }
            },
            _ => {
                ctx.push(
                    Diagnostic::error(
                        "schema::unknown_default_function",
                        format!("The function `{fname}()` is not a known default value."),
                        call.name.span,
                    )
                    .with_help("Known functions are `autoincrement()`, `now()`, `uuid()`, `cuid()`, `nanoid()`, `ulid()`, `sequence()`, `auto()` and `dbgenerated(\"…\")`."),
                );
                return None;
            }
        };
        return Some(kind);
    }
    if let ScalarFieldType::Unsupported(_) = field.ty {
        default_mismatch(ctx, value, field, "`Unsupported` fields only accept `dbgenerated(\"…\")`");
        return None;
    }
    if let ScalarFieldType::Composite(_) = field.ty {
        default_mismatch(ctx, value, field, "composite fields cannot have a default");
        return None;
    }
    if field.arity == FieldArity::List {
        let Expression::Array(items, _) = value else {
            default_mismatch(ctx, value, field, "a list field needs a list default like `[]`");
            return None;
        };
        let mut res = Vec::new();
        for item in items {
            res.push(literal(ctx, item, field)?);
        }
        return Some(DefaultKind::List(res));
    }
    literal(ctx, value, field).map(DefaultKind::Value)
}

/// One literal default for a scalar or enum field.
fn literal(ctx: &mut Ctx<'_>, value: &Expression, field: &ScalarField) -> Option<LiteralValue> {
    match &field.ty {
        ScalarFieldType::Enum(id) => {
            let Some(name) = value.as_constant() else {
                default_mismatch(
                    ctx,
                    value,
                    field,
                    "an enum field needs one of its values, written without quotes",
                );
                return None;
            };
            let enum_ = ctx.schema.enum_(*id);
            if !enum_.values.iter().any(|v| v.name == name) {
                let enum_name = enum_.name.clone();
                let s = suggest(name, enum_.values.iter().map(|v| v.name.as_str())).map(str::to_owned);
                let mut d = Diagnostic::error(
                    "schema::unknown_enum_value",
                    format!("The enum `{enum_name}` has no value `{name}`."),
                    value.span(),
                );
                if let Some(s) = s {
                    d = d.with_help(format!("Did you mean `{s}`?"));
                }
                ctx.push(d);
                return None;
            }
            Some(LiteralValue::EnumValue(name.to_owned()))
        }
        ScalarFieldType::Builtin(s) => {
            let lit = match (s, value) {
                (ScalarType::DateTime, Expression::String(v)) => {
                    if let Err(why) = check_rfc3339(&v.value) {
                        ctx.push(
                            Diagnostic::error(
                                "schema::invalid_datetime_default",
                                format!(
                                    "The default value `{}` of the field `{}` is not an RFC 3339 date-time: {why}.",
                                    show(value),
                                    field.name
                                ),
                                value.span(),
                            )
                            .with_help("Write a date, `T`, a time and an offset, e.g. `\"2024-01-31T12:00:00Z\"` or `\"2024-01-31T12:00:00.5+02:00\"`, or use `now()`."),
                        );
                        return None;
                    }
                    Some(LiteralValue::String(v.value.clone()))
                }
                (ScalarType::Json, Expression::String(v)) => {
                    if let Err(why) = check_json(&v.value) {
                        ctx.push(
                            Diagnostic::error(
                                "schema::invalid_json_default",
                                format!(
                                    "The default value `{}` of the field `{}` is not valid JSON: {why}.",
                                    show(value),
                                    field.name
                                ),
                                value.span(),
                            )
                            .with_help("Write the JSON text inside the string, escaping its quotes, e.g. `@default(\"{\\\"a\\\": 1}\")`."),
                        );
                        return None;
                    }
                    Some(LiteralValue::String(v.value.clone()))
                }
                (ScalarType::Bytes, Expression::String(v)) => {
                    if let Err(why) = check_base64(&v.value) {
                        ctx.push(
                            Diagnostic::error(
                                "schema::invalid_bytes_default",
                                format!(
                                    "The default value `{}` of the field `{}` is not base64: {why}.",
                                    show(value),
                                    field.name
                                ),
                                value.span(),
                            )
                            .with_help("Encode the bytes with standard base64 (`A`–`Z`, `a`–`z`, `0`–`9`, `+`, `/`, `=` padding), e.g. `\"aGVsbG8=\"` for `hello`."),
                        );
                        return None;
                    }
                    Some(LiteralValue::String(v.value.clone()))
                }
                (ScalarType::String, Expression::String(v)) => Some(LiteralValue::String(v.value.clone())),
                (ScalarType::Int | ScalarType::BigInt, Expression::Number(n, _)) => {
                    n.parse::<i64>().ok().map(LiteralValue::Int)
                }
                (ScalarType::Float | ScalarType::Decimal, Expression::Number(n, _)) => {
                    Some(LiteralValue::Float(n.clone()))
                }
                // Prisma also takes a `Decimal` default as a string holding a decimal number.
                (ScalarType::Decimal, Expression::String(v)) if is_decimal(&v.value) => {
                    Some(LiteralValue::Float(v.value.clone()))
                }
                (ScalarType::Boolean, Expression::Constant(c, _)) if c == "true" || c == "false" => {
                    Some(LiteralValue::Boolean(c == "true"))
                }
                _ => None,
            };
            if lit.is_none() {
                let why = match s {
                    ScalarType::String => "a `String` field needs a string",
                    ScalarType::Int | ScalarType::BigInt => "an integer field needs a whole number",
                    ScalarType::Float => "a number field needs a number",
                    ScalarType::Decimal => {
                        "a `Decimal` field needs a number, or a string holding a decimal number"
                    }
                    ScalarType::Boolean => "a `Boolean` field needs `true` or `false`",
                    ScalarType::DateTime => "a `DateTime` field needs an ISO 8601 string or `now()`",
                    ScalarType::Json => "a `Json` field needs a string holding JSON",
                    ScalarType::Bytes => "a `Bytes` field needs a base64 string",
                };
                default_mismatch(ctx, value, field, why);
            }
            lit
        }
        _ => None,
    }
}

fn model_block(ctx: &mut Ctx<'_>, block: &ast::Model, id: ModelId, pending: &mut Vec<PendingRelationField>) {
    let mut scalar_fields: Vec<ScalarField> = Vec::new();
    let mut relation_fields: Vec<RelationField> = Vec::new();
    let mut field_constraints: Vec<(FieldConstraint, bool)> = Vec::new();
    let mut seen: HashMap<&str, Span> = HashMap::default();
    let mut scalar_ids: HashMap<String, ScalarFieldId> = HashMap::default();
    let mut relation_attrs: Vec<(RelationFieldId, &ast::Field)> = Vec::new();
    for field in block.fields() {
        if let Some(first) = seen.get(field.name.name.as_str()) {
            duplicate_field(ctx, block, field, *first);
            continue;
        }
        seen.insert(&field.name.name, field.name.span);
        super::check_name(ctx, &field.name, "field");
        match resolve_type(ctx, &field.ty) {
            Resolved::Scalar(ty) => {
                let field_id = ScalarFieldId(scalar_fields.len() as u32);
                let (scalar, constraints) = scalar_field(ctx, block, field, ty, false);
                for (attr, is_id) in constraints {
                    let allowed: &[&'static str] = &["map", "length", "sort", "clustered"];
                    let args = arguments(ctx, attr, "@", None, allowed);
                    let c = FieldConstraint {
                        field: field_id,
                        attr_span: attr.span,
                        sort: args.get("sort").and_then(|e| expect_sort(ctx, e, attr)),
                        length: args.get("length").and_then(|e| expect_u32(ctx, e, "length", attr)),
                        mapped_name: args.get("map").and_then(|e| expect_name(ctx, e, "map", attr)),
                        clustered: args.get("clustered").and_then(|e| expect_bool(ctx, e, "clustered", attr)),
                    };
                    field_constraints.push((c, is_id));
                }
                scalar_ids.insert(scalar.name.clone(), field_id);
                scalar_fields.push(scalar);
            }
            Resolved::Relation(target) => {
                let field_id = RelationFieldId(relation_fields.len() as u32);
                check_duplicate_attributes(ctx, &field.attributes, "@");
                relation_fields.push(RelationField {
                    name: field.name.name.clone(),
                    documentation: field.documentation.as_ref().map(ast::Documentation::text),
                    related_model: target,
                    arity: arity(field.ty.arity),
                    relation: RelationId(0),
                    relation_name: None,
                    fields: Vec::new(),
                    references: Vec::new(),
                    on_delete: None,
                    on_update: None,
                    mapped_name: None,
                    is_ignored: false,
                    span: field.span,
                });
                relation_attrs.push((field_id, field));
            }
            Resolved::Unknown => {}
        }
    }
    // Relation fields need the scalar field ids of this model for `fields:`.
    for (field_id, field) in relation_attrs {
        let mut p = PendingRelationField {
            model: id,
            field: field_id,
            target: relation_fields[field_id.0 as usize].related_model,
            references: Vec::new(),
            has_fields: false,
            n_fields_written: 0,
            has_references: false,
            relation_span: None,
            name_span: field.name.span,
        };
        let rf = &mut relation_fields[field_id.0 as usize];
        for attr in &field.attributes {
            match attr.name.name.as_str() {
                "relation" => {
                    p.relation_span = Some(attr.span);
                    let args = arguments(
                        ctx,
                        attr,
                        "@",
                        Some("name"),
                        &["name", "fields", "references", "onDelete", "onUpdate", "map"],
                    );
                    rf.relation_name = args.get("name").and_then(|e| expect_string(ctx, e, "name", attr));
                    rf.mapped_name = args.get("map").and_then(|e| expect_name(ctx, e, "map", attr));
                    rf.on_delete =
                        args.get("onDelete").and_then(|e| referential_action(ctx, e, "onDelete", attr));
                    rf.on_update =
                        args.get("onUpdate").and_then(|e| referential_action(ctx, e, "onUpdate", attr));
                    if let Some(expr) = args.get("fields") {
                        p.has_fields = true;
                        let names = name_list(ctx, expr, "fields", attr);
                        p.n_fields_written = names.len();
                        for (name, span) in names {
                            match scalar_ids.get(&name) {
                                Some(sid) => rf.fields.push(*sid),
                                None => ctx.push(
                                    Diagnostic::error(
                                        "schema::unknown_field_reference",
                                        format!("The model `{}` has no scalar field `{name}` to use in `fields`.", block.name.name),
                                        span,
                                    )
                                    .with_help("`fields` lists scalar fields of this model that hold the foreign key."),
                                ),
                            }
                        }
                    }
                    if let Some(expr) = args.get("references") {
                        p.has_references = true;
                        p.references = name_list(ctx, expr, "references", attr);
                    }
                }
                "ignore" => {
                    arguments(ctx, attr, "@", None, &[]);
                    rf.is_ignored = true;
                }
                _ => unknown_attribute(ctx, attr, "@", &format!("the relation field `{}`", field.name.name)),
            }
        }
        pending.push(p);
    }
    // Field-level constraints.
    let mut primary_key: Option<PrimaryKey> = None;
    let mut first_id_span: Option<Span> = None;
    let mut unique_constraints = Vec::new();
    let mut indexes = Vec::new();
    for (c, is_id) in field_constraints {
        let fields = vec![IndexField { field: c.field, sort: c.sort, length: c.length, ops: None }];
        if is_id {
            if let Some(first) = first_id_span {
                multiple_ids(ctx, &block.name.name, c.attr_span, first);
                continue;
            }
            first_id_span = Some(c.attr_span);
            primary_key = Some(PrimaryKey {
                fields,
                name: None,
                mapped_name: c.mapped_name,
                clustered: c.clustered,
                defined_on_field: true,
                span: c.attr_span,
            });
        } else {
            unique_constraints.push(UniqueConstraint {
                fields,
                name: None,
                mapped_name: c.mapped_name,
                clustered: c.clustered,
                defined_on_field: true,
                span: c.attr_span,
            });
        }
    }
    // Block attributes.
    let relation_names: Vec<&str> = relation_fields.iter().map(|r| r.name.as_str()).collect();
    let mut mapped_name = None;
    let mut schema_name = None;
    let mut is_ignored = false;
    let mut once: HashMap<&str, Span> = HashMap::default();
    for attr in block.attributes() {
        let name = attr.name.name.as_str();
        if matches!(name, "id" | "map" | "ignore" | "schema") {
            if let Some(first) = once.get(name) {
                let first = *first;
                if name == "id" {
                    multiple_ids(ctx, &block.name.name, attr.span, first);
                } else {
                    ctx.push(
                        Diagnostic::error(
                            "schema::duplicate_attribute",
                            format!("The attribute `@@{name}` is given more than once."),
                            attr.span,
                        )
                        .with_label(first, "first given here"),
                    );
                }
                continue;
            }
            once.insert(name, attr.span);
        }
        let refs =
            FieldRefs { model: &block.name.name, scalar_ids: &scalar_ids, relation_names: &relation_names };
        match name {
            "id" | "unique" => {
                let allowed: &[&'static str] = &["fields", "name", "map", "clustered", "length", "sort"];
                let args = arguments(ctx, attr, "@@", Some("fields"), allowed);
                let Some(fields) = required_fields(ctx, attr, &args, &refs) else { continue };
                let name_arg = args.get("name").and_then(|e| expect_name(ctx, e, "name", attr));
                let mapped = args.get("map").and_then(|e| expect_name(ctx, e, "map", attr));
                let clustered = args.get("clustered").and_then(|e| expect_bool(ctx, e, "clustered", attr));
                if name == "id" {
                    if let Some(first) = first_id_span {
                        multiple_ids(ctx, &block.name.name, attr.span, first);
                        continue;
                    }
                    first_id_span = Some(attr.span);
                    primary_key = Some(PrimaryKey {
                        fields,
                        name: name_arg,
                        mapped_name: mapped,
                        clustered,
                        defined_on_field: false,
                        span: attr.span,
                    });
                } else {
                    unique_constraints.push(UniqueConstraint {
                        fields,
                        name: name_arg,
                        mapped_name: mapped,
                        clustered,
                        defined_on_field: false,
                        span: attr.span,
                    });
                }
            }
            "index" | "fulltext" => {
                let allowed: &[&'static str] = if name == "index" {
                    &["fields", "name", "map", "type", "clustered"]
                } else {
                    &["fields", "map"]
                };
                let args = arguments(ctx, attr, "@@", Some("fields"), allowed);
                let Some(fields) = required_fields(ctx, attr, &args, &refs) else { continue };
                let algorithm = args.get("type").and_then(|e| match e.as_constant() {
                    Some("BTree") => Some(IndexAlgorithm::BTree),
                    Some("Hash") => Some(IndexAlgorithm::Hash),
                    Some("Gin") => Some(IndexAlgorithm::Gin),
                    Some("Gist") => Some(IndexAlgorithm::Gist),
                    Some("SpGist") => Some(IndexAlgorithm::SpGist),
                    Some("Brin") => Some(IndexAlgorithm::Brin),
                    _ => {
                        ctx.push(invalid_argument(
                            attr,
                            "type",
                            "one of `BTree`, `Hash`, `Gin`, `Gist`, `SpGist`, `Brin`",
                            e,
                        ));
                        None
                    }
                });
                if name == "fulltext"
                    && !matches!(ctx.provider(), None | Some(Provider::Mysql | Provider::Mongodb))
                {
                    ctx.push(Diagnostic::error(
                        "schema::fulltext_not_supported",
                        "The attribute `@@fulltext` is only supported on MySQL and MongoDB.",
                        attr.span,
                    ));
                }
                indexes.push(Index {
                    fields,
                    name: args.get("name").and_then(|e| expect_name(ctx, e, "name", attr)),
                    mapped_name: args.get("map").and_then(|e| expect_name(ctx, e, "map", attr)),
                    algorithm,
                    is_fulltext: name == "fulltext",
                    clustered: args.get("clustered").and_then(|e| expect_bool(ctx, e, "clustered", attr)),
                    span: attr.span,
                });
            }
            "map" => {
                let args = arguments(ctx, attr, "@@", Some("name"), &["name"]);
                mapped_name = args.get("name").and_then(|e| expect_string(ctx, e, "name", attr));
            }
            "ignore" => {
                arguments(ctx, attr, "@@", None, &[]);
                is_ignored = true;
            }
            "schema" => schema_name = schema_attribute(ctx, attr),
            _ => unknown_attribute(
                ctx,
                attr,
                "@@",
                &format!("the {} `{}`", block.keyword.as_str(), block.name.name),
            ),
        }
    }
    if schema_name.is_none()
        && ctx.schema.datasource.as_ref().is_some_and(|d| !d.schemas.is_empty())
        && block.keyword == ast::ModelKeyword::Model
    {
        ctx.push(
            Diagnostic::error(
                "schema::missing_schema_attribute",
                format!("The model `{}` needs a `@@schema(\"…\")` attribute because the datasource lists `schemas`.", block.name.name),
                block.name.span,
            )
            .with_help("Add `@@schema(\"<one of the datasource's schemas>\")` to the model."),
        );
    }
    let model = &mut ctx.schema.models[id.0 as usize];
    model.scalar_fields = scalar_fields;
    model.relation_fields = relation_fields;
    model.primary_key = primary_key;
    model.unique_constraints = unique_constraints;
    model.indexes = indexes;
    model.mapped_name = mapped_name;
    model.schema = schema_name;
    model.is_ignored = is_ignored;
}

fn multiple_ids(ctx: &mut Ctx<'_>, model: &str, span: Span, first: Span) {
    ctx.push(
        Diagnostic::error(
            "schema::multiple_ids",
            format!("The model `{model}` has more than one primary key; use one `@id` or one `@@id`."),
            span,
        )
        .with_label(first, "first primary key here")
        .with_help("For a key over several fields, remove the `@id`s and write `@@id([a, b])`."),
    );
}

/// What a field list of `@@id`/`@@unique`/`@@index` can refer to.
struct FieldRefs<'a> {
    model: &'a str,
    scalar_ids: &'a HashMap<String, ScalarFieldId>,
    relation_names: &'a [&'a str],
}

fn required_fields(
    ctx: &mut Ctx<'_>,
    attr: &ast::Attribute,
    args: &HashMap<&'static str, &Expression>,
    refs: &FieldRefs<'_>,
) -> Option<Vec<IndexField>> {
    let Some(expr) = args.get("fields") else {
        ctx.push(
            Diagnostic::error(
                "schema::missing_argument",
                format!("The attribute `@@{}` needs a list of fields.", attr.name.name),
                attr.span,
            )
            .with_help(format!("Write e.g. `@@{}([a, b])`.", attr.name.name)),
        );
        return None;
    };
    let fields = index_fields(ctx, expr, attr, refs)?;
    if fields.is_empty() {
        ctx.push(Diagnostic::error(
            "schema::empty_field_list",
            format!("The attribute `@@{}` needs at least one field.", attr.name.name),
            expr.span(),
        ));
        return None;
    }
    Some(fields)
}

/// `[a, b(sort: Desc, length: 10, ops: raw("x"))]` → index fields. Dotted paths (MongoDB composite
/// fields) resolve to their first segment.
fn index_fields(
    ctx: &mut Ctx<'_>,
    expr: &Expression,
    attr: &ast::Attribute,
    refs: &FieldRefs<'_>,
) -> Option<Vec<IndexField>> {
    // A single field may be written without brackets: `@@index(userId)`.
    let items: &[Expression] = match expr {
        Expression::Array(items, _) => items,
        Expression::Constant(..) | Expression::Function(_) => std::slice::from_ref(expr),
        other => {
            ctx.push(invalid_argument(attr, "fields", "a list of field names like `[a, b]`", other));
            return None;
        }
    };
    let mut res = Vec::new();
    let mut ok = true;
    for item in items {
        let (name, span, call) = match item {
            Expression::Constant(name, span) => (name.as_str(), *span, None),
            Expression::Function(f) => (f.name.name.as_str(), f.name.span, Some(f)),
            other => {
                ctx.push(invalid_argument(attr, "fields", "a list of field names", other));
                ok = false;
                continue;
            }
        };
        let head = name.split('.').next().unwrap_or(name);
        let Some(field) = refs.scalar_ids.get(head).copied() else {
            let message = if refs.relation_names.contains(&head) {
                format!(
                    "The field `{head}` of the model `{}` is a relation field; only scalar fields can be used in `@@{}`.",
                    refs.model, attr.name.name
                )
            } else {
                format!("The model `{}` has no scalar field `{head}`.", refs.model)
            };
            let mut d = Diagnostic::error("schema::unknown_field_reference", message, span);
            if let Some(s) = suggest(head, refs.scalar_ids.keys().map(String::as_str)) {
                d = d.with_help(format!("Did you mean `{s}`?"));
            }
            ctx.push(d);
            ok = false;
            continue;
        };
        let mut index_field = IndexField { field, sort: None, length: None, ops: None };
        if let Some(call) = call {
            for arg in &call.arguments.arguments {
                let (Some(arg_name), Some(value)) = (&arg.name, &arg.value) else {
                    ctx.push(Diagnostic::error(
                        "schema::unknown_argument",
                        format!(
                            "Field options in `@@{}` are named: `sort:`, `length:` or `ops:`.",
                            attr.name.name
                        ),
                        arg.span,
                    ));
                    continue;
                };
                match arg_name.name.as_str() {
                    "sort" => index_field.sort = expect_sort(ctx, value, attr),
                    "length" => index_field.length = expect_u32(ctx, value, "length", attr),
                    "ops" => index_field.ops = Some(value.to_psl()),
                    other => ctx.push(
                        Diagnostic::error(
                            "schema::unknown_argument",
                            format!("The field option `{other}` is not known."),
                            arg_name.span,
                        )
                        .with_help("Field options are `sort:`, `length:` and `ops:`."),
                    ),
                }
            }
        }
        res.push(index_field);
    }
    ok.then_some(res)
}

/// `[a, b]` → names with spans (for `fields:`/`references:` of `@relation`).
fn name_list(ctx: &mut Ctx<'_>, expr: &Expression, arg: &str, attr: &ast::Attribute) -> Vec<(String, Span)> {
    let items: Vec<&Expression> = match expr {
        Expression::Array(items, _) => items.iter().collect(),
        Expression::Constant(..) => vec![expr],
        other => {
            ctx.push(invalid_argument(attr, arg, "a list of field names like `[a, b]`", other));
            return Vec::new();
        }
    };
    let mut res = Vec::new();
    for item in items {
        match item {
            Expression::Constant(name, span) => res.push((name.clone(), *span)),
            other => ctx.push(invalid_argument(attr, arg, "a list of field names", other)),
        }
    }
    res
}

fn referential_action(
    ctx: &mut Ctx<'_>,
    expr: &Expression,
    arg: &str,
    attr: &ast::Attribute,
) -> Option<ReferentialAction> {
    let action = match expr.as_constant() {
        Some("Cascade") => ReferentialAction::Cascade,
        Some("Restrict") => ReferentialAction::Restrict,
        Some("NoAction") => ReferentialAction::NoAction,
        Some("SetNull") => ReferentialAction::SetNull,
        Some("SetDefault") => ReferentialAction::SetDefault,
        _ => {
            ctx.push(
                Diagnostic::error(
                    "schema::invalid_referential_action",
                    format!("`{}` is not a referential action for `{arg}`.", show(expr)),
                    expr.span(),
                )
                .with_help("Use one of `Cascade`, `Restrict`, `NoAction`, `SetNull`, `SetDefault`."),
            );
            return None;
        }
    };
    let _ = attr;
    Some(action)
}

/// Checks `text` against the `date-time` production of RFC 3339 section 5.6
/// (<https://www.rfc-editor.org/rfc/rfc3339#section-5.6>), which is what Prisma accepts for a
/// `DateTime` default: `YYYY-MM-DD`, `T` (or `t`, or a space, as section 5.6's note allows), `hh:mm:ss`,
/// optional fraction, then `Z`/`z` or `+hh:mm`/`-hh:mm`. Fields are range-checked (days per month,
/// leap years; second 60 for a leap second). Returns what is wrong, for the message.
pub(crate) fn check_rfc3339(text: &str) -> Result<(), &'static str> {
    fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
        let part = b.get(at..at + n)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
    }
    let b = text.as_bytes();
    let shape = "expected the shape `YYYY-MM-DDThh:mm:ssZ` (with an optional fraction and `Z` or an offset like `+02:00`)";
    let (Some(year), Some(month), Some(day)) = (digits(b, 0, 4), digits(b, 5, 2), digits(b, 8, 2)) else {
        return Err(shape);
    };
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return Err(shape);
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return Err(if b.len() == 10 { "the time and offset are missing" } else { shape });
    }
    let (Some(hour), Some(minute), Some(second)) = (digits(b, 11, 2), digits(b, 14, 2), digits(b, 17, 2))
    else {
        return Err(shape);
    };
    if b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
        return Err(shape);
    }
    let mut at = 19;
    if b.get(at) == Some(&b'.') {
        at += 1;
        let start = at;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        if at == start {
            return Err("the fraction after `.` has no digits");
        }
    }
    match b.get(at) {
        Some(b'Z' | b'z') if at + 1 == b.len() => {}
        Some(b'+' | b'-') => {
            let (Some(oh), Some(om)) = (digits(b, at + 1, 2), digits(b, at + 4, 2)) else {
                return Err(shape);
            };
            if b.get(at + 3) != Some(&b':') || at + 6 != b.len() {
                return Err(shape);
            }
            if oh > 23 || om > 59 {
                return Err("the offset is out of range");
            }
        }
        None => return Err("the offset (`Z` or e.g. `+02:00`) is missing"),
        Some(_) => return Err(shape),
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err("the month is out of range"),
    };
    if day == 0 || day > days_in_month {
        return Err("the day is out of range");
    }
    if hour > 23 || minute > 59 || second > 60 {
        return Err("the time is out of range");
    }
    Ok(())
}

/// Checks that `text` is one JSON value (RFC 8259, <https://www.rfc-editor.org/rfc/rfc8259>), as
/// Prisma requires of a `Json` default. Returns what is wrong, for the message.
pub(crate) fn check_json(text: &str) -> Result<(), &'static str> {
    struct P<'a> {
        b: &'a [u8],
        at: usize,
    }
    impl P<'_> {
        fn ws(&mut self) {
            while matches!(self.b.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                self.at += 1;
            }
        }
        fn lit(&mut self, word: &[u8]) -> Result<(), &'static str> {
            if self.b[self.at..].starts_with(word) {
                self.at += word.len();
                Ok(())
            } else {
                Err("it has an unexpected character")
            }
        }
        fn digits(&mut self) -> usize {
            let start = self.at;
            while self.b.get(self.at).is_some_and(u8::is_ascii_digit) {
                self.at += 1;
            }
            self.at - start
        }
        fn number(&mut self) -> Result<(), &'static str> {
            const BAD: &str = "it has a malformed number";
            if self.b.get(self.at) == Some(&b'-') {
                self.at += 1;
            }
            match self.b.get(self.at) {
                Some(b'0') => self.at += 1,
                Some(b'1'..=b'9') => {
                    self.digits();
                }
                _ => return Err(BAD),
            }
            if self.b.get(self.at) == Some(&b'.') {
                self.at += 1;
                if self.digits() == 0 {
                    return Err(BAD);
                }
            }
            if matches!(self.b.get(self.at), Some(b'e' | b'E')) {
                self.at += 1;
                if matches!(self.b.get(self.at), Some(b'+' | b'-')) {
                    self.at += 1;
                }
                if self.digits() == 0 {
                    return Err(BAD);
                }
            }
            Ok(())
        }
        fn string(&mut self) -> Result<(), &'static str> {
            self.at += 1; // The opening quote.
            loop {
                match self.b.get(self.at) {
                    None => return Err("a string is not closed"),
                    Some(b'"') => {
                        self.at += 1;
                        return Ok(());
                    }
                    Some(b'\\') => match self.b.get(self.at + 1) {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.at += 2,
                        Some(b'u')
                            if self
                                .b
                                .get(self.at + 2..self.at + 6)
                                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) =>
                        {
                            self.at += 6
                        }
                        _ => return Err("a string has an invalid escape"),
                    },
                    Some(c) if *c < 0x20 => return Err("a string holds a control character"),
                    Some(_) => self.at += 1,
                }
            }
        }
        fn value(&mut self, depth: usize) -> Result<(), &'static str> {
            if depth > 128 {
                return Err("it is nested too deeply");
            }
            self.ws();
            match self.b.get(self.at) {
                None => Err("it ends where a value was expected"),
                Some(b'{') => {
                    self.at += 1;
                    self.ws();
                    if self.b.get(self.at) == Some(&b'}') {
                        self.at += 1;
                        return Ok(());
                    }
                    loop {
                        self.ws();
                        match self.b.get(self.at) {
                            Some(b'"') => {}
                            None => return Err("it ends inside an object"),
                            Some(_) => return Err("an object key is not a string"),
                        }
                        self.string()?;
                        self.ws();
                        if self.b.get(self.at) != Some(&b':') {
                            return Err("an object key is not followed by `:`");
                        }
                        self.at += 1;
                        self.value(depth + 1)?;
                        self.ws();
                        match self.b.get(self.at) {
                            Some(b',') => self.at += 1,
                            Some(b'}') => {
                                self.at += 1;
                                return Ok(());
                            }
                            _ => return Err("an object is not closed with `}`"),
                        }
                    }
                }
                Some(b'[') => {
                    self.at += 1;
                    self.ws();
                    if self.b.get(self.at) == Some(&b']') {
                        self.at += 1;
                        return Ok(());
                    }
                    loop {
                        self.value(depth + 1)?;
                        self.ws();
                        match self.b.get(self.at) {
                            Some(b',') => self.at += 1,
                            Some(b']') => {
                                self.at += 1;
                                return Ok(());
                            }
                            _ => return Err("an array is not closed with `]`"),
                        }
                    }
                }
                Some(b'"') => self.string(),
                Some(b't') => self.lit(b"true"),
                Some(b'f') => self.lit(b"false"),
                Some(b'n') => self.lit(b"null"),
                Some(b'-' | b'0'..=b'9') => self.number(),
                Some(_) => Err("it has an unexpected character"),
            }
        }
    }
    let mut p = P { b: text.as_bytes(), at: 0 };
    p.value(0)?;
    p.ws();
    if p.at != p.b.len() {
        return Err("more text follows the JSON value");
    }
    Ok(())
}

/// Checks that `text` is standard base64 with padding (RFC 4648 section 4,
/// <https://www.rfc-editor.org/rfc/rfc4648#section-4>), as Prisma requires of a `Bytes` default.
pub(crate) fn check_base64(text: &str) -> Result<(), &'static str> {
    let b = text.as_bytes();
    let body = b.iter().position(|c| *c == b'=').unwrap_or(b.len());
    if !b[..body].iter().all(|c| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/') {
        return Err("it has characters outside the base64 alphabet");
    }
    if b.len() - body > 2 || !b[body..].iter().all(|c| *c == b'=') || !b.len().is_multiple_of(4) {
        return Err("its length or `=` padding is wrong");
    }
    Ok(())
}

/// `[+-]digits[.digits][e[+-]digits]` (digits on at least one side of the point): a decimal
/// number written in a string, e.g. `"1.50"`.
fn is_decimal(text: &str) -> bool {
    let b = text.strip_prefix(['+', '-']).unwrap_or(text).as_bytes();
    let mut at = 0;
    let count = |at: &mut usize| {
        let start = *at;
        while b.get(*at).is_some_and(u8::is_ascii_digit) {
            *at += 1;
        }
        *at - start
    };
    let mut n = count(&mut at);
    if b.get(at) == Some(&b'.') {
        at += 1;
        n += count(&mut at);
    }
    if n == 0 {
        return false;
    }
    if matches!(b.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(b.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        if count(&mut at) == 0 {
            return false;
        }
    }
    at == b.len()
}
