//! Validation of `datasource` and `generator` blocks.
//! Source: <https://www.prisma.io/docs/orm/reference/prisma-schema-reference#datasource> and `#generator`.

use foldhash::HashMap;

use super::{Ctx, show, suggest};
use crate::ast::{self, Expression};
use crate::diagnostics::{Diagnostic, Span};
use crate::schema::*;

/// Preview features that Prisma 6/7 accept today.
/// Source: <https://www.prisma.io/docs/orm/reference/preview-features/client-preview-features>.
const PREVIEW_FEATURES: &[&str] = &[
    "driverAdapters",
    "fullTextSearchPostgres",
    "metrics",
    "multiSchema",
    "nativeDistinct",
    "postgresqlExtensions",
    "queryCompiler",
    "relationJoins",
    "schemaEngineDriverAdapters",
    "shardKeys",
    "strictUndefinedChecks",
    "typedSql",
    "views",
];

/// Preview features that became generally available or were removed; listing them does nothing.
const RETIRED_PREVIEW_FEATURES: &[&str] = &[
    "atomicNumberOperations",
    "clientExtensions",
    "cockroachdb",
    "connectOrCreate",
    "createMany",
    "dataProxy",
    "deno",
    "extendedIndexes",
    "extendedWhereUnique",
    "fieldReference",
    "filteredRelationCount",
    "filterJson",
    "fullTextIndex",
    "fullTextSearch",
    "groupBy",
    "improvedQueryRaw",
    "interactiveTransactions",
    "jsonProtocol",
    "microsoftSqlServer",
    "mongoDb",
    "namedConstraints",
    "napi",
    "nApi",
    "nativeTypes",
    "omitApi",
    "orderByAggregateGroup",
    "orderByNulls",
    "orderByRelation",
    "prismaSchemaFolder",
    "referentialActions",
    "referentialIntegrity",
    "selectRelationCount",
    "tracing",
    "transactionApi",
    "uncheckedScalarInputs",
];

const DATASOURCE_PROPERTIES: &[&str] = &[
    "provider",
    "url",
    "directUrl",
    "shadowDatabaseUrl",
    "relationMode",
    "referentialIntegrity",
    "schemas",
    "extensions",
];

/// Validates every datasource and generator of all files.
pub(crate) fn validate_config(ctx: &mut Ctx<'_>, asts: &[ast::SchemaAst]) {
    let mut first_datasource: Option<Span> = None;
    let mut generator_names: HashMap<String, Span> = HashMap::default();
    let mut has_any_block = false;
    for ast in asts {
        for top in &ast.tops {
            match top {
                ast::Top::Datasource(block) => {
                    has_any_block = true;
                    if let Some(first) = first_datasource {
                        ctx.push(
                            Diagnostic::error(
                                "schema::duplicate_datasource",
                                format!("The datasource `{}` cannot be defined: a schema has exactly one datasource.", block.name.name),
                                block.name.span,
                            )
                            .with_label(first, "first datasource defined here")
                            .with_help("Remove one of the datasource blocks."),
                        );
                        continue;
                    }
                    first_datasource = Some(block.name.span);
                    datasource(ctx, block);
                }
                ast::Top::Generator(block) => {
                    has_any_block = true;
                    if let Some(first) = generator_names.get(&block.name.name) {
                        let first = *first;
                        ctx.push(
                            Diagnostic::error(
                                "schema::duplicate_generator",
                                format!("The generator `{}` is already defined.", block.name.name),
                                block.name.span,
                            )
                            .with_label(first, "first defined here"),
                        );
                        continue;
                    }
                    generator_names.insert(block.name.name.clone(), block.name.span);
                    generator(ctx, block);
                }
                ast::Top::Model(_) | ast::Top::Enum(_) => has_any_block = true,
                ast::Top::Comment(_) => {}
            }
        }
    }
    if first_datasource.is_none() && has_any_block {
        let file_id = asts.first().map(|a| a.file_id).unwrap_or_default();
        ctx.push(
            Diagnostic::error("schema::missing_datasource", "The schema has no `datasource` block.", Span::new(file_id, 0, 0))
                .with_help("Add a block such as `datasource db { provider = \"postgresql\" }` (on several lines) to one of the schema files."),
        );
    }
}

