//! `describe` (introspection): reads the tables, columns, indexes, foreign keys and enums of a live
//! database into a `DatabaseSchema`, spelled so that `diff` against `calculate` is empty for a
//! database created from the same schema.
//!
//! Sources: SQLite <https://www.sqlite.org/pragma.html#pragma_table_info> (`table_info`,
//! `index_list`, `index_xinfo`, `foreign_key_list`); PostgreSQL system catalogs
//! <https://www.postgresql.org/docs/current/catalogs.html>; MySQL/MariaDB `information_schema`
//! <https://mariadb.com/kb/en/information-schema-columns-table/>.

use std::collections::BTreeMap;

use sqlx::AssertSqlSafe;

use crate::connection::Connection;
use crate::database_schema::{
    Column, ColumnDefault, ColumnId, ColumnType, DatabaseSchema, Enum, ForeignKey, ForeignKeyAction, Index,
    IndexColumn, IndexKind, PrimaryKey, SortOrder, Table, TableId, normalize_type,
};
use crate::{Error, Result, SqlDialect};

/// The history table, never part of a described schema.
pub const HISTORY_TABLE: &str = "_orm_migrations";

/// Describes the database behind `conn`: the current schema on PostgreSQL (`current_schema()`),
/// the current database on MySQL, the main database on SQLite. The history tables
/// `_orm_migrations` (ours) and `_prisma_migrations` (Prisma's, so a database migrated by Prisma
/// can be adopted) and SQLite's internal tables are left out. Views are left out too.
///
/// # Errors
/// [`Error::Database`] when a catalog query fails.
pub async fn describe(conn: &mut Connection) -> Result<DatabaseSchema> {
    match conn {
        Connection::Sqlite(c) => describe_sqlite(c).await,
        Connection::Postgres(c) => describe_postgres(c).await,
        Connection::Mysql(c) => describe_mysql(c).await,
    }
}

async fn describe_sqlite(c: &mut sqlx::SqliteConnection) -> Result<DatabaseSchema> {
    let mut db = DatabaseSchema::empty(SqlDialect::Sqlite);
    let tables: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT IN ('_orm_migrations', '_prisma_migrations') ORDER BY name",
    )
    .fetch_all(&mut *c)
    .await
    .map_err(Error::db("listing SQLite tables"))?;
    for (name, sql) in &tables {
        let table = db.push_table(Table { name: name.clone(), primary_key: None });
        let cols: Vec<(i64, String, String, i64, Option<String>, i64)> = sqlx::query_as(
            "SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid",
        )
        .bind(name)
        .fetch_all(&mut *c)
        .await
        .map_err(Error::db(format!("describing columns of `{name}`")))?;
        let has_autoincrement =
            sql.as_deref().is_some_and(|s| s.to_ascii_uppercase().contains("AUTOINCREMENT"));
        let mut pk: Vec<(i64, ColumnId)> = Vec::new();
        let n_pk = cols.iter().filter(|c| c.5 > 0).count();
        for (_, col_name, ty, notnull, dflt, pk_pos) in &cols {
            let default = dflt.as_ref().map(|d| {
                if d.eq_ignore_ascii_case("CURRENT_TIMESTAMP") {
                    ColumnDefault::Now
                } else {
                    ColumnDefault::Sql(d.clone())
                }
            });
            let auto_increment =
                *pk_pos > 0 && n_pk == 1 && has_autoincrement && ty.eq_ignore_ascii_case("INTEGER");
            let id = db.push_column(Column {
                table,
                name: col_name.clone(),
                ty: ColumnType::Sql(normalize_type(SqlDialect::Sqlite, ty)),
                is_list: false,
                nullable: *notnull == 0,
                default,
                auto_increment,
            });
            if *pk_pos > 0 {
                pk.push((*pk_pos, id));
            }
        }
        if !pk.is_empty() {
            pk.sort();
            db.tables[table.0 as usize].primary_key =
                Some(PrimaryKey { name: None, columns: pk.into_iter().map(|(_, id)| id).collect() });
        }
        let indexes: Vec<(String, i64, String)> =
            sqlx::query_as("SELECT name, \"unique\", origin FROM pragma_index_list(?) ORDER BY name")
                .bind(name)
                .fetch_all(&mut *c)
                .await
                .map_err(Error::db(format!("describing indexes of `{name}`")))?;
        for (index_name, unique, origin) in indexes {
            if origin != "c" {
                continue;
            }
            let cols: Vec<(Option<String>, i64)> = sqlx::query_as(
                "SELECT name, \"desc\" FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno",
            )
            .bind(&index_name)
            .fetch_all(&mut *c)
            .await
            .map_err(Error::db(format!("describing index `{index_name}`")))?;
            let columns = cols
                .into_iter()
                .filter_map(|(n, desc)| {
                    let column = db.find_column(table, n.as_deref()?)?;
                    Some(IndexColumn { column, sort: (desc == 1).then_some(SortOrder::Desc), length: None })
                })
                .collect();
            let kind = if unique == 1 { IndexKind::Unique } else { IndexKind::Normal };
            db.indexes.push(Index { table, name: index_name, kind, columns, algorithm: None });
        }
    }
    for (table_idx, (name, _)) in tables.iter().enumerate() {
        let table = TableId(table_idx as u32);
        type FkRow = (i64, i64, String, String, Option<String>, String, String);
        type FkColumn = (String, String, Option<String>, String, String);
        let fks: Vec<FkRow> = sqlx::query_as(
            "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq",
        )
        .bind(name)
        .fetch_all(&mut *c)
        .await
        .map_err(Error::db(format!("describing foreign keys of `{name}`")))?;
        let mut grouped: BTreeMap<i64, Vec<FkColumn>> = BTreeMap::new();
        for (id, _, referenced, from, to, on_update, on_delete) in fks {
            grouped.entry(id).or_default().push((referenced, from, to, on_update, on_delete));
        }
        for (_, rows) in grouped {
            let Some(first) = rows.first() else { continue };
            let Some(referenced_table) = db.find_table(&first.0) else { continue };
            let columns: Vec<ColumnId> = rows.iter().filter_map(|r| db.find_column(table, &r.1)).collect();
            let referenced_columns: Vec<ColumnId> =
                match rows.iter().map(|r| r.2.clone()).collect::<Option<Vec<_>>>() {
                    Some(names) => names.iter().filter_map(|n| db.find_column(referenced_table, n)).collect(),
                    None => db
                        .table(referenced_table)
                        .primary_key
                        .as_ref()
                        .map(|pk| pk.columns.clone())
                        .unwrap_or_default(),
                };
            db.foreign_keys.push(ForeignKey {
                table,
                name: None,
                columns,
                referenced_table,
                referenced_columns,
                on_delete: ForeignKeyAction::from_sql(&first.4).unwrap_or(ForeignKeyAction::NoAction),
                on_update: ForeignKeyAction::from_sql(&first.3).unwrap_or(ForeignKeyAction::NoAction),
            });
        }
    }
    Ok(db)
}

