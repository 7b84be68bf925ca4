//! Connector rules for keys and indexes: `clustered:`, index `type:`, `length:`, constraint names
//! (`map:` of `@id`/`@@id`, `@unique`/`@@unique`, `@@index`, `@relation`, `@default`) per
//! provider, and the namespaces in which those names must be unique.
//! Sources: <https://www.prisma.io/docs/orm/prisma-schema/data-model/indexes> (clustering is SQL
//! Server only; `length:` is MySQL only; index types per connector),
//! <https://www.prisma.io/docs/orm/prisma-schema/data-model/database-mapping#constraint-and-index-names>,
//! and each database's manual on where constraint and index names live (PostgreSQL: indexes and
//! the constraints backed by them share the schema's relation namespace, constraint names are per
//! table; MySQL: index names are per table, foreign key names per database; SQLite: index names
//! per database; SQL Server: primary key, foreign key and default constraint names are schema-wide
//! objects, index names are per table).

use std::collections::{HashMap, HashSet};

use super::Ctx;
use super::native_types::display_name;
use crate::diagnostics::{Diagnostic, Span};
use crate::schema::*;

/// Runs every check of this module over the resolved models.
pub(crate) fn check_constraints(ctx: &mut Ctx<'_>) {
    let Some(provider) = ctx.provider() else { return };
    let mut errors = Vec::new();
    for model in &ctx.schema.models {
        check_clustering(provider, model, &mut errors);
        check_index_options(provider, model, &mut errors);
        check_named_keys(provider, model, &mut errors);
    }
    let relation_mode = ctx.relation_mode();
    check_name_clashes(provider, relation_mode, &ctx.schema, &mut errors);
    for e in errors {
        ctx.push(e);
    }
}

/// `clustered:` is SQL Server only; there a model has at most one clustered index, and the
/// primary key is clustered unless it says `clustered: false`.
/// Source: <https://www.prisma.io/docs/orm/prisma-schema/data-model/indexes#configuring-indexes-with-clustered-sql-server>.
fn check_clustering(provider: Provider, model: &Model, errors: &mut Vec<Diagnostic>) {
    let mut items: Vec<(Option<bool>, Span, &str)> = Vec::new();
    if let Some(pk) = &model.primary_key {
        items.push((pk.clustered, pk.span, "primary key"));
    }
    for u in &model.unique_constraints {
        items.push((u.clustered, u.span, "unique constraint"));
    }
    for i in &model.indexes {
        items.push((i.clustered, i.span, "index"));
    }
    if provider != Provider::Sqlserver {
        for (clustered, span, _) in &items {
            if clustered.is_some() {
                errors.push(
                    Diagnostic::error(
                        "schema::clustering_not_supported",
                        format!(
                            "The argument `clustered` is only supported on SQL Server, not on {}.",
                            display_name(provider)
                        ),
                        *span,
                    )
                    .with_help("Remove `clustered:`."),
                );
            }
        }
        return;
    }
    let mut first: Option<(Span, &str, bool)> = None;
    for (i, (clustered, span, kind)) in items.iter().enumerate() {
        let is_pk = i == 0 && model.primary_key.is_some();
        let is_clustered = if is_pk { *clustered != Some(false) } else { *clustered == Some(true) };
        if !is_clustered {
            continue;
        }
        match first {
            None => first = Some((*span, kind, is_pk && clustered.is_none())),
            Some((first_span, first_kind, implicit)) => {
                let label = if implicit {
                    "the primary key, clustered by default".to_owned()
                } else {
                    format!("the clustered {first_kind}")
                };
                errors.push(
                    Diagnostic::error(
                        "schema::multiple_clustered_indexes",
                        format!(
                            "The model `{}` can have only one clustered index, but this {kind} is clustered too.",
                            model.name
                        ),
                        *span,
                    )
                    .with_label(first_span, label)
                    .with_help(if implicit {
                        "Add `clustered: false` to the primary key, or remove `clustered: true` here."
                    } else {
                        "Keep `clustered: true` on one of them."
                    }),
                );
            }
        }
    }
}