/// Reads one string-or-env value.
fn string_or_env(ctx: &mut Ctx<'_>, prop: &ast::ConfigProperty) -> Option<StringOrEnv> {
    let value = prop.value.as_ref()?;
    match value {
        Expression::String(s) => Some(StringOrEnv::Literal(s.value.clone())),
        Expression::Function(f) if f.name.name == "env" => {
            let var =
                f.arguments.arguments.first().and_then(|a| a.value.as_ref()).and_then(Expression::as_str);
            match (var, f.arguments.arguments.len()) {
                (Some(var), 1) => Some(StringOrEnv::Env(var.to_owned())),
                _ => {
                    ctx.push(
                        Diagnostic::error(
                            "schema::invalid_env_call",
                            "`env(…)` takes exactly one argument: the environment variable name as a string.",
                            f.span,
                        )
                        .with_help("Write e.g. `env(\"DATABASE_URL\")`."),
                    );
                    None
                }
            }
        }
        other => {
            ctx.push(invalid_property_value(&prop.key.name, "a string or `env(\"VAR\")`", other));
            None
        }
    }
}

fn invalid_property_value(key: &str, expected: &str, found: &Expression) -> Diagnostic {
    Diagnostic::error(
        "schema::invalid_property_value",
        format!("The property `{key}` must be {expected}, found `{}`.", show(found)),
        found.span(),
    )
}

/// Reads `map`, `schema` and `version` (strings) of an extension call `name(map: "…", …)`;
/// reports any other argument. Source:
/// <https://www.prisma.io/docs/orm/v6/prisma-schema/postgresql-extensions>.
fn extension_arguments(ctx: &mut Ctx<'_>, ext: &mut Extension, call: &ast::FunctionCall) {
    for arg in &call.arguments.arguments {
        let Some(value) = &arg.value else { continue };
        let slot = match arg.name.as_ref().map(|n| n.name.as_str()) {
            Some("map") => &mut ext.map,
            Some("schema") => &mut ext.schema,
            Some("version") => &mut ext.version,
            _ => {
                ctx.push(
                    Diagnostic::error(
                        "schema::unknown_argument",
                        format!(
                            "The extension `{}` takes only the arguments `map`, `schema` and `version`.",
                            ext.name
                        ),
                        arg.span,
                    )
                    .with_help("Write e.g. `uuid_ossp(map: \"uuid-ossp\", schema: \"extensions\", version: \"1.1\")`."),
                );
                continue;
            }
        };
        match value.as_str() {
            Some(s) => *slot = Some(s.to_owned()),
            None => ctx.push(invalid_property_value(
                "extensions",
                "a list of extension names with string arguments",
                value,
            )),
        }
    }
}

/// `["a", "b"]` → strings. Reports non-string elements.
fn string_list(ctx: &mut Ctx<'_>, prop: &ast::ConfigProperty) -> Vec<String> {
    let Some(value) = &prop.value else { return Vec::new() };
    let items: Vec<&Expression> = match value {
        Expression::Array(items, _) => items.iter().collect(),
        // A single string is accepted as a one-element list.
        Expression::String(_) => vec![value],
        other => {
            ctx.push(invalid_property_value(&prop.key.name, "a list of strings", other));
            return Vec::new();
        }
    };
    let mut res = Vec::new();
    for item in items {
        match item.as_str() {
            Some(s) => res.push(s.to_owned()),
            None => ctx.push(invalid_property_value(&prop.key.name, "a list of strings", item)),
        }
    }
    res
}