fn pg_action(code: &str) -> ForeignKeyAction {
    // Source: <https://www.postgresql.org/docs/current/catalog-pg-constraint.html> (confdeltype).
    match code {
        "r" => ForeignKeyAction::Restrict,
        "c" => ForeignKeyAction::Cascade,
        "n" => ForeignKeyAction::SetNull,
        "d" => ForeignKeyAction::SetDefault,
        _ => ForeignKeyAction::NoAction,
    }
}

/// `now()`, `CURRENT_TIMESTAMP` and `current_timestamp(3)` become [`ColumnDefault::Now`];
/// anything else is kept as written.
fn parse_default(expr: &str) -> ColumnDefault {
    let lower = expr.trim().to_ascii_lowercase();
    if lower == "now()" || lower == "current_timestamp" || lower.starts_with("current_timestamp(") {
        return ColumnDefault::Now;
    }
    ColumnDefault::Sql(expr.trim().to_owned())
}

async fn describe_postgres(c: &mut sqlx::PgConnection) -> Result<DatabaseSchema> {
    let mut db = DatabaseSchema::empty(SqlDialect::Postgres);
    let enums: Vec<(String, String)> = sqlx::query_as(
        "SELECT t.typname::text, e.enumlabel::text FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid \
         JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = current_schema() \
         ORDER BY t.typname, e.enumsortorder",
    )
    .fetch_all(&mut *c)
    .await
    .map_err(Error::db("describing PostgreSQL enums"))?;
    for (name, value) in enums {
        match db.enums.last_mut() {
            Some(e) if e.name == name => e.values.push(value),
            _ => db.enums.push(Enum { name, values: vec![value] }),
        }
    }
    let extensions: Vec<(String,)> = sqlx::query_as(
        // Extensions are per database, not per schema: a shadow schema sees those of the database.
        "SELECT e.extname::text FROM pg_extension e WHERE e.extname <> 'plpgsql' ORDER BY e.extname",
    )
    .fetch_all(&mut *c)
    .await
    .map_err(Error::db("describing PostgreSQL extensions"))?;
    db.extensions = extensions.into_iter().map(|(e,)| e).collect();
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname NOT IN ('_orm_migrations', '_prisma_migrations') ORDER BY c.relname",
    )
    .fetch_all(&mut *c)
    .await
    .map_err(Error::db("listing PostgreSQL tables"))?;
    for (name,) in tables {
        db.push_table(Table { name, primary_key: None });
    }
    type ColRow = (
        String,
        String,
        String,
        bool,
        Option<String>,
        String,
        Option<String>,
        String,
        Option<String>,
        String,
    );
    let cols: Vec<ColRow> = sqlx::query_as(
        "SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull, \
         pg_get_expr(d.adbin, d.adrelid), t.typtype::text, et.typtype::text, t.typname::text, et.typname::text, a.attidentity::text \
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A' \
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped \
         ORDER BY c.relname, a.attnum",
    )
    .fetch_all(&mut *c)
    .await
    .map_err(Error::db("describing PostgreSQL columns"))?;
    for (
        table_name,
        name,
        formatted,
        notnull,
        default,
        typtype,
        elem_typtype,
        typname,
        elem_typname,
        identity,
    ) in cols
    {
        let Some(table) = db.find_table(&table_name) else { continue };
        let is_list = formatted.ends_with("[]");
        let ty = if typtype == "e" {
            ColumnType::Enum(typname)
        } else if is_list && elem_typtype.as_deref() == Some("e") {
            ColumnType::Enum(elem_typname.unwrap_or_default())
        } else {
            ColumnType::Sql(normalize_type(SqlDialect::Postgres, formatted.trim_end_matches("[]")))
        };
        let mut auto_increment = !identity.is_empty();
        let default = match default {
            Some(d) if d.starts_with("nextval(") => {
                auto_increment = true;
                None
            }
            Some(d) => Some(parse_default(&d)),
            None => None,
        };
        db.push_column(Column { table, name, ty, is_list, nullable: !notnull, default, auto_increment });
    }
    let constraints: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT con.contype::text, con.conname::text, cl.relname::text, a.attname::text FROM pg_constraint con \
         JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace \
         CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord) \
         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum \
         WHERE n.nspname = current_schema() AND con.contype = 'p' ORDER BY cl.relname, con.conname, k.ord",
    )
    .fetch_all(&mut *c)
    .await
    .map_err(Error::db("describing PostgreSQL primary keys"))?;
    for (_, con_name, table_name, column) in constraints {
        let Some(table) = db.find_table(&table_name) else { continue };
        let Some(column) = db.find_column(table, &column) else { continue };
        let pk = db.tables[table.0 as usize]
            .primary_key
            .get_or_insert_with(|| PrimaryKey { name: Some(con_name), columns: Vec::new() });
        pk.columns.push(column);
    }
    type FkRow = (String, String, String, String, String, String, String);
    let fks: Vec<FkRow> = sqlx::query_as(
        "SELECT con.conname::text, cl.relname::text, rcl.relname::text, a.attname::text, ra.attname::text, \
         con.confdeltype::text, con.confupdtype::text FROM pg_constraint con \
         JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_class rcl ON rcl.oid = con.confrelid \
         JOIN pg_namespace n ON n.oid = cl.relnamespace \
         CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, rattnum, ord) \
         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum \
         JOIN pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = k.rattnum \
         WHERE n.nspname = current_schema() AND con.contype = 'f' ORDER BY cl.relname, con.conname, k.ord",
    )
    .fetch_all(&mut *c)
    .await
    .map_err(Error::db("describing PostgreSQL foreign keys"))?;
    for (con_name, table_name, ref_table_name, column, ref_column, on_delete, on_update) in fks {
        let (Some(table), Some(referenced_table)) =
            (db.find_table(&table_name), db.find_table(&ref_table_name))
        else {
            continue;
        };
        let (Some(column), Some(ref_column)) =
            (db.find_column(table, &column), db.find_column(referenced_table, &ref_column))
        else {
            continue;
        };
        match db.foreign_keys.last_mut() {
            Some(fk) if fk.table == table && fk.name.as_deref() == Some(con_name.as_str()) => {
                fk.columns.push(column);
                fk.referenced_columns.push(ref_column);
            }
            _ => db.foreign_keys.push(ForeignKey {
                table,
                name: Some(con_name),
                columns: vec![column],
                referenced_table,
                referenced_columns: vec![ref_column],
                on_delete: pg_action(&on_delete),
                on_update: pg_action(&on_update),
            }),
        }
    }
    type IdxRow = (String, String, bool, String, String, i32);
    let idx: Vec<IdxRow> = sqlx::query_as(
        "SELECT i.relname::text, t.relname::text, ix.indisunique, am.amname::text, a.attname::text, \
         (ix.indoption[(k.ord - 1)::int]::int4 & 1) FROM pg_index ix \
         JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam \
         CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) \
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum \
         WHERE n.nspname = current_schema() AND NOT ix.indisprimary ORDER BY t.relname, i.relname, k.ord",
    )
    .fetch_all(&mut *c)
    .await
    .map_err(Error::db("describing PostgreSQL indexes"))?;
    for (index_name, table_name, unique, am, column, desc) in idx {
        let Some(table) = db.find_table(&table_name) else { continue };
        let Some(column) = db.find_column(table, &column) else { continue };
        let col = IndexColumn { column, sort: (desc == 1).then_some(SortOrder::Desc), length: None };
        match db.indexes.last_mut() {
            Some(i) if i.table == table && i.name == index_name => i.columns.push(col),
            _ => db.indexes.push(Index {
                table,
                name: index_name,
                kind: if unique { IndexKind::Unique } else { IndexKind::Normal },
                columns: vec![col],
                algorithm: (am != "btree").then(|| am.to_ascii_uppercase()),
            }),
        }
    }
    Ok(db)
}

