//! `diff`: the migration steps that turn one `DatabaseSchema` into another.

use std::collections::BTreeSet;

use crate::SqlDialect;
use crate::database_schema::{
    Column, ColumnDefault, ColumnId, ColumnType, DatabaseSchema, EnumId, ForeignKey, ForeignKeyId, Index,
    IndexId, TableId, normalize_type,
};

/// A pair of things from the previous and the next schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MigrationPair<T> {
    /// From the previous schema (the database as it is).
    pub previous: T,
    /// From the next schema (the database as it should be).
    pub next: T,
}

/// One DDL change between the `previous` and `next` schemas. Variant order is execution order:
/// [`diff`] returns steps sorted by `Ord`, so do not reorder variants casually.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum MigrationStep {
    /// `CREATE EXTENSION IF NOT EXISTS` (PostgreSQL), by name. Extensions are never dropped.
    CreateExtension {
        /// The extension name.
        extension: String,
    },
    // Order matters: enum types must exist before columns that use them are added or altered.
    /// `CREATE TYPE … AS ENUM` (PostgreSQL); id into `next`.
    CreateEnum {
        /// The enum.
        enum_: EnumId,
    },
    /// `ALTER TYPE … ADD VALUE` (PostgreSQL).
    AlterEnum {
        /// The enum in both schemas.
        enums: MigrationPair<EnumId>,
        /// Values of `next` missing from `previous`, in `next` order.
        added_values: Vec<String>,
        /// Values of `previous` missing from `next` (not supported: rendered as a warning comment).
        removed_values: Vec<String>,
    },
    /// `ALTER TABLE … DROP CONSTRAINT` / `DROP FOREIGN KEY`; id into `previous`.
    DropForeignKey {
        /// The foreign key.
        foreign_key: ForeignKeyId,
    },
    /// `DROP INDEX`; id into `previous`.
    DropIndex {
        /// The index.
        index: IndexId,
    },
    /// `ALTER TABLE` with in-place changes (PostgreSQL, MySQL; only `ADD COLUMN` on SQLite).
    AlterTable {
        /// The table in both schemas.
        tables: MigrationPair<TableId>,
        /// Changes in execution order.
        changes: Vec<TableChange>,
    },
    /// SQLite's table redefinition: create `new_<table>`, copy the common columns, drop the old
    /// table, rename. Source: <https://www.sqlite.org/lang_altertable.html#otheralter>.
    RedefineTable {
        /// The table in both schemas.
        tables: MigrationPair<TableId>,
    },
    // Order matters: drop tables before creating tables or indexes whose names may clash.
    /// `DROP TABLE`; id into `previous`.
    DropTable {
        /// The table.
        table: TableId,
    },
    /// `DROP TYPE` (PostgreSQL); id into `previous`. After tables, which may use it.
    DropEnum {
        /// The enum.
        enum_: EnumId,
    },
    /// `CREATE TABLE` with its primary key (and, on SQLite, its foreign keys); id into `next`.
    CreateTable {
        /// The table.
        table: TableId,
    },
    // Order matters: indexes may cover columns added by `AlterTable`.
    /// `CREATE [UNIQUE] INDEX`; id into `next`.
    CreateIndex {
        /// The index.
        index: IndexId,
    },
    // Order matters: foreign keys may need the unique indexes created above.
    /// `ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY`; id into `next`.
    AddForeignKey {
        /// The foreign key.
        foreign_key: ForeignKeyId,
    },
}

/// One change inside an [`MigrationStep::AlterTable`]. Variant order is execution order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum TableChange {
    /// Drop the primary key of the previous table.
    DropPrimaryKey,
    /// Drop a column; id into `previous`.
    DropColumn {
        /// The column.
        column: ColumnId,
    },
    /// Add a column; id into `next`.
    AddColumn {
        /// The column.
        column: ColumnId,
    },
    /// Change type, nullability or default of a column.
    AlterColumn {
        /// The column in both schemas.
        columns: MigrationPair<ColumnId>,
    },
    /// Add the primary key of the next table.
    AddPrimaryKey,
}

