//! `calculate`: the `Schema` IR → the `DatabaseSchema` a migration should produce, following
//! Prisma's mapping of models to tables.
//!
//! Type mapping per connector: <https://www.prisma.io/docs/orm/reference/prisma-schema-reference#model-field-scalar-types>
//! and the connector pages <https://www.prisma.io/docs/orm/overview/databases/postgresql#type-mapping-between-postgresql-and-prisma-schema>,
//! <https://www.prisma.io/docs/orm/overview/databases/mysql#type-mapping-between-mysql-to-prisma-schema>,
//! <https://www.prisma.io/docs/orm/overview/databases/sqlite#type-mapping-between-sqlite-to-prisma-schema>.
//! Default constraint and index names: <https://www.prisma.io/docs/orm/prisma-schema/data-model/database-mapping#prismas-default-naming-conventions-for-indexes-and-constraints>.

use orm_schema_parser::{
    DefaultKind, FieldArity, IndexAlgorithm, LiteralValue, ModelKind, Provider, ReferentialAction,
    RelationKind, RelationMode, ScalarFieldType, ScalarType, Schema,
};

use crate::SqlDialect;
use crate::database_schema::{
    Column, ColumnDefault, ColumnId, ColumnType, DatabaseSchema, Enum, ForeignKey, ForeignKeyAction, Index,
    IndexColumn, IndexKind, PrimaryKey, SortOrder, Table, TableId,
};