/// Index `type:` per connector (PostgreSQL: all; CockroachDB: `BTree`, `Gin`; others: `BTree`),
/// `sort:` on a primary key (SQL Server only) and `length:` (MySQL only).
/// Source: <https://www.prisma.io/docs/orm/prisma-schema/data-model/indexes#configuring-the-access-type-of-indexes-with-type-postgresql>.
fn check_index_options(provider: Provider, model: &Model, errors: &mut Vec<Diagnostic>) {
    for index in &model.indexes {
        let Some(algorithm) = index.algorithm else { continue };
        let supported = match provider {
            Provider::Postgresql => true,
            Provider::Cockroachdb => matches!(algorithm, IndexAlgorithm::BTree | IndexAlgorithm::Gin),
            _ => algorithm == IndexAlgorithm::BTree,
        };
        if !supported {
            errors.push(
                Diagnostic::error(
                    "schema::index_type_not_supported",
                    format!("The index type `{algorithm:?}` is not supported on {}.", display_name(provider)),
                    index.span,
                )
                .with_help(match provider {
                    Provider::Cockroachdb => "CockroachDB supports `BTree` and `Gin`.",
                    _ => "Only PostgreSQL supports index types other than `BTree`; remove `type:`.",
                }),
            );
        }
    }
    // Of the SQL connectors, only SQL Server takes `sort:` on a primary key (MongoDB is not checked).
    if matches!(provider, Provider::Postgresql | Provider::Cockroachdb | Provider::Mysql | Provider::Sqlite)
        && let Some(pk) = &model.primary_key
        && pk.fields.iter().any(|f| f.sort.is_some())
    {
        errors.push(
            Diagnostic::error(
                "schema::primary_key_sort_not_supported",
                format!(
                    "The primary key of the model `{}` has a `sort` argument, but {} does not support sort orders on primary keys.",
                    model.name,
                    display_name(provider)
                ),
                pk.span,
            )
            .with_help("Remove `sort:` from the `@id`/`@@id`; indexes and unique constraints may keep it."),
        );
    }
    if provider == Provider::Mysql {
        return;
    }
    let mut with_length: Vec<(Span, &str)> = Vec::new();
    if let Some(pk) = &model.primary_key
        && pk.fields.iter().any(|f| f.length.is_some())
    {
        with_length.push((pk.span, "primary key"));
    }
    for u in &model.unique_constraints {
        if u.fields.iter().any(|f| f.length.is_some()) {
            with_length.push((u.span, "unique constraint"));
        }
    }
    for i in &model.indexes {
        if i.fields.iter().any(|f| f.length.is_some()) {
            with_length.push((i.span, "index"));
        }
    }
    for (span, kind) in with_length {
        errors.push(
            Diagnostic::error(
                "schema::length_not_supported",
                format!(
                    "The `length` argument of this {kind} is only supported on MySQL, not on {}.",
                    display_name(provider)
                ),
                span,
            )
            .with_help("Remove `length:`; prefix lengths are a MySQL feature."),
        );
    }
}

/// MySQL and SQLite do not name primary keys; SQLite does not name foreign keys.
/// Source: <https://www.prisma.io/docs/orm/prisma-schema/data-model/database-mapping#constraint-and-index-names>.
fn check_named_keys(provider: Provider, model: &Model, errors: &mut Vec<Diagnostic>) {
    if matches!(provider, Provider::Mysql | Provider::Sqlite)
        && let Some(pk) = &model.primary_key
        && pk.mapped_name.is_some()
    {
        errors.push(
            Diagnostic::error(
                "schema::primary_key_name_not_supported",
                format!(
                    "The primary key of the model `{}` has a `map:` name, but {} does not name primary keys.",
                    model.name,
                    display_name(provider)
                ),
                pk.span,
            )
            .with_help("Remove `map:` from the `@id`/`@@id`."),
        );
    }
    if provider == Provider::Sqlite {
        for field in &model.relation_fields {
            if field.mapped_name.is_some() {
                errors.push(
                    Diagnostic::error(
                        "schema::foreign_key_name_not_supported",
                        format!(
                            "The relation field `{}` of the model `{}` names its foreign key with `map:`, but SQLite does not name foreign keys.",
                            field.name, model.name
                        ),
                        field.span,
                    )
                    .with_help("Remove `map:` from the `@relation`."),
                );
            }
        }
    }
}

/// The kind of a named database object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    PrimaryKey,
    Unique,
    Index,
    ForeignKey,
    Default,
}

impl Kind {
    fn with_article(self) -> &'static str {
        match self {
            Kind::PrimaryKey => "a primary key",
            Kind::Unique => "a unique constraint",
            Kind::Index => "an index",
            Kind::ForeignKey => "a foreign key",
            Kind::Default => "a default constraint",
        }
    }
    fn describe(self) -> &'static str {
        match self {
            Kind::PrimaryKey => "primary key",
            Kind::Unique => "unique constraint",
            Kind::Index => "index",
            Kind::ForeignKey => "foreign key",
            Kind::Default => "default constraint",
        }
    }
}

/// A namespace: the kinds whose names share it, whether it spans the whole database (else one
/// table), and how messages describe it.
type Namespace = (&'static [Kind], bool, &'static str);

/// The namespaces in which explicit constraint names must be unique, per provider (as Prisma
/// checks them; CockroachDB is not checked here).
fn namespaces(provider: Provider) -> &'static [Namespace] {
    use Kind::*;
    match provider {
        Provider::Postgresql => &[
            (
                &[PrimaryKey, Unique, Index],
                true,
                "primary keys, indexes and unique constraints of all models",
            ),
            (
                &[PrimaryKey, Unique, Index, ForeignKey],
                false,
                "primary keys, indexes, unique constraints and foreign keys of one model",
            ),
        ],
        Provider::Sqlite => &[(&[Unique, Index], true, "indexes and unique constraints of all models")],
        Provider::Mysql => &[
            (&[ForeignKey], true, "foreign keys of all models"),
            (&[Unique, Index], false, "indexes and unique constraints of one model"),
        ],
        Provider::Sqlserver => &[
            (
                &[PrimaryKey, ForeignKey, Default],
                true,
                "primary keys, foreign keys and default constraints of all models",
            ),
            (
                &[PrimaryKey, Unique, Index],
                false,
                "primary keys, indexes and unique constraints of one model",
            ),
        ],
        Provider::Mongodb => &[(&[Unique, Index], false, "indexes and unique constraints of one model")],
        Provider::Cockroachdb => &[],
    }
}