/// Computes the steps that migrate a database shaped like `previous` to `next`, sorted in
/// execution order. Tables, columns, indexes, enums and (except on SQLite) foreign keys are matched
/// by name. An empty result means the schemas are equivalent (types and defaults are compared
/// after [`normalize_type`] and [`normalize_default`]). Both schemas must use the same dialect;
/// `next.dialect` decides.
pub fn diff(previous: &DatabaseSchema, next: &DatabaseSchema) -> Vec<MigrationStep> {
    let dialect = next.dialect;
    let mut steps = Vec::new();

    for extension in &next.extensions {
        if !previous.extensions.contains(extension) {
            steps.push(MigrationStep::CreateExtension { extension: extension.clone() });
        }
    }
    for (i, enum_) in next.enums.iter().enumerate() {
        let next_id = EnumId(i as u32);
        match previous.find_enum(&enum_.name) {
            None => steps.push(MigrationStep::CreateEnum { enum_: next_id }),
            Some(prev_id) => {
                let prev = previous.enum_(prev_id);
                let added: Vec<String> =
                    enum_.values.iter().filter(|v| !prev.values.contains(v)).cloned().collect();
                let removed: Vec<String> =
                    prev.values.iter().filter(|v| !enum_.values.contains(v)).cloned().collect();
                if !added.is_empty() || !removed.is_empty() {
                    steps.push(MigrationStep::AlterEnum {
                        enums: MigrationPair { previous: prev_id, next: next_id },
                        added_values: added,
                        removed_values: removed,
                    });
                }
            }
        }
    }
    for (i, enum_) in previous.enums.iter().enumerate() {
        if next.find_enum(&enum_.name).is_none() {
            steps.push(MigrationStep::DropEnum { enum_: EnumId(i as u32) });
        }
    }

    for (prev_table, table) in previous.tables_with_ids() {
        if next.find_table(&table.name).is_none() {
            steps.push(MigrationStep::DropTable { table: prev_table });
            if dialect != SqlDialect::Sqlite {
                for (fk, _) in previous.table_foreign_keys(prev_table) {
                    steps.push(MigrationStep::DropForeignKey { foreign_key: fk });
                }
            }
        }
    }

    // Foreign keys depend on the referenced primary key: when it changes, they are dropped
    // before and re-added after it.
    let pk_columns = |db: &DatabaseSchema, t: TableId| {
        db.table(t).primary_key.as_ref().map(|pk| db.column_names(&pk.columns).join(","))
    };
    let rekeyed: BTreeSet<String> = next
        .tables_with_ids()
        .filter_map(|(t, table)| {
            let prev = previous.find_table(&table.name)?;
            (pk_columns(previous, prev) != pk_columns(next, t)).then(|| table.name.clone())
        })
        .collect();
    let fk_kept = |p: &ForeignKey, n: &ForeignKey| {
        fk_key(previous, p, true) == fk_key(next, n, true)
            && !rekeyed.contains(&next.table(n.referenced_table).name)
    };

    for (next_table, table) in next.tables_with_ids() {
        let Some(prev_table) = previous.find_table(&table.name) else {
            steps.push(MigrationStep::CreateTable { table: next_table });
            for (index, _) in next.table_indexes(next_table) {
                steps.push(MigrationStep::CreateIndex { index });
            }
            if dialect != SqlDialect::Sqlite {
                for (fk, _) in next.table_foreign_keys(next_table) {
                    steps.push(MigrationStep::AddForeignKey { foreign_key: fk });
                }
            }
            continue;
        };
        let tables = MigrationPair { previous: prev_table, next: next_table };
        let mut changes = Vec::new();
        let mut needs_redefine = false;

        for (prev_col, column) in previous.table_columns(prev_table) {
            if next.find_column(next_table, &column.name).is_none() {
                changes.push(TableChange::DropColumn { column: prev_col });
                needs_redefine = true;
            }
        }
        for (next_col, column) in next.table_columns(next_table) {
            match previous.find_column(prev_table, &column.name) {
                None => {
                    changes.push(TableChange::AddColumn { column: next_col });
                    // SQLite's ADD COLUMN cannot add NOT NULL columns without a constant default,
                    // primary keys or auto-increment columns.
                    // Source: <https://www.sqlite.org/lang_altertable.html#altertabaddcol>.
                    let simple = (column.nullable || matches!(column.default, Some(ColumnDefault::Sql(_))))
                        && !column.auto_increment;
                    needs_redefine |= !simple;
                }
                Some(prev_col) => {
                    if !columns_equal(dialect, previous.column(prev_col), column) {
                        let prev = previous.column(prev_col);
                        if dialect == SqlDialect::Postgres && prev.auto_increment != column.auto_increment {
                            // A serial column cannot be altered in place: drop and re-add it.
                            changes.push(TableChange::DropColumn { column: prev_col });
                            changes.push(TableChange::AddColumn { column: next_col });
                        } else {
                            changes.push(TableChange::AlterColumn {
                                columns: MigrationPair { previous: prev_col, next: next_col },
                            });
                        }
                        needs_redefine = true;
                    }
                }
            }
        }
        let pk_names = |db: &DatabaseSchema, t: TableId| {
            db.table(t).primary_key.as_ref().map(|pk| {
                let name = if dialect == SqlDialect::Postgres { pk.name.clone() } else { None };
                (name, db.column_names(&pk.columns).into_iter().map(str::to_owned).collect::<Vec<_>>())
            })
        };
        let (prev_pk, next_pk) = (pk_names(previous, prev_table), pk_names(next, next_table));
        if prev_pk != next_pk {
            needs_redefine = true;
            if prev_pk.is_some() {
                changes.push(TableChange::DropPrimaryKey);
            }
            if next_pk.is_some() {
                changes.push(TableChange::AddPrimaryKey);
            }
        }

        let fks_differ = dialect == SqlDialect::Sqlite && {
            let key = |db: &DatabaseSchema, fk: &ForeignKey| fk_key(db, fk, false);
            let a: BTreeSet<String> =
                previous.table_foreign_keys(prev_table).map(|(_, fk)| key(previous, fk)).collect();
            let b: BTreeSet<String> =
                next.table_foreign_keys(next_table).map(|(_, fk)| key(next, fk)).collect();
            a != b
        };

        if dialect == SqlDialect::Sqlite && (needs_redefine || fks_differ) {
            steps.push(MigrationStep::RedefineTable { tables });
            // The old table's indexes go with it; create every index of the new table.
            for (index, _) in next.table_indexes(next_table) {
                steps.push(MigrationStep::CreateIndex { index });
            }
            continue;
        }
        if !changes.is_empty() {
            changes.sort();
            steps.push(MigrationStep::AlterTable { tables, changes });
        }

        for (prev_idx, index) in previous.table_indexes(prev_table) {
            let same = next
                .table_indexes(next_table)
                .find(|(_, i)| i.name == index.name)
                .is_some_and(|(_, i)| index_key(previous, index) == index_key(next, i));
            if !same {
                steps.push(MigrationStep::DropIndex { index: prev_idx });
            }
        }
        for (next_idx, index) in next.table_indexes(next_table) {
            let same = previous
                .table_indexes(prev_table)
                .find(|(_, i)| i.name == index.name)
                .is_some_and(|(_, i)| index_key(previous, i) == index_key(next, index));
            if !same {
                steps.push(MigrationStep::CreateIndex { index: next_idx });
            }
        }
        if dialect != SqlDialect::Sqlite {
            for (prev_fk, fk) in previous.table_foreign_keys(prev_table) {
                let same = next.table_foreign_keys(next_table).any(|(_, n)| fk_kept(fk, n));
                if !same {
                    steps.push(MigrationStep::DropForeignKey { foreign_key: prev_fk });
                }
            }
            for (next_fk, fk) in next.table_foreign_keys(next_table) {
                let same = previous.table_foreign_keys(prev_table).any(|(_, p)| fk_kept(p, fk));
                if !same {
                    steps.push(MigrationStep::AddForeignKey { foreign_key: next_fk });
                }
            }
        }
    }
    steps.sort();
    steps
}