/// Calculates the tables, columns, indexes, foreign keys and enums `schema` asks for on `dialect`.
///
/// Views, `@@ignore`d models and composite-type fields are skipped. Implicit m-n relations get a
/// join table `_<RelationName>` with columns `A` and `B`, a unique index `_<Name>_AB_unique`, an
/// index `_<Name>_B_index` and two cascading foreign keys. With `relationMode = "prisma"` no
/// foreign keys are created. Never fails: a schema with validation errors yields a best effort.
pub fn calculate(schema: &Schema, dialect: SqlDialect) -> DatabaseSchema {
    let mut db = DatabaseSchema::empty(dialect);
    let relation_mode = schema.datasource.as_ref().map(|d| d.relation_mode).unwrap_or_default();

    if dialect == SqlDialect::Postgres {
        if let Some(ds) = &schema.datasource {
            db.extensions = ds.extensions.iter().map(|e| e.database_name().to_owned()).collect();
        }
        for enum_ in &schema.enums {
            db.enums.push(Enum {
                name: enum_.database_name().to_owned(),
                values: enum_.values.iter().map(|v| v.database_name().to_owned()).collect(),
            });
        }
    }

    // Model id → (table id, column id per scalar field) for relations.
    let mut model_tables: Vec<Option<(TableId, Vec<Option<ColumnId>>)>> = Vec::new();
    for model in &schema.models {
        if model.kind == ModelKind::View || model.is_ignored {
            model_tables.push(None);
            continue;
        }
        let table_name = model.database_name().to_owned();
        let table = db.push_table(Table { name: table_name.clone(), primary_key: None });
        let mut field_columns = Vec::new();
        for field in &model.scalar_fields {
            let Some(ty) = column_type(
                schema,
                dialect,
                &field.ty,
                field.native_type.as_ref().map(|n| (n.name.as_str(), &n.args[..])),
            ) else {
                field_columns.push(None);
                continue;
            };
            let is_list = field.arity == FieldArity::List && dialect == SqlDialect::Postgres;
            let mut auto_increment = false;
            let mut default = None;
            if let Some(d) = &field.default {
                match &d.kind {
                    DefaultKind::Autoincrement | DefaultKind::Sequence => auto_increment = true,
                    DefaultKind::Now => default = Some(ColumnDefault::Now),
                    DefaultKind::DbGenerated(Some(expr)) if !expr.is_empty() => {
                        default = Some(ColumnDefault::Sql(expr.clone()))
                    }
                    DefaultKind::Value(v) => {
                        default = Some(ColumnDefault::Sql(render_literal(schema, dialect, &field.ty, v)))
                    }
                    DefaultKind::List(values) if dialect == SqlDialect::Postgres => {
                        let items: Vec<String> =
                            values.iter().map(|v| render_literal(schema, dialect, &field.ty, v)).collect();
                        let elem = match &ty {
                            ColumnType::Sql(s) => s.clone(),
                            ColumnType::Enum(name) => quote_pg(name),
                        };
                        default = Some(ColumnDefault::Sql(format!("ARRAY[{}]::{elem}[]", items.join(", "))));
                    }
                    _ => {}
                }
            }
            // SQLite only auto-increments `INTEGER PRIMARY KEY` columns.
            // Source: <https://www.sqlite.org/autoinc.html>.
            let ty = if auto_increment && dialect == SqlDialect::Sqlite {
                ColumnType::Sql("INTEGER".to_owned())
            } else {
                ty
            };
            let id = db.push_column(Column {
                table,
                name: field.database_name().to_owned(),
                ty,
                is_list,
                nullable: field.arity == FieldArity::Optional || is_list,
                default,
                auto_increment,
            });
            field_columns.push(Some(id));
        }
        let cols = |fields: &[orm_schema_parser::IndexField]| -> Vec<IndexColumn> {
            fields
                .iter()
                .filter_map(|f| {
                    field_columns.get(f.field.0 as usize).copied().flatten().map(|column| IndexColumn {
                        column,
                        sort: f.sort.map(|s| match s {
                            orm_schema_parser::SortOrder::Asc => SortOrder::Asc,
                            orm_schema_parser::SortOrder::Desc => SortOrder::Desc,
                        }),
                        length: if dialect == SqlDialect::Mysql { f.length } else { None },
                    })
                })
                .collect()
        };
        if let Some(pk) = &model.primary_key {
            let columns: Vec<ColumnId> = cols(&pk.fields).into_iter().map(|c| c.column).collect();
            let name = match dialect {
                SqlDialect::Postgres => Some(
                    pk.mapped_name
                        .clone()
                        .unwrap_or_else(|| constraint_name(dialect, &table_name, &[], "pkey")),
                ),
                SqlDialect::Mysql | SqlDialect::Sqlite => None,
            };
            db.tables[table.0 as usize].primary_key = Some(PrimaryKey { name, columns });
        }
        for unique in &model.unique_constraints {
            let columns = cols(&unique.fields);
            let names: Vec<&str> = columns.iter().map(|c| db.column(c.column).name.as_str()).collect();
            let name = unique
                .mapped_name
                .clone()
                .unwrap_or_else(|| constraint_name(dialect, &table_name, &names, "key"));
            db.indexes.push(Index { table, name, kind: IndexKind::Unique, columns, algorithm: None });
        }
        for index in &model.indexes {
            let columns = cols(&index.fields);
            let names: Vec<&str> = columns.iter().map(|c| db.column(c.column).name.as_str()).collect();
            let name = index
                .mapped_name
                .clone()
                .or_else(|| index.name.clone())
                .unwrap_or_else(|| constraint_name(dialect, &table_name, &names, "idx"));
            let kind = if index.is_fulltext && dialect == SqlDialect::Mysql {
                IndexKind::Fulltext
            } else {
                IndexKind::Normal
            };
            let algorithm = match (dialect, index.algorithm) {
                (SqlDialect::Postgres, Some(a)) if a != IndexAlgorithm::BTree => Some(
                    match a {
                        IndexAlgorithm::Hash => "HASH",
                        IndexAlgorithm::Gin => "GIN",
                        IndexAlgorithm::Gist => "GIST",
                        IndexAlgorithm::SpGist => "SPGIST",
                        IndexAlgorithm::Brin => "BRIN",
                        IndexAlgorithm::BTree => "BTREE",
                    }
                    .to_owned(),
                ),
                _ => None,
            };
            db.indexes.push(Index { table, name, kind, columns, algorithm });
        }
        model_tables.push(Some((table, field_columns)));
    }

    for relation in &schema.relations {
        let referencing = model_tables.get(relation.referencing.model.0 as usize).cloned().flatten();
        let referenced = model_tables.get(relation.referenced.model.0 as usize).cloned().flatten();
        let (Some((table, table_cols)), Some((ref_table, ref_cols))) = (referencing, referenced) else {
            continue;
        };
        match relation.kind {
            RelationKind::OneToOne | RelationKind::OneToMany => {
                if relation_mode == RelationMode::Prisma {
                    continue;
                }
                let ignored = [relation.referencing, relation.referenced].iter().any(|side| {
                    side.field.is_some_and(|f| {
                        schema
                            .model(side.model)
                            .relation_fields
                            .get(f.0 as usize)
                            .is_some_and(|rf| rf.is_ignored)
                    })
                });
                if ignored {
                    continue;
                }
                let columns: Vec<ColumnId> = relation
                    .fields
                    .iter()
                    .filter_map(|f| table_cols.get(f.0 as usize).copied().flatten())
                    .collect();
                let referenced_columns: Vec<ColumnId> = relation
                    .references
                    .iter()
                    .filter_map(|f| ref_cols.get(f.0 as usize).copied().flatten())
                    .collect();
                if columns.is_empty() || columns.len() != referenced_columns.len() {
                    continue;
                }
                let table_name = db.table(table).name.clone();
                let names: Vec<&str> = columns.iter().map(|c| db.column(*c).name.as_str()).collect();
                let name = relation
                    .mapped_name
                    .clone()
                    .unwrap_or_else(|| constraint_name(dialect, &table_name, &names, "fkey"));
                db.foreign_keys.push(ForeignKey {
                    table,
                    name: Some(name),
                    columns,
                    referenced_table: ref_table,
                    referenced_columns,
                    on_delete: action(relation.on_delete),
                    on_update: action(relation.on_update),
                });
            }
            RelationKind::ManyToMany => {
                let join_name = relation.join_table_name();
                if db.find_table(&join_name).is_some() {
                    continue;
                }
                let pk_of =
                    |t: TableId| db.table(t).primary_key.as_ref().and_then(|pk| pk.columns.first().copied());
                let (Some(a_pk), Some(b_pk)) = (pk_of(table), pk_of(ref_table)) else { continue };
                let a_ty = db.column(a_pk).ty.clone();
                let b_ty = db.column(b_pk).ty.clone();
                let join = db.push_table(Table { name: join_name.clone(), primary_key: None });
                let col = |name: &str, ty: ColumnType| Column {
                    table: join,
                    name: name.to_owned(),
                    ty,
                    is_list: false,
                    nullable: false,
                    default: None,
                    auto_increment: false,
                };
                let a = db.push_column(col("A", a_ty));
                let b = db.push_column(col("B", b_ty));
                let ic = |column| IndexColumn { column, sort: None, length: None };
                db.indexes.push(Index {
                    table: join,
                    name: format!("{join_name}_AB_unique"),
                    kind: IndexKind::Unique,
                    columns: vec![ic(a), ic(b)],
                    algorithm: None,
                });
                db.indexes.push(Index {
                    table: join,
                    name: format!("{join_name}_B_index"),
                    kind: IndexKind::Normal,
                    columns: vec![ic(b)],
                    algorithm: None,
                });
                if relation_mode == RelationMode::ForeignKeys {
                    for (column, target, target_col, suffix) in
                        [(a, table, a_pk, "A"), (b, ref_table, b_pk, "B")]
                    {
                        db.foreign_keys.push(ForeignKey {
                            table: join,
                            name: Some(format!("{join_name}_{suffix}_fkey")),
                            columns: vec![column],
                            referenced_table: target,
                            referenced_columns: vec![target_col],
                            on_delete: ForeignKeyAction::Cascade,
                            on_update: ForeignKeyAction::Cascade,
                        });
                    }
                }
            }
        }
    }
    db
}

