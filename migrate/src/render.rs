//! Renders migration steps as DDL for one dialect. Pure string building: no IO.
//!
//! Keywords are uppercase; identifiers are always quoted: double quotes on PostgreSQL
//! (<https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS>) and
//! SQLite (<https://www.sqlite.org/lang_keywords.html>), backticks on MySQL
//! (<https://dev.mysql.com/doc/refman/8.0/en/identifiers.html>); an embedded quote character is
//! doubled.

use std::fmt::Write as _;

use crate::SqlDialect;
use crate::database_schema::{
    Column, ColumnDefault, ColumnType, DatabaseSchema, ForeignKey, Index, IndexKind, SortOrder, TableId,
};
use crate::diff::{MigrationStep, TableChange};

/// Quotes an identifier for `dialect`, doubling embedded quote characters (see the module docs).
pub fn quote_ident(dialect: SqlDialect, name: &str) -> String {
    match dialect {
        SqlDialect::Mysql => format!("`{}`", name.replace('`', "``")),
        SqlDialect::Postgres | SqlDialect::Sqlite => format!("\"{}\"", name.replace('"', "\"\"")),
    }
}

/// Renders `steps` (ids into `previous`/`next` as documented on [`MigrationStep`]) as a
/// `migration.sql` script: one block per step, headed by a Prisma-style comment such as
/// `-- CreateTable`, statements terminated by `;`, blocks separated by a blank line.
/// An empty step list renders `-- This is an empty migration.`.
pub fn render_script(
    steps: &[MigrationStep],
    previous: &DatabaseSchema,
    next: &DatabaseSchema,
    dialect: SqlDialect,
) -> String {
    if steps.is_empty() {
        return "-- This is an empty migration.\n".to_owned();
    }
    let r = Renderer { dialect, previous, next };
    let mut out = String::new();
    for (i, step) in steps.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let (title, statements) = r.step(step);
        let _ = writeln!(out, "-- {title}");
        for s in statements {
            out.push_str(&s);
            if !s.starts_with("--") {
                out.push(';');
            }
            out.push('\n');
        }
    }
    out
}

struct Renderer<'a> {
    dialect: SqlDialect,
    previous: &'a DatabaseSchema,
    next: &'a DatabaseSchema,
}