fn index_key(db: &DatabaseSchema, index: &Index) -> String {
    let cols: Vec<String> = index
        .columns
        .iter()
        .map(|c| {
            format!(
                "{}:{:?}:{:?}",
                db.column(c.column).name,
                c.sort.unwrap_or(crate::database_schema::SortOrder::Asc),
                c.length
            )
        })
        .collect();
    format!(
        "{:?}|{}|{:?}",
        index.kind,
        cols.join(","),
        index.algorithm.as_deref().map(str::to_ascii_uppercase)
    )
}

fn fk_key(db: &DatabaseSchema, fk: &ForeignKey, with_name: bool) -> String {
    format!(
        "{}|{}|{}|{}|{:?}|{:?}",
        if with_name { fk.name.as_deref().unwrap_or("") } else { "" },
        db.column_names(&fk.columns).join(","),
        db.table(fk.referenced_table).name,
        db.column_names(&fk.referenced_columns).join(","),
        fk.on_delete,
        fk.on_update
    )
}

fn columns_equal(dialect: SqlDialect, a: &Column, b: &Column) -> bool {
    let ty = |c: &Column| match &c.ty {
        ColumnType::Sql(s) => normalize_type(dialect, s),
        ColumnType::Enum(name) => format!("enum:{name}"),
    };
    ty(a) == ty(b)
        && a.is_list == b.is_list
        && a.nullable == b.nullable
        && a.auto_increment == b.auto_increment
        && a.default.as_ref().map(|d| normalize_default(dialect, d))
            == b.default.as_ref().map(|d| normalize_default(dialect, d))
}