fn datasource(ctx: &mut Ctx<'_>, block: &ast::ConfigBlock) {
    let mut seen: HashMap<&str, Span> = HashMap::default();
    let mut provider = None;
    let mut provider_given = false;
    let mut ds = Datasource {
        name: block.name.name.clone(),
        provider: Provider::Postgresql,
        url: None,
        direct_url: None,
        shadow_database_url: None,
        relation_mode: RelationMode::ForeignKeys,
        schemas: Vec::new(),
        extensions: Vec::new(),
        span: block.span,
    };
    let mut relation_mode_given = false;
    for prop in block.properties() {
        let key = prop.key.name.as_str();
        if let Some(first) = seen.get(key) {
            let first = *first;
            ctx.push(
                Diagnostic::error(
                    "schema::duplicate_property",
                    format!(
                        "The property `{key}` is already defined in the datasource `{}`.",
                        block.name.name
                    ),
                    prop.key.span,
                )
                .with_label(first, "first defined here"),
            );
            continue;
        }
        seen.insert(key, prop.key.span);
        let Some(value) = &prop.value else { continue };
        match key {
            "provider" => {
                provider_given = true;
                match value.as_str() {
                    Some(s) => match Provider::from_psl(s) {
                        Some(p) => provider = Some(p),
                        None => ctx.push(
                            Diagnostic::error(
                                "schema::unknown_provider",
                                format!("The datasource provider `{s}` is not known."),
                                value.span(),
                            )
                            .with_help(
                                "Use one of `sqlite`, `postgresql` (or `postgres`), `mysql`, `mongodb`, `cockroachdb`, `sqlserver`.",
                            ),
                        ),
                    },
                    None => ctx.push(invalid_property_value(key, "a string", value)),
                }
            }
            "url" => ds.url = string_or_env(ctx, prop),
            "directUrl" => ds.direct_url = string_or_env(ctx, prop),
            "shadowDatabaseUrl" => ds.shadow_database_url = string_or_env(ctx, prop),
            "relationMode" | "referentialIntegrity" => {
                relation_mode_given = true;
                match value.as_str() {
                    Some("prisma") => ds.relation_mode = RelationMode::Prisma,
                    Some("foreignKeys") => ds.relation_mode = RelationMode::ForeignKeys,
                    _ => ctx.push(
                        invalid_property_value(key, "`\"foreignKeys\"` or `\"prisma\"`", value)
                            .with_help("See https://www.prisma.io/docs/orm/prisma-schema/data-model/relations/relation-mode."),
                    ),
                }
            }
            "schemas" => ds.schemas = string_list(ctx, prop),
            "extensions" => {
                // `[pgcrypto, postgis(version: "2.1"), "uuid-ossp"]`: names, calls or strings.
                let items: Vec<&Expression> = match value {
                    Expression::Array(items, _) => items.iter().collect(),
                    other => vec![other],
                };
                for item in items {
                    let extension = |name: &str, span| Extension {
                        name: name.to_owned(),
                        map: None,
                        schema: None,
                        version: None,
                        span,
                    };
                    match item {
                        Expression::Constant(name, span) => ds.extensions.push(extension(name, *span)),
                        Expression::String(s) => ds.extensions.push(extension(&s.value, s.span)),
                        Expression::Function(f) => {
                            let mut ext = extension(&f.name.name, f.span);
                            extension_arguments(ctx, &mut ext, f);
                            ds.extensions.push(ext);
                        }
                        other => ctx.push(invalid_property_value(key, "a list of extension names", other)),
                    }
                }
            }
            _ => {
                let mut d = Diagnostic::error(
                    "schema::unknown_datasource_property",
                    format!("The property `{key}` is not known in a datasource."),
                    prop.key.span,
                );
                if let Some(s) = suggest(key, DATASOURCE_PROPERTIES.iter().copied()) {
                    d = d.with_help(format!("Did you mean `{s}`?"));
                }
                ctx.push(d);
            }
        }
    }
    if !provider_given {
        ctx.push(
            Diagnostic::error(
                "schema::missing_provider",
                format!("The datasource `{}` has no `provider`.", block.name.name),
                block.name.span,
            )
            .with_help("Add e.g. `provider = \"postgresql\"`."),
        );
    }
    let Some(provider) = provider else {
        // Keep the datasource name for native types, but there is no usable datasource.
        ctx.datasource_name = Some(block.name.name.clone());
        return;
    };
    ds.provider = provider;
    if provider == Provider::Mongodb && !relation_mode_given {
        ds.relation_mode = RelationMode::Prisma;
    }
    if !ds.extensions.is_empty()
        && provider != Provider::Postgresql
        && let Some(prop) = block.property("extensions")
    {
        ctx.push(Diagnostic::error(
            "schema::extensions_not_supported",
            format!(
                "The property `extensions` is only supported on PostgreSQL, not on `{}`.",
                provider.as_str()
            ),
            prop.key.span,
        ));
    }
    if !ds.schemas.is_empty()
        && !matches!(provider, Provider::Postgresql | Provider::Cockroachdb | Provider::Sqlserver)
        && let Some(prop) = block.property("schemas")
    {
        ctx.push(Diagnostic::error(
            "schema::schemas_not_supported",
            format!("The property `schemas` is not supported on `{}`.", provider.as_str()),
            prop.key.span,
        ));
    }
    ctx.datasource_name = Some(block.name.name.clone());
    ctx.schema.datasource = Some(ds);
}