impl Renderer<'_> {
    fn q(&self, name: &str) -> String {
        quote_ident(self.dialect, name)
    }

    fn step(&self, step: &MigrationStep) -> (&'static str, Vec<String>) {
        let d = self.dialect;
        match step {
            // Source: <https://www.postgresql.org/docs/current/sql-createextension.html>.
            MigrationStep::CreateExtension { extension } => {
                ("CreateExtension", vec![format!("CREATE EXTENSION IF NOT EXISTS {}", self.q(extension))])
            }
            MigrationStep::CreateEnum { enum_ } => {
                let e = self.next.enum_(*enum_);
                let values: Vec<String> =
                    e.values.iter().map(|v| crate::calculate::quote_literal(v)).collect();
                (
                    "CreateEnum",
                    vec![format!("CREATE TYPE {} AS ENUM ({})", self.q(&e.name), values.join(", "))],
                )
            }
            MigrationStep::AlterEnum { enums, added_values, removed_values } => {
                let e = self.next.enum_(enums.next);
                if removed_values.is_empty() {
                    // Source: <https://www.postgresql.org/docs/current/sql-altertype.html>.
                    let out = added_values
                        .iter()
                        .map(|v| {
                            format!(
                                "ALTER TYPE {} ADD VALUE {}",
                                self.q(&e.name),
                                crate::calculate::quote_literal(v)
                            )
                        })
                        .collect();
                    ("AlterEnum", out)
                } else {
                    ("AlterEnum", self.recreate_enum(&e.name))
                }
            }
            MigrationStep::DropForeignKey { foreign_key } => {
                let fk = self.previous.foreign_key(*foreign_key);
                let table = self.q(&self.previous.table(fk.table).name);
                let name = self.q(fk.name.as_deref().unwrap_or_default());
                let mut out = vec![match d {
                    SqlDialect::Mysql => format!("ALTER TABLE {table} DROP FOREIGN KEY {name}"),
                    _ => format!("ALTER TABLE {table} DROP CONSTRAINT {name}"),
                }];
                // MySQL created an index named after the constraint when no index started with
                // the foreign key columns; it outlives the constraint, so drop it too.
                // Source: <https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html>.
                if d == SqlDialect::Mysql && !self.mysql_fk_has_index(fk) {
                    out.push(format!("DROP INDEX {name} ON {table}"));
                }
                ("DropForeignKey", out)
            }
            MigrationStep::DropIndex { index } => {
                let idx = self.previous.index(*index);
                let sql = match d {
                    SqlDialect::Mysql => {
                        format!(
                            "DROP INDEX {} ON {}",
                            self.q(&idx.name),
                            self.q(&self.previous.table(idx.table).name)
                        )
                    }
                    _ => format!("DROP INDEX {}", self.q(&idx.name)),
                };
                ("DropIndex", vec![sql])
            }
            MigrationStep::AlterTable { tables, changes } => {
                ("AlterTable", self.alter_table(tables.previous, tables.next, changes))
            }
            MigrationStep::RedefineTable { tables } => {
                let prev_name = &self.previous.table(tables.previous).name;
                let name = &self.next.table(tables.next).name;
                let tmp = format!("new_{name}");
                let common: Vec<String> = self
                    .next
                    .table_columns(tables.next)
                    .filter(|(_, c)| self.previous.find_column(tables.previous, &c.name).is_some())
                    .map(|(_, c)| self.q(&c.name))
                    .collect();
                let mut out = vec![
                    "PRAGMA defer_foreign_keys=ON".to_owned(),
                    "PRAGMA foreign_keys=OFF".to_owned(),
                    self.create_table(tables.next, &tmp),
                ];
                if !common.is_empty() {
                    let cols = common.join(", ");
                    out.push(format!(
                        "INSERT INTO {} ({cols}) SELECT {cols} FROM {}",
                        self.q(&tmp),
                        self.q(prev_name)
                    ));
                }
                out.push(format!("DROP TABLE {}", self.q(prev_name)));
                out.push(format!("ALTER TABLE {} RENAME TO {}", self.q(&tmp), self.q(name)));
                out.push("PRAGMA foreign_keys=ON".to_owned());
                out.push("PRAGMA defer_foreign_keys=OFF".to_owned());
                ("RedefineTables", out)
            }
            MigrationStep::DropTable { table } => {
                ("DropTable", vec![format!("DROP TABLE {}", self.q(&self.previous.table(*table).name))])
            }
            MigrationStep::DropEnum { enum_ } => {
                ("DropEnum", vec![format!("DROP TYPE {}", self.q(&self.previous.enum_(*enum_).name))])
            }
            MigrationStep::CreateTable { table } => {
                ("CreateTable", vec![self.create_table(*table, &self.next.table(*table).name)])
            }
            MigrationStep::CreateIndex { index } => {
                ("CreateIndex", vec![self.create_index(self.next.index(*index))])
            }
            MigrationStep::AddForeignKey { foreign_key } => {
                let fk = self.next.foreign_key(*foreign_key);
                let sql = format!(
                    "ALTER TABLE {} ADD {}",
                    self.q(&self.next.table(fk.table).name),
                    self.foreign_key_clause(self.next, fk)
                );
                ("AddForeignKey", vec![sql])
            }
        }
    }

    /// PostgreSQL cannot drop enum values: create `<name>_new` with the next values, move every
    /// column over (rows holding a removed value make this fail), swap the names, drop the old type.
    fn recreate_enum(&self, name: &str) -> Vec<String> {
        let e = self.next.find_enum(name).map(|id| self.next.enum_(id));
        let values: Vec<String> = e
            .map(|e| e.values.iter().map(|v| crate::calculate::quote_literal(v)).collect())
            .unwrap_or_default();
        let new_name = format!("{name}_new");
        let old_name = format!("{name}_old");
        let mut out = vec![format!("CREATE TYPE {} AS ENUM ({})", self.q(&new_name), values.join(", "))];
        let users: Vec<&Column> = self
            .previous
            .columns
            .iter()
            .filter(|c| matches!(&c.ty, ColumnType::Enum(n) if n == name))
            .collect();
        let mut restore = Vec::new();
        for col in &users {
            let table = self.q(&self.previous.table(col.table).name);
            let column = self.q(&col.name);
            if col.default.is_some() {
                out.push(format!("ALTER TABLE {table} ALTER COLUMN {column} DROP DEFAULT"));
                let next_default = self
                    .next
                    .find_table(&self.previous.table(col.table).name)
                    .and_then(|t| self.next.find_column(t, &col.name))
                    .and_then(|c| self.default_sql(self.next.column(c)));
                if let Some(def) = next_default {
                    restore.push(format!("ALTER TABLE {table} ALTER COLUMN {column} SET DEFAULT {def}"));
                }
            }
            let (arr, new_ty) = if col.is_list {
                ("[]", format!("{}[]", self.q(&new_name)))
            } else {
                ("", self.q(&new_name))
            };
            out.push(format!("ALTER TABLE {table} ALTER COLUMN {column} TYPE {new_ty} USING ({column}::text{arr}::{new_ty})"));
        }
        out.push(format!("ALTER TYPE {} RENAME TO {}", self.q(name), self.q(&old_name)));
        out.push(format!("ALTER TYPE {} RENAME TO {}", self.q(&new_name), self.q(name)));
        out.push(format!("DROP TYPE {}", self.q(&old_name)));
        out.extend(restore);
        out
    }

    fn mysql_fk_has_index(&self, fk: &ForeignKey) -> bool {
        let db = self.previous;
        let starts_with_fk = |cols: &[crate::database_schema::ColumnId]| {
            cols.len() >= fk.columns.len() && cols[..fk.columns.len()] == fk.columns[..]
        };
        let pk = db.table(fk.table).primary_key.as_ref().is_some_and(|pk| starts_with_fk(&pk.columns));
        pk || db.table_indexes(fk.table).any(|(_, i)| {
            let cols: Vec<_> = i.columns.iter().map(|c| c.column).collect();
            starts_with_fk(&cols)
        })
    }

    fn column_list(&self, db: &DatabaseSchema, columns: &[crate::database_schema::ColumnId]) -> String {
        columns.iter().map(|c| self.q(&db.column(*c).name)).collect::<Vec<_>>().join(", ")
    }

    fn foreign_key_clause(&self, db: &DatabaseSchema, fk: &ForeignKey) -> String {
        let name = fk.name.as_deref().map(|n| format!("CONSTRAINT {} ", self.q(n))).unwrap_or_default();
        let space = if self.dialect == SqlDialect::Sqlite { " " } else { "" };
        format!(
            "{name}FOREIGN KEY ({}) REFERENCES {}{space}({}) ON DELETE {} ON UPDATE {}",
            self.column_list(db, &fk.columns),
            self.q(&db.table(fk.referenced_table).name),
            self.column_list(db, &fk.referenced_columns),
            fk.on_delete.as_sql(),
            fk.on_update.as_sql()
        )
    }

    fn create_index(&self, idx: &Index) -> String {
        let db = self.next;
        let kind = match idx.kind {
            IndexKind::Normal => "",
            IndexKind::Unique => "UNIQUE ",
            IndexKind::Fulltext => "FULLTEXT ",
        };
        let cols: Vec<String> = idx
            .columns
            .iter()
            .map(|c| {
                let mut s = self.q(&db.column(c.column).name);
                if let Some(len) = c.length {
                    let _ = write!(s, "({len})");
                }
                if c.sort == Some(SortOrder::Desc) {
                    s.push_str(" DESC");
                } else if c.sort == Some(SortOrder::Asc) {
                    s.push_str(" ASC");
                }
                s
            })
            .collect();
        let using = idx.algorithm.as_deref().map(|a| format!(" USING {a} ")).unwrap_or_default();
        format!(
            "CREATE {kind}INDEX {} ON {}{using}({})",
            self.q(&idx.name),
            self.q(&db.table(idx.table).name),
            cols.join(", ")
        )
    }

    /// Type text for DDL, e.g. `SERIAL`, `TEXT[]`, `"Role"`.
    fn column_type(&self, col: &Column) -> String {
        let mut ty = match &col.ty {
            ColumnType::Sql(s) => s.clone(),
            ColumnType::Enum(name) => self.q(name),
        };
        if col.auto_increment && self.dialect == SqlDialect::Postgres {
            // Source: <https://www.postgresql.org/docs/current/datatype-numeric.html#DATATYPE-SERIAL>.
            ty = match crate::database_schema::normalize_type(self.dialect, &ty).as_str() {
                "BIGINT" => "BIGSERIAL".to_owned(),
                "SMALLINT" => "SMALLSERIAL".to_owned(),
                _ => "SERIAL".to_owned(),
            };
        }
        if col.is_list {
            ty.push_str("[]");
        }
        ty
    }

    fn default_sql(&self, col: &Column) -> Option<String> {
        match col.default.as_ref()? {
            ColumnDefault::Now => Some(match self.dialect {
                // Source: <https://dev.mysql.com/doc/refman/8.0/en/timestamp-initialization.html>: the
                // fractional precision of CURRENT_TIMESTAMP must match the column's.
                SqlDialect::Mysql => match &col.ty {
                    ColumnType::Sql(t) => match (t.find('('), t.find(')')) {
                        (Some(a), Some(b)) if b > a => format!("CURRENT_TIMESTAMP{}", &t[a..=b]),
                        _ => "CURRENT_TIMESTAMP".to_owned(),
                    },
                    ColumnType::Enum(_) => "CURRENT_TIMESTAMP".to_owned(),
                },
                _ => "CURRENT_TIMESTAMP".to_owned(),
            }),
            ColumnDefault::Sql(s) => Some(s.clone()),
        }
    }

    /// `"name" TYPE [NOT NULL] [DEFAULT …]` (+ SQLite's inline `PRIMARY KEY [AUTOINCREMENT]`,
    /// MySQL's `AUTO_INCREMENT`).
    fn column_def(&self, col: &Column, inline_pk: bool) -> String {
        let mut s = format!("{} {}", self.q(&col.name), self.column_type(col));
        if !col.nullable {
            s.push_str(" NOT NULL");
        }
        if inline_pk {
            s.push_str(" PRIMARY KEY");
            if col.auto_increment {
                // Source: <https://www.sqlite.org/autoinc.html>.
                s.push_str(" AUTOINCREMENT");
            }
        }
        if col.auto_increment && self.dialect == SqlDialect::Mysql {
            // Source: <https://dev.mysql.com/doc/refman/8.0/en/example-auto-increment.html>.
            s.push_str(" AUTO_INCREMENT");
        }
        if let Some(def) = self.default_sql(col) {
            let _ = write!(s, " DEFAULT {def}");
        }
        s
    }

    fn create_table(&self, table: TableId, name: &str) -> String {
        let db = self.next;
        let d = self.dialect;
        let t = db.table(table);
        // SQLite: a single-column primary key is written inline, which is also the only way to get
        // an AUTOINCREMENT rowid alias.
        let inline_pk = match (&t.primary_key, d) {
            (Some(pk), SqlDialect::Sqlite) if pk.columns.len() == 1 => pk.columns.first().copied(),
            _ => None,
        };
        let mut lines: Vec<String> = db
            .table_columns(table)
            .map(|(id, c)| format!("    {}", self.column_def(c, inline_pk == Some(id))))
            .collect();
        let mut constraints = Vec::new();
        if let Some(pk) = &t.primary_key
            && inline_pk.is_none()
        {
            let name = pk
                .name
                .as_deref()
                .filter(|_| d == SqlDialect::Postgres)
                .map(|n| format!("CONSTRAINT {} ", self.q(n)));
            constraints.push(format!(
                "    {}PRIMARY KEY ({})",
                name.unwrap_or_default(),
                self.column_list(db, &pk.columns)
            ));
        }
        if d == SqlDialect::Sqlite {
            for (_, fk) in db.table_foreign_keys(table) {
                constraints.push(format!("    {}", self.foreign_key_clause(db, fk)));
            }
        }
        if !constraints.is_empty() {
            if d == SqlDialect::Sqlite {
                lines.extend(constraints);
            } else {
                let last = lines.len();
                lines.extend(constraints);
                lines.insert(last, String::new());
            }
        }
        let mut body = String::new();
        for (i, line) in lines.iter().enumerate() {
            body.push_str(line);
            let next_is_blank = lines.get(i + 1).is_some_and(|l| l.is_empty());
            if i + 1 < lines.len() && !line.is_empty() {
                body.push(',');
            }
            let _ = next_is_blank;
            body.push('\n');
        }
        // Source: <https://www.prisma.io/docs/orm/overview/databases/mysql>: Prisma creates tables
        // with utf8mb4 so VARCHAR(191) fits an index.
        let suffix = if d == SqlDialect::Mysql {
            " DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
        } else {
            ""
        };
        format!("CREATE TABLE {} (\n{body}){suffix}", self.q(name))
    }

    fn alter_table(&self, prev_table: TableId, next_table: TableId, changes: &[TableChange]) -> Vec<String> {
        let d = self.dialect;
        let table = self.q(&self.next.table(next_table).name);
        let mut clauses: Vec<String> = Vec::new();
        for change in changes {
            match change {
                TableChange::DropPrimaryKey => match d {
                    SqlDialect::Postgres => {
                        let name = self
                            .previous
                            .table(prev_table)
                            .primary_key
                            .as_ref()
                            .and_then(|pk| pk.name.clone())
                            .unwrap_or_else(|| format!("{}_pkey", self.previous.table(prev_table).name));
                        clauses.push(format!("DROP CONSTRAINT {}", self.q(&name)));
                    }
                    _ => clauses.push("DROP PRIMARY KEY".to_owned()),
                },
                TableChange::DropColumn { column } => {
                    clauses.push(format!("DROP COLUMN {}", self.q(&self.previous.column(*column).name)))
                }
                TableChange::AddColumn { column } => {
                    clauses.push(format!("ADD COLUMN {}", self.column_def(self.next.column(*column), false)))
                }
                TableChange::AlterColumn { columns } => {
                    let prev = self.previous.column(columns.previous);
                    let next = self.next.column(columns.next);
                    if d == SqlDialect::Mysql {
                        clauses.push(format!("MODIFY {}", self.column_def(next, false)));
                        continue;
                    }
                    let name = self.q(&next.name);
                    let (pt, nt) = (self.column_type(prev), self.column_type(next));
                    if crate::database_schema::normalize_type(d, &pt)
                        != crate::database_schema::normalize_type(d, &nt)
                        || prev.is_list != next.is_list
                    {
                        // Source: <https://www.postgresql.org/docs/current/sql-altertable.html>.
                        clauses.push(format!("ALTER COLUMN {name} SET DATA TYPE {nt} USING {name}::{nt}"));
                    }
                    if prev.nullable != next.nullable {
                        clauses.push(format!(
                            "ALTER COLUMN {name} {} NOT NULL",
                            if next.nullable { "DROP" } else { "SET" }
                        ));
                    }
                    if prev.default != next.default {
                        match self.default_sql(next) {
                            Some(def) => clauses.push(format!("ALTER COLUMN {name} SET DEFAULT {def}")),
                            None => clauses.push(format!("ALTER COLUMN {name} DROP DEFAULT")),
                        }
                    }
                }
                TableChange::AddPrimaryKey => {
                    if let Some(pk) = &self.next.table(next_table).primary_key {
                        let name = pk
                            .name
                            .as_deref()
                            .filter(|_| d == SqlDialect::Postgres)
                            .map(|n| format!("CONSTRAINT {} ", self.q(n)));
                        clauses.push(format!(
                            "ADD {}PRIMARY KEY ({})",
                            name.unwrap_or_default(),
                            self.column_list(self.next, &pk.columns)
                        ));
                    }
                }
            }
        }
        if d == SqlDialect::Sqlite {
            // SQLite's ALTER TABLE takes one change per statement.
            // Source: <https://www.sqlite.org/lang_altertable.html>.
            return clauses.into_iter().map(|c| format!("ALTER TABLE {table} {c}")).collect();
        }
        vec![format!("ALTER TABLE {table} {}", clauses.join(",\n"))]
    }
}