/// Canonical text of a default for comparisons: casts (`::text`) removed, keywords lowercased,
/// whitespace outside string literals removed, outer parentheses removed, quoted numbers
/// unquoted, `now()`/`CURRENT_TIMESTAMP[(p)]` → `now`, and on MySQL `true`/`false` → `1`/`0`.
pub fn normalize_default(dialect: SqlDialect, default: &ColumnDefault) -> String {
    let ColumnDefault::Sql(text) = default else { return "now".to_owned() };
    let mut out = String::new();
    let chars: Vec<char> = text.trim().chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            // Copy the string literal verbatim, including doubled quotes.
            out.push(c);
            i += 1;
            while i < chars.len() {
                out.push(chars[i]);
                if chars[i] == '\'' {
                    if chars.get(i + 1) == Some(&'\'') {
                        out.push('\'');
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                i += 1;
            }
            continue;
        }
        if c == ':' && chars.get(i + 1) == Some(&':') {
            i += 2;
            i = skip_type(&chars, i);
            continue;
        }
        if !c.is_whitespace() {
            out.push(c.to_ascii_lowercase());
        }
        i += 1;
    }
    while out.starts_with('(') && out.ends_with(')') && balanced(&out[1..out.len() - 1]) {
        out = out[1..out.len() - 1].to_owned();
    }
    if out.len() >= 2 && out.starts_with('\'') && out.ends_with('\'') {
        let inner = &out[1..out.len() - 1];
        if !inner.is_empty() && inner.parse::<f64>().is_ok() {
            out = inner.to_owned();
        }
    }
    // JSON literals compare by value: PostgreSQL's jsonb re-spaces them.
    if out.len() >= 2 && out.starts_with('\'') && out.ends_with('\'') {
        let inner = out[1..out.len() - 1].replace("''", "'");
        if (inner.starts_with('{') || inner.starts_with('['))
            && let Ok(value) = serde_json::from_str::<serde_json::Value>(&inner)
        {
            out = format!("'{value}'");
        }
    }
    if let Ok(number) = out.parse::<f64>()
        && !out.starts_with('\'')
    {
        // `0`, `0.000` (MariaDB's rendering of a DECIMAL default) and `0.0` are the same default.
        out = number.to_string();
    }
    if out == "now()" || out == "current_timestamp" || out.starts_with("current_timestamp(") {
        return "now".to_owned();
    }
    if dialect == SqlDialect::Mysql {
        if out == "true" {
            return "1".to_owned();
        }
        if out == "false" {
            return "0".to_owned();
        }
    }
    out
}