async fn describe_mysql(c: &mut sqlx::MySqlConnection) -> Result<DatabaseSchema> {
    let mut db = DatabaseSchema::empty(SqlDialect::Mysql);
    // MariaDB folds DATABASE() into a prepared statement, so a cached statement would keep
    // describing the database that was current when it was prepared: bind the name instead.
    let database: Option<String> = sqlx::query_scalar("SELECT DATABASE()")
        .persistent(false)
        .fetch_one(&mut *c)
        .await
        .map_err(Error::db("reading the current MySQL database"))?;
    let database = database.unwrap_or_default();
    let tables: Vec<(String,)> = sqlx::query_as(AssertSqlSafe(
        "SELECT CAST(TABLE_NAME AS CHAR) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? \
         AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME NOT IN ('_orm_migrations', '_prisma_migrations') ORDER BY TABLE_NAME"
            .to_owned(),
    ))
    .bind(&database)
    .fetch_all(&mut *c)
    .await
    .map_err(Error::db("listing MySQL tables"))?;
    for (name,) in tables {
        db.push_table(Table { name, primary_key: None });
    }
    // MariaDB stores JSON as LONGTEXT with a `json_valid` check constraint.
    // Source: <https://mariadb.com/kb/en/json-data-type/>.
    let json_checks: Vec<(String, String)> = sqlx::query_as(
        "SELECT CAST(TABLE_NAME AS CHAR), CAST(CHECK_CLAUSE AS CHAR) FROM information_schema.CHECK_CONSTRAINTS \
         WHERE CONSTRAINT_SCHEMA = ? AND CHECK_CLAUSE LIKE 'json_valid(%'",
    )
    .bind(&database)
    .fetch_all(&mut *c)
    .await
    .unwrap_or_default();
    type ColRow = (String, String, String, String, Option<String>, String);
    let cols: Vec<ColRow> = sqlx::query_as(
        "SELECT CAST(TABLE_NAME AS CHAR), CAST(COLUMN_NAME AS CHAR), CAST(COLUMN_TYPE AS CHAR), CAST(IS_NULLABLE AS CHAR), \
         CAST(COLUMN_DEFAULT AS CHAR), CAST(EXTRA AS CHAR) FROM information_schema.COLUMNS \
         WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION",
    )
    .bind(&database)
    .fetch_all(&mut *c)
    .await
    .map_err(Error::db("describing MySQL columns"))?;
    for (table_name, name, column_type, nullable, default, extra) in cols {
        let Some(table) = db.find_table(&table_name) else { continue };
        let is_json = column_type.eq_ignore_ascii_case("longtext")
            && json_checks
                .iter()
                .any(|(t, clause)| t == &table_name && clause.contains(&format!("`{name}`")));
        let ty = if is_json { "JSON".to_owned() } else { normalize_type(SqlDialect::Mysql, &column_type) };
        let default = match default.as_deref() {
            // MariaDB reports a missing default of a nullable column as the text `NULL`.
            None | Some("NULL") => None,
            Some(d) => Some(parse_default(d)),
        };
        db.push_column(Column {
            table,
            name,
            ty: ColumnType::Sql(ty),
            is_list: false,
            nullable: nullable == "YES",
            default,
            auto_increment: extra.to_ascii_lowercase().contains("auto_increment"),
        });
    }
    type IdxRow = (String, String, i64, String, Option<String>, Option<i64>, String);
    let idx: Vec<IdxRow> = sqlx::query_as(
        "SELECT CAST(TABLE_NAME AS CHAR), CAST(INDEX_NAME AS CHAR), CAST(NON_UNIQUE AS SIGNED), CAST(COLUMN_NAME AS CHAR), \
         CAST(COLLATION AS CHAR), CAST(SUB_PART AS SIGNED), CAST(INDEX_TYPE AS CHAR) FROM information_schema.STATISTICS \
         WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX",
    )
    .bind(&database)
    .fetch_all(&mut *c)
    .await
    .map_err(Error::db("describing MySQL indexes"))?;
    let fk_rows: Vec<(String, String, String, String, String, String, String)> = sqlx::query_as(
        "SELECT CAST(k.TABLE_NAME AS CHAR), CAST(k.CONSTRAINT_NAME AS CHAR), CAST(k.COLUMN_NAME AS CHAR), \
         CAST(k.REFERENCED_TABLE_NAME AS CHAR), CAST(k.REFERENCED_COLUMN_NAME AS CHAR), CAST(r.DELETE_RULE AS CHAR), CAST(r.UPDATE_RULE AS CHAR) \
         FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r \
         ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME \
         WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL \
         ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION",
    )
    .bind(&database)
    .fetch_all(&mut *c)
    .await
    .map_err(Error::db("describing MySQL foreign keys"))?;
    for (table_name, index_name, non_unique, column, collation, sub_part, index_type) in idx {
        let Some(table) = db.find_table(&table_name) else { continue };
        let Some(column) = db.find_column(table, &column) else { continue };
        if index_name == "PRIMARY" {
            db.tables[table.0 as usize]
                .primary_key
                .get_or_insert_with(|| PrimaryKey { name: None, columns: Vec::new() })
                .columns
                .push(column);
            continue;
        }
        let col = IndexColumn {
            column,
            sort: (collation.as_deref() == Some("D")).then_some(SortOrder::Desc),
            length: sub_part.map(|l| l as u32),
        };
        match db.indexes.last_mut() {
            Some(i) if i.table == table && i.name == index_name => i.columns.push(col),
            _ => db.indexes.push(Index {
                table,
                name: index_name,
                kind: if index_type == "FULLTEXT" {
                    IndexKind::Fulltext
                } else if non_unique == 0 {
                    IndexKind::Unique
                } else {
                    IndexKind::Normal
                },
                columns: vec![col],
                algorithm: None,
            }),
        }
    }
    for (table_name, con_name, column, ref_table, ref_column, on_delete, on_update) in fk_rows {
        let (Some(table), Some(referenced_table)) = (db.find_table(&table_name), db.find_table(&ref_table))
        else {
            continue;
        };
        let (Some(column), Some(ref_column)) =
            (db.find_column(table, &column), db.find_column(referenced_table, &ref_column))
        else {
            continue;
        };
        match db.foreign_keys.last_mut() {
            Some(fk) if fk.table == table && fk.name.as_deref() == Some(con_name.as_str()) => {
                fk.columns.push(column);
                fk.referenced_columns.push(ref_column);
            }
            _ => db.foreign_keys.push(ForeignKey {
                table,
                name: Some(con_name),
                columns: vec![column],
                referenced_table,
                referenced_columns: vec![ref_column],
                on_delete: ForeignKeyAction::from_sql(&on_delete).unwrap_or(ForeignKeyAction::NoAction),
                on_update: ForeignKeyAction::from_sql(&on_update).unwrap_or(ForeignKeyAction::NoAction),
            }),
        }
    }
    // MySQL creates an index for every foreign key that has none, named after the constraint;
    // calculate() does not model those, so leave them out.
    // Source: <https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html>.
    let fk_names: Vec<(TableId, String)> =
        db.foreign_keys.iter().filter_map(|fk| fk.name.clone().map(|n| (fk.table, n))).collect();
    db.indexes.retain(|i| !(i.kind == IndexKind::Normal && fk_names.contains(&(i.table, i.name.clone()))));
    Ok(db)
}