/// Reports constraint names used twice within one namespace (see [`namespaces`]): names given
/// with `map:` and the default names of constraints without one (so two `@@index([a])` clash,
/// as in Prisma). Each clash is reported once, on the later definition, with a label on the first.
fn check_name_clashes(
    provider: Provider,
    relation_mode: RelationMode,
    schema: &Schema,
    errors: &mut Vec<Diagnostic>,
) {
    // (model index, kind, name, explicit, span), in source order per model.
    let mut named: Vec<(usize, Kind, String, bool, Span)> = Vec::new();
    for (m, model) in schema.models.iter().enumerate() {
        let table = model.database_name();
        let columns = |fields: &[IndexField]| -> Vec<&str> {
            fields.iter().map(|f| model.scalar_field(f.field).database_name()).collect()
        };
        let mut push = |kind: Kind, mapped: &Option<String>, default: String, span: Span| match mapped {
            Some(name) => named.push((m, kind, name.clone(), true, span)),
            None => named.push((m, kind, default, false, span)),
        };
        if let Some(pk) = &model.primary_key {
            push(
                Kind::PrimaryKey,
                &pk.mapped_name,
                default_constraint_name(provider, table, &[], "pkey"),
                pk.span,
            );
        }
        for u in &model.unique_constraints {
            push(
                Kind::Unique,
                &u.mapped_name,
                default_constraint_name(provider, table, &columns(&u.fields), "key"),
                u.span,
            );
        }
        for i in &model.indexes {
            push(
                Kind::Index,
                &i.mapped_name,
                default_constraint_name(provider, table, &columns(&i.fields), "idx"),
                i.span,
            );
        }
        for f in &model.relation_fields {
            if f.fields.is_empty() && f.mapped_name.is_none() {
                continue; // The side without the foreign key.
            }
            if f.mapped_name.is_none()
                && (relation_mode == RelationMode::Prisma || provider == Provider::Mongodb)
            {
                continue; // No foreign key in the database.
            }
            let cols: Vec<&str> = f.fields.iter().map(|id| model.scalar_field(*id).database_name()).collect();
            push(
                Kind::ForeignKey,
                &f.mapped_name,
                default_constraint_name(provider, table, &cols, "fkey"),
                f.span,
            );
        }
        if provider == Provider::Sqlserver {
            for f in &model.scalar_fields {
                if let Some(d) = &f.default {
                    push(
                        Kind::Default,
                        &d.mapped_name,
                        default_constraint_name(provider, table, &[f.database_name()], "df"),
                        d.span,
                    );
                }
            }
        } else {
            for f in &model.scalar_fields {
                if let Some(d) = &f.default
                    && let Some(name) = &d.mapped_name
                {
                    named.push((m, Kind::Default, name.clone(), true, d.span));
                }
            }
        }
    }
    let mut reported: HashSet<usize> = HashSet::new();
    for (kinds, global, description) in namespaces(provider) {
        // Database-wide namespaces are per database schema (`@@schema`).
        let mut first: HashMap<(Option<usize>, Option<&str>, &str), usize> = HashMap::new();
        for (i, (m, kind, name, explicit, span)) in named.iter().enumerate() {
            if !kinds.contains(kind) {
                continue;
            }
            let key = if *global {
                (None, schema.models[*m].schema.as_deref(), name.as_str())
            } else {
                (Some(*m), None, name.as_str())
            };
            let Some(&j) = first.get(&key) else {
                first.insert(key, i);
                continue;
            };
            if !reported.insert(i) {
                continue;
            }
            let (first_model, first_kind, _, first_explicit, first_span) = &named[j];
            let (first_model, first_kind, first_span) = (*first_model, *first_kind, *first_span);
            let how = match (explicit, first_explicit) {
                (true, true) => "change one of the `map:` names",
                _ => {
                    "one of them has this name by default (no `map:`); remove a duplicate definition or give one of them a different `map:` name"
                }
            };
            errors.push(
                Diagnostic::error(
                    "schema::duplicate_constraint_name",
                    format!(
                        "The constraint name `{name}` of this {} on the model `{}` is already used by {} on the model `{}`.",
                        kind.describe(),
                        schema.models[*m].name,
                        first_kind.with_article(),
                        schema.models[first_model].name
                    ),
                    *span,
                )
                .with_label(first_span, "first used here")
                .with_help(format!(
                    "On {}, the names of {description} must be unique; {how}.",
                    display_name(provider)
                )),
            );
        }
    }
}