fn action(a: ReferentialAction) -> ForeignKeyAction {
    match a {
        ReferentialAction::Cascade => ForeignKeyAction::Cascade,
        ReferentialAction::Restrict => ForeignKeyAction::Restrict,
        ReferentialAction::NoAction => ForeignKeyAction::NoAction,
        ReferentialAction::SetNull => ForeignKeyAction::SetNull,
        ReferentialAction::SetDefault => ForeignKeyAction::SetDefault,
    }
}

/// Prisma's default constraint name for `dialect` (one rule with the validator's name-clash check:
/// [`orm_schema_parser::default_constraint_name`]).
fn constraint_name(dialect: SqlDialect, table: &str, columns: &[&str], suffix: &str) -> String {
    let provider = match dialect {
        SqlDialect::Postgres => Provider::Postgresql,
        SqlDialect::Mysql => Provider::Mysql,
        SqlDialect::Sqlite => Provider::Sqlite,
    };
    orm_schema_parser::default_constraint_name(provider, table, columns, suffix)
}

fn quote_pg(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The column type for a field type and optional `@db.*` native type; `None` for composite types.
fn column_type(
    schema: &Schema,
    dialect: SqlDialect,
    ty: &ScalarFieldType,
    native: Option<(&str, &[String])>,
) -> Option<ColumnType> {
    let scalar = match ty {
        ScalarFieldType::Composite(_) => return None,
        ScalarFieldType::Unsupported(text) => return Some(ColumnType::Sql(text.clone())),
        ScalarFieldType::Enum(id) => {
            let enum_ = schema.enums.get(id.0 as usize)?;
            return Some(match dialect {
                SqlDialect::Postgres => ColumnType::Enum(enum_.database_name().to_owned()),
                // Source: <https://dev.mysql.com/doc/refman/8.0/en/enum.html>.
                SqlDialect::Mysql => ColumnType::Sql(format!(
                    "ENUM({})",
                    enum_
                        .values
                        .iter()
                        .map(|v| quote_literal(v.database_name()))
                        .collect::<Vec<_>>()
                        .join(",")
                )),
                SqlDialect::Sqlite => ColumnType::Sql("TEXT".to_owned()),
            });
        }
        ScalarFieldType::Builtin(s) => *s,
    };
    if let (Some((name, args)), true) = (native, dialect != SqlDialect::Sqlite) {
        return Some(ColumnType::Sql(native_type(dialect, name, args)));
    }
    let sql = match (dialect, scalar) {
        (SqlDialect::Postgres, ScalarType::String) => "TEXT",
        (SqlDialect::Postgres, ScalarType::Int) => "INTEGER",
        (SqlDialect::Postgres, ScalarType::BigInt) => "BIGINT",
        (SqlDialect::Postgres, ScalarType::Float) => "DOUBLE PRECISION",
        (SqlDialect::Postgres, ScalarType::Decimal) => "DECIMAL(65,30)",
        (SqlDialect::Postgres, ScalarType::Boolean) => "BOOLEAN",
        (SqlDialect::Postgres, ScalarType::DateTime) => "TIMESTAMP(3)",
        (SqlDialect::Postgres, ScalarType::Json) => "JSONB",
        (SqlDialect::Postgres, ScalarType::Bytes) => "BYTEA",
        (SqlDialect::Mysql, ScalarType::String) => "VARCHAR(191)",
        (SqlDialect::Mysql, ScalarType::Int) => "INTEGER",
        (SqlDialect::Mysql, ScalarType::BigInt) => "BIGINT",
        (SqlDialect::Mysql, ScalarType::Float) => "DOUBLE",
        (SqlDialect::Mysql, ScalarType::Decimal) => "DECIMAL(65,30)",
        (SqlDialect::Mysql, ScalarType::Boolean) => "BOOLEAN",
        (SqlDialect::Mysql, ScalarType::DateTime) => "DATETIME(3)",
        (SqlDialect::Mysql, ScalarType::Json) => "JSON",
        (SqlDialect::Mysql, ScalarType::Bytes) => "LONGBLOB",
        (SqlDialect::Sqlite, ScalarType::String) => "TEXT",
        (SqlDialect::Sqlite, ScalarType::Int) => "INTEGER",
        (SqlDialect::Sqlite, ScalarType::BigInt) => "BIGINT",
        (SqlDialect::Sqlite, ScalarType::Float) => "REAL",
        (SqlDialect::Sqlite, ScalarType::Decimal) => "DECIMAL",
        (SqlDialect::Sqlite, ScalarType::Boolean) => "BOOLEAN",
        (SqlDialect::Sqlite, ScalarType::DateTime) => "DATETIME",
        // Json on SQLite since Prisma 6.2 (<https://github.com/prisma/prisma/releases/tag/6.2.0>),
        // in a column declared `JSONB` (NUMERIC affinity: documents stay text, a bare JSON number
        // is stored as a number; <https://www.sqlite.org/datatype3.html#type_affinity>).
        (SqlDialect::Sqlite, ScalarType::Json) => "JSONB",
        (SqlDialect::Sqlite, ScalarType::Bytes) => "BLOB",
    };
    Some(ColumnType::Sql(sql.to_owned()))
}

/// `@db.<name>(<args>)` → SQL type text.
/// Sources: <https://www.prisma.io/docs/orm/reference/prisma-schema-reference#postgresql-1>,
/// <https://www.prisma.io/docs/orm/reference/prisma-schema-reference#mysql-1>.
fn native_type(dialect: SqlDialect, name: &str, args: &[String]) -> String {
    let args_text = if args.is_empty() { String::new() } else { format!("({})", args.join(",")) };
    let base: String = match (dialect, name) {
        (SqlDialect::Postgres, "DoublePrecision") => "DOUBLE PRECISION".into(),
        (SqlDialect::Postgres, "JsonB") => "JSONB".into(),
        (SqlDialect::Postgres, "ByteA") => "BYTEA".into(),
        (SqlDialect::Postgres, "VarBit") => "VARBIT".into(),
        (SqlDialect::Postgres, "Timestamptz") => "TIMESTAMPTZ".into(),
        (SqlDialect::Postgres, "Timetz") => "TIMETZ".into(),
        (SqlDialect::Mysql, "Double") => "DOUBLE".into(),
        (SqlDialect::Mysql, n) if n.starts_with("Unsigned") => {
            return format!("{}{args_text} UNSIGNED", n["Unsigned".len()..].to_ascii_uppercase());
        }
        (_, n) => n.to_ascii_uppercase(),
    };
    format!("{base}{args_text}")
}

/// A SQL string literal: single quotes, embedded quotes doubled.
/// Source: <https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-STRINGS>,
/// <https://www.sqlite.org/lang_expr.html#literal_values_constants_>.
pub(crate) fn quote_literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn render_literal(
    schema: &Schema,
    dialect: SqlDialect,
    ty: &ScalarFieldType,
    value: &LiteralValue,
) -> String {
    match value {
        LiteralValue::String(s) if *ty == ScalarFieldType::Builtin(ScalarType::Bytes) => {
            match base64_decode(s) {
                // Bytes defaults are base64 in PSL; databases want hex.
                // Sources: <https://www.postgresql.org/docs/current/datatype-binary.html#DATATYPE-BINARY-BYTEA-HEX-FORMAT>,
                // <https://www.sqlite.org/lang_expr.html#literal_values_constants_>.
                Some(bytes) => {
                    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
                    match dialect {
                        SqlDialect::Postgres => format!("'\\x{hex}'"),
                        SqlDialect::Sqlite | SqlDialect::Mysql => format!("X'{hex}'"),
                    }
                }
                None => quote_literal(s),
            }
        }
        LiteralValue::String(s) => {
            // MySQL string literals also treat backslash as an escape character.
            // Source: <https://dev.mysql.com/doc/refman/8.0/en/string-literals.html>.
            if dialect == SqlDialect::Mysql {
                quote_literal(&s.replace('\\', "\\\\"))
            } else {
                quote_literal(s)
            }
        }
        LiteralValue::Int(i) => i.to_string(),
        LiteralValue::Float(f) => f.clone(),
        LiteralValue::Boolean(b) => b.to_string(),
        LiteralValue::EnumValue(v) => {
            let mapped = match ty {
                ScalarFieldType::Enum(id) => schema
                    .enums
                    .get(id.0 as usize)
                    .and_then(|e| e.values.iter().find(|ev| &ev.name == v))
                    .map(|ev| ev.database_name().to_owned()),
                _ => None,
            };
            quote_literal(mapped.as_deref().unwrap_or(v))
        }
    }
}

/// Decodes standard base64 (RFC 4648, padding optional); `None` on invalid input.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}
