//! The `DatabaseSchema` IR: tables, columns, indexes, foreign keys and enums as a SQL database sees them.
//!
//! Produced by `calculate` (from a `Schema`) and by `describe` (from a live database), consumed by
//! `diff` and `render`. Arenas are plain `Vec`s indexed by the `*Id` newtypes; ids are only valid
//! for the `DatabaseSchema` value that produced them.

use crate::SqlDialect;

/// Index into [`DatabaseSchema::tables`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TableId(pub u32);
/// Index into [`DatabaseSchema::columns`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ColumnId(pub u32);
/// Index into [`DatabaseSchema::indexes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IndexId(pub u32);
/// Index into [`DatabaseSchema::foreign_keys`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ForeignKeyId(pub u32);
/// Index into [`DatabaseSchema::enums`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EnumId(pub u32);

/// A whole SQL schema (one PostgreSQL schema, one MySQL database or one SQLite file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseSchema {
    /// The dialect the type names and defaults are spelled in.
    pub dialect: SqlDialect,
    /// Tables, in creation order.
    pub tables: Vec<Table>,
    /// Columns of every table; a table's columns are in column order.
    pub columns: Vec<Column>,
    /// Indexes and unique constraints of every table.
    pub indexes: Vec<Index>,
    /// Foreign keys of every table.
    pub foreign_keys: Vec<ForeignKey>,
    /// PostgreSQL enum types (always empty on MySQL and SQLite, where enums are column types).
    pub enums: Vec<Enum>,
    /// PostgreSQL extensions installed in the schema (`extensions = [...]` of the datasource).
    pub extensions: Vec<String>,
}

/// A table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Table name.
    pub name: String,
    /// The primary key, if any.
    pub primary_key: Option<PrimaryKey>,
}

/// A primary key constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrimaryKey {
    /// Constraint name, e.g. `User_pkey`. SQLite does not keep it; MySQL always calls it `PRIMARY`.
    pub name: Option<String>,
    /// Key columns in key order (ids into [`DatabaseSchema::columns`] of the same table).
    pub columns: Vec<ColumnId>,
}

/// The type of a column, spelled for [`DatabaseSchema::dialect`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnType {
    /// A SQL type as it is written in DDL, e.g. `TEXT`, `VARCHAR(191)`, `TIMESTAMP(3)`,
    /// `ENUM('A','B')` (MySQL).
    Sql(String),
    /// A PostgreSQL enum type, by name (see [`DatabaseSchema::enums`]).
    Enum(String),
}

/// A column default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnDefault {
    /// The current timestamp (`CURRENT_TIMESTAMP`, `CURRENT_TIMESTAMP(3)` on MySQL).
    Now,
    /// A SQL expression or literal as written after `DEFAULT`, e.g. `'abc'`, `0`, `true`,
    /// `gen_random_uuid()`.
    Sql(String),
}

/// A column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The table it belongs to.
    pub table: TableId,
    /// Column name.
    pub name: String,
    /// Its type.
    pub ty: ColumnType,
    /// True for a PostgreSQL array column (a scalar list, `TEXT[]`).
    pub is_list: bool,
    /// True unless `NOT NULL`.
    pub nullable: bool,
    /// The default, if any.
    pub default: Option<ColumnDefault>,
    /// `SERIAL` (PostgreSQL), `AUTO_INCREMENT` (MySQL), `INTEGER PRIMARY KEY AUTOINCREMENT` (SQLite).
    pub auto_increment: bool,
}

/// Whether an index is plain, unique or full-text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IndexKind {
    /// `CREATE INDEX`.
    Normal,
    /// `CREATE UNIQUE INDEX` (how Prisma creates unique constraints on every dialect).
    Unique,
    /// `CREATE FULLTEXT INDEX` (MySQL).
    Fulltext,
}

/// Sort order of an index column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SortOrder {
    /// Ascending (the default).
    Asc,
    /// Descending.
    Desc,
}

/// One column of an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexColumn {
    /// The column (of the index's table).
    pub column: ColumnId,
    /// Sort order; `None` means the default (ascending).
    pub sort: Option<SortOrder>,
    /// Prefix length (MySQL).
    pub length: Option<u32>,
}

/// An index or unique constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    /// The table it belongs to.
    pub table: TableId,
    /// Index name, e.g. `User_email_key`.
    pub name: String,
    /// Plain, unique or full-text.
    pub kind: IndexKind,
    /// Columns in index order.
    pub columns: Vec<IndexColumn>,
    /// PostgreSQL access method (`USING HASH`, `GIN`…); `None` means B-tree.
    pub algorithm: Option<String>,
}