fn generator(ctx: &mut Ctx<'_>, block: &ast::ConfigBlock) {
    let mut seen: HashMap<&str, Span> = HashMap::default();
    let mut provider = None;
    let mut output = None;
    let mut preview_features = Vec::new();
    let mut config = Vec::new();
    for prop in block.properties() {
        let key = prop.key.name.as_str();
        if let Some(first) = seen.get(key) {
            let first = *first;
            ctx.push(
                Diagnostic::error(
                    "schema::duplicate_property",
                    format!(
                        "The property `{key}` is already defined in the generator `{}`.",
                        block.name.name
                    ),
                    prop.key.span,
                )
                .with_label(first, "first defined here"),
            );
            continue;
        }
        seen.insert(key, prop.key.span);
        let Some(value) = &prop.value else { continue };
        match key {
            "provider" => provider = string_or_env(ctx, prop),
            "output" => output = string_or_env(ctx, prop),
            "previewFeatures" => {
                let features = string_list(ctx, prop);
                let items: Vec<Span> = match value {
                    Expression::Array(items, _) => items.iter().map(Expression::span).collect(),
                    other => vec![other.span()],
                };
                for (feature, span) in features.iter().zip(items) {
                    preview_feature(ctx, feature, span);
                }
                preview_features = features;
            }
            _ => config.push((key.to_owned(), value.to_psl())),
        }
    }
    let Some(provider) = provider else {
        if !seen.contains_key("provider") {
            ctx.push(
                Diagnostic::error(
                    "schema::missing_provider",
                    format!("The generator `{}` has no `provider`.", block.name.name),
                    block.name.span,
                )
                .with_help(format!("Add e.g. `provider = \"{}\"`.", Generator::OUR_PROVIDER)),
            );
        }
        return;
    };
    ctx.schema.generators.push(Generator {
        name: block.name.name.clone(),
        provider,
        output,
        preview_features,
        config,
        span: block.span,
    });
}

fn preview_feature(ctx: &mut Ctx<'_>, feature: &str, span: Span) {
    if PREVIEW_FEATURES.iter().any(|f| f.eq_ignore_ascii_case(feature)) {
        return;
    }
    if RETIRED_PREVIEW_FEATURES.iter().any(|f| f.eq_ignore_ascii_case(feature)) {
        ctx.push(
            Diagnostic::warning(
                "schema::retired_preview_feature",
                format!("The preview feature `{feature}` is generally available or was removed; listing it has no effect."),
                span,
            )
            .with_help(format!("Remove `\"{feature}\"` from `previewFeatures`.")),
        );
        return;
    }
    let mut d = Diagnostic::warning(
        "schema::unknown_preview_feature",
        format!("The preview feature `{feature}` is not known."),
        span,
    );
    if let Some(s) = suggest(feature, PREVIEW_FEATURES.iter().copied()) {
        d = d.with_help(format!("Did you mean `{s}`?"));
    }
    ctx.push(d);
}