fn balanced(s: &str) -> bool {
    let mut depth = 0i32;
    let mut in_str = false;
    for c in s.chars() {
        match c {
            '\'' => in_str = !in_str,
            '(' if !in_str => depth += 1,
            ')' if !in_str => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// Skips a PostgreSQL type name after `::`, e.g. `"Role"`, `text[]`, `character varying(10)`,
/// `timestamp(3) without time zone`.
fn skip_type(chars: &[char], mut i: usize) -> usize {
    if chars.get(i) == Some(&'"') {
        i += 1;
        while i < chars.len() && chars[i] != '"' {
            i += 1;
        }
        i += 1;
    } else {
        while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '.') {
            i += 1;
        }
    }
    loop {
        let rest: String = chars[i.min(chars.len())..].iter().collect::<String>().to_ascii_lowercase();
        let mut advanced = false;
        for suffix in [" varying", " precision", " without time zone", " with time zone"] {
            if rest.starts_with(suffix) {
                i += suffix.len();
                advanced = true;
            }
        }
        if chars.get(i) == Some(&'(') {
            while i < chars.len() && chars[i] != ')' {
                i += 1;
            }
            i += 1;
            advanced = true;
        }
        while chars.get(i) == Some(&'[') && chars.get(i + 1) == Some(&']') {
            i += 2;
            advanced = true;
        }
        if !advanced {
            return i;
        }
    }
}

/// Human-readable warnings for steps that can lose data or fail on existing rows, in step order:
/// dropped tables and columns, changed column types, columns that become required, new required
/// columns without a default, new unique indexes, removed enum values. Like Prisma's
/// "data loss" warnings; callers ask for confirmation before applying when this is not empty.
pub fn destructive_changes(
    steps: &[MigrationStep],
    previous: &DatabaseSchema,
    next: &DatabaseSchema,
) -> Vec<String> {
    let dialect = next.dialect;
    let mut out = Vec::new();
    let column_changes = |tables: &MigrationPair<TableId>, change: &TableChange, out: &mut Vec<String>| {
        let table = &next.table(tables.next).name;
        match change {
            TableChange::DropColumn { column } => out.push(format!(
                "The column `{}` of table `{table}` will be dropped, with its data.",
                previous.column(*column).name
            )),
            TableChange::AddColumn { column } => {
                let c = next.column(*column);
                if !c.nullable && c.default.is_none() && !c.auto_increment {
                    out.push(format!(
                        "The required column `{}` is added to table `{table}` without a default: this fails if the table has rows.",
                        c.name
                    ));
                }
            }
            TableChange::AlterColumn { columns } => {
                let (p, n) = (previous.column(columns.previous), next.column(columns.next));
                let ty = |c: &Column| match &c.ty {
                    ColumnType::Sql(s) => normalize_type(dialect, s),
                    ColumnType::Enum(e) => e.clone(),
                };
                if ty(p) != ty(n) || p.is_list != n.is_list {
                    out.push(format!(
                        "The type of column `{}` of table `{table}` changes: existing values are cast and may fail or lose precision.",
                        n.name
                    ));
                }
                if p.nullable && !n.nullable {
                    out.push(format!(
                        "The column `{}` of table `{table}` becomes required: this fails if it holds NULL values.",
                        n.name
                    ));
                }
            }
            TableChange::DropPrimaryKey | TableChange::AddPrimaryKey => {}
        }
    };
    for step in steps {
        match step {
            MigrationStep::DropTable { table } => out.push(format!(
                "The table `{}` will be dropped, with all its rows.",
                previous.table(*table).name
            )),
            MigrationStep::AlterTable { tables, changes } => {
                for change in changes {
                    column_changes(tables, change, &mut out);
                }
            }
            MigrationStep::RedefineTable { tables } => {
                for (prev_id, c) in previous.table_columns(tables.previous) {
                    let change = match next.find_column(tables.next, &c.name) {
                        None => TableChange::DropColumn { column: prev_id },
                        Some(next_id) => TableChange::AlterColumn {
                            columns: MigrationPair { previous: prev_id, next: next_id },
                        },
                    };
                    column_changes(tables, &change, &mut out);
                }
                for (id, c) in next.table_columns(tables.next) {
                    if previous.find_column(tables.previous, &c.name).is_none() {
                        column_changes(tables, &TableChange::AddColumn { column: id }, &mut out);
                    }
                }
            }
            MigrationStep::CreateIndex { index } => {
                let idx = next.index(*index);
                let prev_table = previous.find_table(&next.table(idx.table).name);
                // SQLite's table redefinition re-creates unchanged indexes: not a new constraint.
                let existed = prev_table.is_some_and(|t| {
                    previous
                        .table_indexes(t)
                        .any(|(_, i)| i.name == idx.name && index_key(previous, i) == index_key(next, idx))
                });
                if idx.kind == crate::database_schema::IndexKind::Unique && prev_table.is_some() && !existed {
                    out.push(format!(
                        "A unique index `{}` is added to table `{}`: this fails if existing rows have duplicates.",
                        idx.name,
                        next.table(idx.table).name
                    ));
                }
            }
            MigrationStep::AlterEnum { enums, removed_values, .. } if !removed_values.is_empty() => {
                out.push(format!(
                    "The values {} are removed from enum `{}`: this fails if rows use them.",
                    removed_values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", "),
                    next.enum_(enums.next).name
                ))
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize_default;
    use crate::SqlDialect;
    use crate::database_schema::{ColumnDefault, normalize_type};

    /// `input` as written by `calculate` and as returned by introspection must normalise alike.
    #[track_caller]
    fn check_default(dialect: SqlDialect, calculated: &str, described: &str) {
        let a = normalize_default(dialect, &ColumnDefault::Sql(calculated.to_owned()));
        let b = normalize_default(dialect, &ColumnDefault::Sql(described.to_owned()));
        assert_eq!(a, b, "{calculated} vs {described}");
    }

    #[test]
    fn defaults_normalise() {
        check_default(SqlDialect::Postgres, "'USER'", "'USER'::\"Role\"");
        check_default(SqlDialect::Postgres, "-1", "'-1'::integer");
        check_default(SqlDialect::Postgres, "'it''s'", "'it''s'::text");
        check_default(SqlDialect::Postgres, "ARRAY['a', 'b']::TEXT[]", "ARRAY['a'::text, 'b'::text]");
        check_default(SqlDialect::Postgres, "'x'", "'x'::character varying");
        check_default(SqlDialect::Postgres, "'{\"a\": 1}'", "'{\"a\":1}'::jsonb");
        check_default(SqlDialect::Postgres, "CURRENT_TIMESTAMP", "now()");
        check_default(SqlDialect::Mysql, "0", "0.000000000000000000000000000000");
        check_default(SqlDialect::Mysql, "true", "1");
        check_default(SqlDialect::Sqlite, "(json('{}'))", "json('{}')");
        let a = normalize_default(SqlDialect::Postgres, &ColumnDefault::Sql("'a b'".to_owned()));
        let b = normalize_default(SqlDialect::Postgres, &ColumnDefault::Sql("'ab'".to_owned()));
        assert_ne!(a, b, "spaces inside string literals matter");
    }

    #[test]
    fn types_normalise() {
        let pg = |a: &str, b: &str| {
            assert_eq!(normalize_type(SqlDialect::Postgres, a), normalize_type(SqlDialect::Postgres, b))
        };
        pg("VARCHAR(255)", "character varying(255)");
        pg("TIMESTAMP(3)", "timestamp(3) without time zone");
        pg("TIMESTAMPTZ(6)", "timestamp(6) with time zone");
        pg("DECIMAL(65,30)", "numeric(65, 30)");
        pg("DOUBLE PRECISION", "float8");
        pg("INTEGER", "int4");
        let my = |a: &str, b: &str| {
            assert_eq!(normalize_type(SqlDialect::Mysql, a), normalize_type(SqlDialect::Mysql, b))
        };
        my("INTEGER", "int(11)");
        my("BOOLEAN", "tinyint(1)");
        my("INT UNSIGNED", "int(10) unsigned");
        my("TIME(0)", "time");
        my("ENUM('A', 'B')", "enum('A','B')");
        assert_ne!(
            normalize_type(SqlDialect::Postgres, "TIMESTAMP(3)"),
            normalize_type(SqlDialect::Postgres, "TIMESTAMPTZ(3)")
        );
        assert_ne!(
            normalize_type(SqlDialect::Mysql, "TINYINT"),
            normalize_type(SqlDialect::Mysql, "TINYINT(1)")
        );
    }
}