/// A referential action of a foreign key.
/// Source: <https://www.postgresql.org/docs/current/sql-createtable.html#SQL-CREATETABLE-PARMS-REFERENCES>.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ForeignKeyAction {
    /// `CASCADE`.
    Cascade,
    /// `RESTRICT`.
    Restrict,
    /// `NO ACTION`.
    NoAction,
    /// `SET NULL`.
    SetNull,
    /// `SET DEFAULT`.
    SetDefault,
}

impl ForeignKeyAction {
    /// The SQL spelling, e.g. `SET NULL`.
    pub fn as_sql(self) -> &'static str {
        match self {
            ForeignKeyAction::Cascade => "CASCADE",
            ForeignKeyAction::Restrict => "RESTRICT",
            ForeignKeyAction::NoAction => "NO ACTION",
            ForeignKeyAction::SetNull => "SET NULL",
            ForeignKeyAction::SetDefault => "SET DEFAULT",
        }
    }

    /// Parses the SQL spelling (case-insensitive, `_` or space between words).
    pub fn from_sql(s: &str) -> Option<ForeignKeyAction> {
        Some(match s.to_ascii_uppercase().replace('_', " ").as_str() {
            "CASCADE" => ForeignKeyAction::Cascade,
            "RESTRICT" => ForeignKeyAction::Restrict,
            "NO ACTION" => ForeignKeyAction::NoAction,
            "SET NULL" => ForeignKeyAction::SetNull,
            "SET DEFAULT" => ForeignKeyAction::SetDefault,
            _ => return None,
        })
    }
}

/// A foreign key constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKey {
    /// The referencing table.
    pub table: TableId,
    /// Constraint name, e.g. `Post_authorId_fkey`. SQLite's introspection does not return it.
    pub name: Option<String>,
    /// Referencing columns (of `table`).
    pub columns: Vec<ColumnId>,
    /// The referenced table.
    pub referenced_table: TableId,
    /// Referenced columns (of `referenced_table`), same length as `columns`.
    pub referenced_columns: Vec<ColumnId>,
    /// `ON DELETE`.
    pub on_delete: ForeignKeyAction,
    /// `ON UPDATE`.
    pub on_update: ForeignKeyAction,
}

/// A PostgreSQL enum type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enum {
    /// Type name.
    pub name: String,
    /// Values in declaration order.
    pub values: Vec<String>,
}

impl DatabaseSchema {
    /// An empty schema for `dialect`.
    pub fn empty(dialect: SqlDialect) -> DatabaseSchema {
        DatabaseSchema {
            dialect,
            tables: Vec::new(),
            columns: Vec::new(),
            indexes: Vec::new(),
            foreign_keys: Vec::new(),
            enums: Vec::new(),
            extensions: Vec::new(),
        }
    }
    /// The table `id`.
    pub fn table(&self, id: TableId) -> &Table {
        &self.tables[id.0 as usize]
    }
    /// The column `id`.
    pub fn column(&self, id: ColumnId) -> &Column {
        &self.columns[id.0 as usize]
    }
    /// The index `id`. (Named like the other arena accessors; not `std::ops::Index`.)
    #[allow(clippy::should_implement_trait)]
    pub fn index(&self, id: IndexId) -> &Index {
        &self.indexes[id.0 as usize]
    }
    /// The foreign key `id`.
    pub fn foreign_key(&self, id: ForeignKeyId) -> &ForeignKey {
        &self.foreign_keys[id.0 as usize]
    }
    /// The enum `id`.
    pub fn enum_(&self, id: EnumId) -> &Enum {
        &self.enums[id.0 as usize]
    }
    /// Looks a table up by name.
    pub fn find_table(&self, name: &str) -> Option<TableId> {
        self.tables.iter().position(|t| t.name == name).map(|i| TableId(i as u32))
    }
    /// Looks a column of `table` up by name.
    pub fn find_column(&self, table: TableId, name: &str) -> Option<ColumnId> {
        self.columns.iter().position(|c| c.table == table && c.name == name).map(|i| ColumnId(i as u32))
    }
    /// Looks an enum up by name.
    pub fn find_enum(&self, name: &str) -> Option<EnumId> {
        self.enums.iter().position(|e| e.name == name).map(|i| EnumId(i as u32))
    }
    /// Iterates `(TableId, &Table)`.
    pub fn tables_with_ids(&self) -> impl Iterator<Item = (TableId, &Table)> {
        self.tables.iter().enumerate().map(|(i, t)| (TableId(i as u32), t))
    }
    /// The columns of `table` in column order.
    pub fn table_columns(&self, table: TableId) -> impl Iterator<Item = (ColumnId, &Column)> {
        self.columns
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.table == table)
            .map(|(i, c)| (ColumnId(i as u32), c))
    }
    /// The indexes of `table`.
    pub fn table_indexes(&self, table: TableId) -> impl Iterator<Item = (IndexId, &Index)> {
        self.indexes
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.table == table)
            .map(|(i, c)| (IndexId(i as u32), c))
    }
    /// The foreign keys of `table`.
    pub fn table_foreign_keys(&self, table: TableId) -> impl Iterator<Item = (ForeignKeyId, &ForeignKey)> {
        self.foreign_keys
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.table == table)
            .map(|(i, c)| (ForeignKeyId(i as u32), c))
    }
    /// Adds a table and returns its id.
    pub fn push_table(&mut self, table: Table) -> TableId {
        self.tables.push(table);
        TableId(self.tables.len() as u32 - 1)
    }
    /// Adds a column and returns its id.
    pub fn push_column(&mut self, column: Column) -> ColumnId {
        self.columns.push(column);
        ColumnId(self.columns.len() as u32 - 1)
    }
    /// Names of `columns`, in order.
    pub fn column_names(&self, columns: &[ColumnId]) -> Vec<&str> {
        columns.iter().map(|c| self.column(*c).name.as_str()).collect()
    }
}

/// Canonical spelling of a SQL type for comparisons: what `describe` returns and `calculate`
/// produces are both passed through this, so synonyms compare equal (`character varying(10)` =
/// `VARCHAR(10)`, `int4` = `INTEGER`, MySQL `int(11)` = `INT`).
/// Sources: <https://www.postgresql.org/docs/current/datatype.html#DATATYPE-TABLE>,
/// <https://mariadb.com/kb/en/data-types/>, <https://www.sqlite.org/datatype3.html>.
pub fn normalize_type(dialect: SqlDialect, ty: &str) -> String {
    let lower = ty.trim().to_ascii_lowercase();
    let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    match dialect {
        SqlDialect::Sqlite => lower.to_ascii_uppercase(),
        SqlDialect::Postgres => {
            let (base, args) = split_args(&lower);
            let base = base.trim();
            let (base, tz) = if let Some(b) = base.strip_suffix(" without time zone") {
                (b, "")
            } else if let Some(b) = base.strip_suffix(" with time zone") {
                (b, "tz")
            } else {
                (base, "")
            };
            let base = match base {
                "character varying" => "varchar",
                "character" | "bpchar" => "char",
                "numeric" => "decimal",
                "int" | "int4" | "serial" | "serial4" => "integer",
                "int8" | "bigserial" | "serial8" => "bigint",
                "int2" | "smallserial" | "serial2" => "smallint",
                "float8" => "double precision",
                "float4" => "real",
                "bool" => "boolean",
                "bit varying" => "varbit",
                "timestamptz" => "timestamp",
                "timetz" => "time",
                other => other,
            };
            let tz = if lower.starts_with("timestamptz") || lower.starts_with("timetz") { "tz" } else { tz };
            format!("{base}{tz}{}", args.replace(' ', "")).to_ascii_uppercase()
        }
        SqlDialect::Mysql => {
            let (base, args) = split_args(&lower);
            let base = base.trim();
            let (base, unsigned) = match base.strip_suffix(" unsigned") {
                Some(b) => (b, " unsigned"),
                None => (base, ""),
            };
            let base = match base {
                "integer" => "int",
                "bool" | "boolean" => return "TINYINT(1)".to_owned(),
                "numeric" => "decimal",
                "double precision" | "real" => "double",
                other => other,
            };
            // Display widths of integer types are ignored (deprecated since MySQL 8.0.17), except
            // TINYINT(1), which Prisma uses for Boolean.
            let args = match base {
                "int" | "bigint" | "smallint" | "mediumint" | "year" => "",
                // `TIME(0)` = `TIME`: zero fractional-second digits is the default.
                // Source: <https://mariadb.com/kb/en/time/>.
                "time" | "datetime" | "timestamp" if args == "(0)" => "",
                "tinyint" if args != "(1)" => "",
                _ => args,
            };
            format!("{base}{args}{unsigned}").to_ascii_uppercase().replace("', '", "','")
        }
    }
}

/// Splits `varchar(10)` into (`varchar`, `(10)`) and `timestamp(3) without time zone` into
/// (`timestamp without time zone`, `(3)`).
fn split_args(ty: &str) -> (String, &str) {
    match (ty.find('('), ty.rfind(')')) {
        (Some(open), Some(close)) if close > open => {
            let base = format!("{}{}", &ty[..open], &ty[close + 1..]);
            (base, &ty[open..=close])
        }
        _ => (ty.to_owned(), ""),
    }
}
