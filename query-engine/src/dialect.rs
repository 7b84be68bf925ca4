//! SQL dialects (PostgreSQL, MySQL/MariaDB, SQLite): identifier quoting, placeholders, `LIKE`
//! escaping, and [`render`], which turns an untyped [`Query`] into a [`Statement`].
//!
//! Conventions: uppercase keywords, no trailing semicolon, every identifier quoted, every value a
//! bound parameter. The SQL text depends only on the query's shape, never on its values (on
//! PostgreSQL not even on the length of an `IN` list), so prepared-statement caches hit.

use std::fmt::Write;

use crate::error::Error;
use crate::meta::{ColumnMeta, ColumnType, ModelMeta};
use crate::query::{
    ColumnIdx, CompareOp, Count, Delete, FilterNode, Insert, InsertMany, LikeKind, Order, Query,
    RelatedSelect, Select, SetOp, Statement, Update,
};
use crate::value::Value;

/// The SQL dialect of a connector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// PostgreSQL: `"ident"`, `$n` placeholders, `= ANY($1)` lists, native enums, `RETURNING`.
    Postgres,
    /// MySQL / MariaDB: `` `ident` ``, `?` placeholders, `RETURNING` on `INSERT`/`DELETE`
    /// (MariaDB ≥ 10.5), no `UPDATE … RETURNING`.
    MySql,
    /// SQLite: `"ident"`, `?` placeholders, `RETURNING` (SQLite ≥ 3.35).
    Sqlite,
}

impl Dialect {
    /// Lowercase name for messages: `postgresql`, `mysql`, `sqlite`.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgresql",
            Dialect::MySql => "mysql",
            Dialect::Sqlite => "sqlite",
        }
    }

    /// Appends `ident` quoted, with embedded quote characters doubled.
    ///
    /// - PostgreSQL: `"a""b"`
    ///   (<https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS>).
    /// - SQLite: same rule (<https://www.sqlite.org/lang_keywords.html>).
    /// - MySQL/MariaDB: `` `a``b` `` (<https://dev.mysql.com/doc/refman/8.0/en/identifiers.html>).
    pub fn quote_into(self, ident: &str, sql: &mut String) {
        let q = match self {
            Dialect::MySql => '`',
            Dialect::Postgres | Dialect::Sqlite => '"',
        };
        sql.push(q);
        for c in ident.chars() {
            if c == q {
                sql.push(q);
            }
            sql.push(c);
        }
        sql.push(q);
    }

    /// `ident` quoted (see [`Dialect::quote_into`]).
    pub fn quote(self, ident: &str) -> String {
        let mut s = String::with_capacity(ident.len() + 2);
        self.quote_into(ident, &mut s);
        s
    }

    /// Whether `UPDATE … RETURNING` exists (PostgreSQL, SQLite ≥ 3.35; not MySQL/MariaDB).
    pub fn update_returning(self) -> bool {
        !matches!(self, Dialect::MySql)
    }

    /// The `ESCAPE` clause that follows every `LIKE`: the escape character is a backslash.
    ///
    /// - PostgreSQL: `ESCAPE '\'` (standard-conforming strings keep `\` literal;
    ///   <https://www.postgresql.org/docs/current/functions-matching.html#FUNCTIONS-LIKE>).
    /// - SQLite: `ESCAPE '\'`; SQLite has no default escape character
    ///   (<https://www.sqlite.org/lang_expr.html#the_like_glob_regexp_match_and_extract_operators>).
    /// - MySQL/MariaDB: `ESCAPE '\\'`, since a backslash starts an escape inside string literals
    ///   (<https://dev.mysql.com/doc/refman/8.0/en/string-comparison-functions.html#operator_like>).
    pub fn like_escape_clause(self) -> &'static str {
        match self {
            Dialect::MySql => " ESCAPE '\\\\'",
            Dialect::Postgres | Dialect::Sqlite => " ESCAPE '\\'",
        }
    }
}

/// Checks that `dialect` can store every column of `model`: composite-typed columns (MongoDB
/// embedded documents, [`ColumnType::Composite`]) exist in no SQL dialect, so a model with one is
/// refused instead of being rendered as if it were a plain column. The executor calls this before
/// every statement on a model; [`render`] itself stays infallible.
///
/// # Errors
/// [`Error::Unsupported`] naming the model, the field and the composite type.
pub fn check_model(dialect: Dialect, model: &ModelMeta) -> Result<(), Error> {
    match model.columns.iter().find_map(|c| c.ty.composite().map(|t| (c, t))) {
        None => Ok(()),
        Some((column, ty)) => Err(Error::Unsupported {
            dialect: dialect.name(),
            message: format!(
                "`{}.{}` has the composite type `{}`; composite types are stored only by MongoDB",
                model.name, column.name, ty.name
            ),
        }),
    }
}

/// Escapes `%`, `_` and the escape character `\` so that `value` matches literally in `LIKE`,
/// then adds the wildcards of `kind`.
pub fn like_pattern(kind: LikeKind, value: &str) -> String {
    let mut pattern = String::with_capacity(value.len() + 2);
    if matches!(kind, LikeKind::Contains | LikeKind::EndsWith) {
        pattern.push('%');
    }
    for c in value.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    if matches!(kind, LikeKind::Contains | LikeKind::StartsWith) {
        pattern.push('%');
    }
    pattern
}

/// Renders `query` for `dialect`: SQL text plus parameters in placeholder order.
///
/// Shapes: `SELECT <all columns of the model, in order> FROM t [WHERE …] [ORDER BY …] [LIMIT …]
/// [OFFSET …]`, `INSERT … RETURNING <all columns>`, `UPDATE … SET … [WHERE …] [RETURNING …]`,
/// `DELETE … [RETURNING …]`, `SELECT COUNT(*) …`. Pure: no I/O, values only go to `params`.
pub fn render(dialect: Dialect, query: &Query) -> Statement {
    let mut w = Writer { dialect, sql: String::with_capacity(128), params: Vec::new() };
    match query {
        Query::Select(s) => w.select(s),
        Query::Insert(i) => w.insert(i),
        Query::Update(u) => w.update(u),
        Query::Delete(d) => w.delete(d),
        Query::Count(c) => w.count(c),
    }
    Statement { sql: w.sql, params: w.params }
}

/// The most parameters one statement may bind: PostgreSQL and MySQL count them in 16 bits
/// (<https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-BIND>),
/// SQLite allows 32766 since 3.32 (<https://www.sqlite.org/limits.html#max_variable_number>).
pub fn max_params(dialect: Dialect) -> usize {
    match dialect {
        Dialect::Postgres | Dialect::MySql => 65_535,
        Dialect::Sqlite => 32_766,
    }
}

/// Renders a multi-row insert: `INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)`. The text
/// depends on the row count, so batches of one size share a cached statement. The caller
/// keeps `rows.len() * columns.len()` within [`max_params`].
pub fn render_insert_many(dialect: Dialect, insert: InsertMany) -> Statement {
    let mut w =
        Writer { dialect, sql: String::with_capacity(64 + insert.rows.len() * 8), params: Vec::new() };
    w.sql.push_str("INSERT INTO ");
    w.table(insert.model);
    w.sql.push_str(" (");
    for (n, column) in insert.columns.iter().enumerate() {
        if n > 0 {
            w.sql.push_str(", ");
        }
        w.column_name(insert.model, *column);
    }
    w.sql.push_str(") VALUES ");
    for (r, row) in insert.rows.into_iter().enumerate() {
        if r > 0 {
            w.sql.push_str(", ");
        }
        w.sql.push('(');
        for (n, (column, value)) in insert.columns.iter().zip(row).enumerate() {
            if n > 0 {
                w.sql.push_str(", ");
            }
            w.param(value, insert.model.columns.get(usize::from(*column)));
        }
        w.sql.push(')');
    }
    Statement { sql: w.sql, params: w.params }
}

/// Renders the related-records query of an include. Without a per-parent window it is a plain
/// `SELECT … ORDER BY`; with `skip`/`take` each parent's records are numbered with
/// `ROW_NUMBER() OVER (PARTITION BY <join columns> ORDER BY …)` in a derived table and cut by that
/// number (window functions: PostgreSQL, SQLite ≥ 3.25, MariaDB ≥ 10.2, MySQL ≥ 8.0;
/// <https://www.postgresql.org/docs/current/tutorial-window.html>,
/// <https://www.sqlite.org/windowfunctions.html>,
/// <https://mariadb.com/kb/en/row_number/>). One statement for all parents either way.
pub fn render_related(dialect: Dialect, related: &RelatedSelect) -> Statement {
    let mut w = Writer { dialect, sql: String::with_capacity(256), params: Vec::new() };
    let s = &related.select;
    if related.skip == 0 && related.take.is_none() {
        w.select_unpaged(s);
        return Statement { sql: w.sql, params: w.params };
    }
    w.sql.push_str("SELECT ");
    w.columns(s.model);
    w.sql.push_str(" FROM (SELECT ");
    for (i, col) in s.model.columns.iter().enumerate() {
        if i > 0 {
            w.sql.push_str(", ");
        }
        w.ident(col.column);
    }
    w.sql.push_str(", ROW_NUMBER() OVER (PARTITION BY ");
    for (i, column) in related.partition_by.iter().enumerate() {
        if i > 0 {
            w.sql.push_str(", ");
        }
        w.column_name(s.model, *column);
    }
    w.sql.push_str(" ORDER BY ");
    let pk_order: Vec<(ColumnIdx, Order)>;
    let order = if s.order_by.is_empty() {
        pk_order = s.model.primary_key.iter().map(|&c| (c, Order::Asc)).collect();
        &pk_order
    } else {
        &s.order_by
    };
    w.order_terms(s.model, order);
    w.sql.push_str(") AS ");
    w.ident("__orm_rn");
    w.sql.push_str(" FROM ");
    w.table(s.model);
    w.where_clause(s.model, &s.filter);
    w.sql.push_str(") AS ");
    w.ident("__orm_t");
    w.sql.push_str(" WHERE ");
    w.ident("__orm_rn");
    w.sql.push_str(" > ");
    let clamp = |n: u64| Value::BigInt(i64::try_from(n).unwrap_or(i64::MAX));
    w.param(clamp(related.skip), None);
    if let Some(take) = related.take {
        w.sql.push_str(" AND ");
        w.ident("__orm_rn");
        w.sql.push_str(" <= ");
        w.param(clamp(related.skip.saturating_add(take)), None);
    }
    w.sql.push_str(" ORDER BY ");
    w.ident("__orm_rn");
    Statement { sql: w.sql, params: w.params }
}

struct Writer {
    dialect: Dialect,
    sql: String,
    params: Vec<Value>,
}

impl Writer {
    fn ident(&mut self, ident: &str) {
        self.dialect.quote_into(ident, &mut self.sql);
    }

    fn table(&mut self, model: &ModelMeta) {
        if let Some(schema) = model.schema {
            self.ident(schema);
            self.sql.push('.');
        }
        self.ident(model.table);
    }

    /// Pushes a placeholder for `value`; on PostgreSQL, enum parameters get `::"Type"`.
    fn param(&mut self, value: Value, column: Option<&ColumnMeta>) {
        self.params.push(value);
        match self.dialect {
            Dialect::Postgres => {
                let _ = write!(self.sql, "${}", self.params.len());
                if let Some(ColumnMeta { ty: ColumnType::Enum(ty), list, .. }) = column {
                    self.sql.push_str("::");
                    self.ident(ty);
                    if *list {
                        self.sql.push_str("[]");
                    }
                }
            }
            Dialect::MySql | Dialect::Sqlite => self.sql.push('?'),
        }
    }

    /// Pushes a placeholder for an array of `column`'s element type (PostgreSQL `ANY`/`ALL`).
    fn array_param(&mut self, values: Vec<Value>, column: Option<&ColumnMeta>) {
        self.params.push(Value::List(values));
        let _ = write!(self.sql, "${}", self.params.len());
        if let Some(ColumnMeta { ty: ColumnType::Enum(ty), .. }) = column {
            self.sql.push_str("::");
            self.ident(ty);
            self.sql.push_str("[]");
        }
    }

    fn column_name(&mut self, model: &ModelMeta, idx: ColumnIdx) {
        let name = model.columns.get(usize::from(idx)).map_or("", |c| c.column);
        self.ident(name);
    }

    /// The select list: every column in order; PostgreSQL enums are read as text.
    fn columns(&mut self, model: &ModelMeta) {
        for (i, col) in model.columns.iter().enumerate() {
            if i > 0 {
                self.sql.push_str(", ");
            }
            self.ident(col.column);
            if self.dialect == Dialect::Postgres && matches!(col.ty, ColumnType::Enum(_)) {
                self.sql.push_str(if col.list { "::text[] AS " } else { "::text AS " });
                self.ident(col.column);
            }
        }
    }

    fn returning(&mut self, model: &ModelMeta) {
        self.sql.push_str(" RETURNING ");
        self.columns(model);
    }

    fn where_clause(&mut self, model: &ModelMeta, filter: &Option<FilterNode>) {
        if let Some(filter) = filter {
            self.sql.push_str(" WHERE ");
            self.filter(model, filter);
        }
    }

    fn filter(&mut self, model: &ModelMeta, node: &FilterNode) {
        match node {
            FilterNode::Compare { column, op, value } => self.compare(model, *column, *op, value),
            FilterNode::In { column, values, negated } => self.in_list(model, *column, values, *negated),
            FilterNode::IsNull { column, negated } => {
                self.column_name(model, *column);
                self.sql.push_str(if *negated { " IS NOT NULL" } else { " IS NULL" });
            }
            FilterNode::Like { column, kind, value } => {
                self.column_name(model, *column);
                self.sql.push_str(" LIKE ");
                self.param(Value::String(like_pattern(*kind, value)), None);
                self.sql.push_str(self.dialect.like_escape_clause());
            }
            FilterNode::And(nodes) => self.junction(model, nodes, " AND ", "1 = 1"),
            FilterNode::Or(nodes) => self.junction(model, nodes, " OR ", "1 = 0"),
            FilterNode::Not(inner) => {
                self.sql.push_str("NOT (");
                self.filter(model, inner);
                self.sql.push(')');
            }
        }
    }

    fn junction(&mut self, model: &ModelMeta, nodes: &[FilterNode], op: &str, empty: &str) {
        match nodes {
            [] => self.sql.push_str(empty),
            [one] => self.filter(model, one),
            _ => {
                self.sql.push('(');
                for (i, node) in nodes.iter().enumerate() {
                    if i > 0 {
                        self.sql.push_str(op);
                    }
                    self.filter(model, node);
                }
                self.sql.push(')');
            }
        }
    }

    fn compare(&mut self, model: &ModelMeta, column: ColumnIdx, op: CompareOp, value: &Value) {
        let meta = model.columns.get(usize::from(column));
        if *value == Value::Null {
            self.column_name(model, column);
            match op {
                CompareOp::NotEquals => self.sql.push_str(" IS NOT NULL"),
                _ => self.sql.push_str(" IS NULL"),
            }
            return;
        }
        if op == CompareOp::NotEquals {
            // NULL-safe inequality: a NULL column matches `not value`, as in Prisma.
            match self.dialect {
                Dialect::Postgres => {
                    // https://www.postgresql.org/docs/current/functions-comparison.html
                    self.column_name(model, column);
                    self.sql.push_str(" IS DISTINCT FROM ");
                    self.param(value.clone(), meta);
                }
                Dialect::Sqlite => {
                    // https://www.sqlite.org/lang_expr.html#isisnot
                    self.column_name(model, column);
                    self.sql.push_str(" IS NOT ");
                    self.param(value.clone(), meta);
                }
                Dialect::MySql => {
                    // https://dev.mysql.com/doc/refman/8.0/en/comparison-operators.html#operator_equal-to
                    self.sql.push_str("NOT (");
                    self.column_name(model, column);
                    self.sql.push_str(" <=> ");
                    self.param(value.clone(), meta);
                    self.sql.push(')');
                }
            }
            return;
        }
        self.column_name(model, column);
        self.sql.push_str(match op {
            CompareOp::Equals => " = ",
            CompareOp::Lt => " < ",
            CompareOp::Lte => " <= ",
            CompareOp::Gt => " > ",
            CompareOp::Gte => " >= ",
            CompareOp::NotEquals => " <> ",
        });
        self.param(value.clone(), meta);
    }

    fn in_list(&mut self, model: &ModelMeta, column: ColumnIdx, values: &[Value], negated: bool) {
        let meta = model.columns.get(usize::from(column));
        if self.dialect == Dialect::Postgres {
            // One array parameter whatever the list length, so the statement text is constant:
            // https://www.postgresql.org/docs/current/functions-comparisons.html#FUNCTIONS-COMPARISONS-ANY-SOME
            // An empty array makes `= ANY` false and `<> ALL` true.
            self.column_name(model, column);
            self.sql.push_str(if negated { " <> ALL(" } else { " = ANY(" });
            self.array_param(values.to_vec(), meta);
            self.sql.push(')');
            return;
        }
        if values.is_empty() {
            self.sql.push_str(if negated { "1 = 1" } else { "1 = 0" });
            return;
        }
        self.column_name(model, column);
        self.sql.push_str(if negated { " NOT IN (" } else { " IN (" });
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.sql.push_str(", ");
            }
            self.param(v.clone(), meta);
        }
        self.sql.push(')');
    }

    fn order_terms(&mut self, model: &ModelMeta, terms: &[(ColumnIdx, Order)]) {
        for (i, (column, order)) in terms.iter().enumerate() {
            if i > 0 {
                self.sql.push_str(", ");
            }
            self.column_name(model, *column);
            self.sql.push_str(match order {
                Order::Asc => " ASC",
                Order::Desc => " DESC",
            });
        }
    }

    fn select(&mut self, s: &Select) {
        self.select_unpaged(s);
        let clamp = |n: u64| Value::BigInt(i64::try_from(n).unwrap_or(i64::MAX));
        match (s.take, s.skip) {
            (Some(take), skip) => {
                self.sql.push_str(" LIMIT ");
                self.param(clamp(take), None);
                if let Some(skip) = skip {
                    self.sql.push_str(" OFFSET ");
                    self.param(clamp(skip), None);
                }
            }
            (None, Some(skip)) => {
                // SQLite and MySQL need a LIMIT before OFFSET:
                // https://www.sqlite.org/lang_select.html#limitoffset ("negative LIMIT: no upper bound"),
                // https://dev.mysql.com/doc/refman/8.0/en/select.html ("some large number").
                match self.dialect {
                    Dialect::Sqlite => self.sql.push_str(" LIMIT -1"),
                    Dialect::MySql => self.sql.push_str(" LIMIT 18446744073709551615"),
                    Dialect::Postgres => {}
                }
                self.sql.push_str(" OFFSET ");
                self.param(clamp(skip), None);
            }
            (None, None) => {}
        }
    }

    /// `SELECT columns FROM table [WHERE …] [ORDER BY …]`: `s` without its `take`/`skip`.
    fn select_unpaged(&mut self, s: &Select) {
        self.sql.push_str("SELECT ");
        self.columns(s.model);
        self.sql.push_str(" FROM ");
        self.table(s.model);
        self.where_clause(s.model, &s.filter);
        if !s.order_by.is_empty() {
            self.sql.push_str(" ORDER BY ");
            self.order_terms(s.model, &s.order_by);
        }
    }

    fn insert(&mut self, i: &Insert) {
        self.sql.push_str("INSERT INTO ");
        self.table(i.model);
        if i.values.is_empty() {
            // https://www.postgresql.org/docs/current/sql-insert.html, https://www.sqlite.org/lang_insert.html;
            // MySQL has no DEFAULT VALUES but accepts an empty column list.
            match self.dialect {
                Dialect::MySql => self.sql.push_str(" () VALUES ()"),
                Dialect::Postgres | Dialect::Sqlite => self.sql.push_str(" DEFAULT VALUES"),
            }
        } else {
            self.sql.push_str(" (");
            for (n, (column, _)) in i.values.iter().enumerate() {
                if n > 0 {
                    self.sql.push_str(", ");
                }
                self.column_name(i.model, *column);
            }
            self.sql.push_str(") VALUES (");
            for (n, (column, value)) in i.values.iter().enumerate() {
                if n > 0 {
                    self.sql.push_str(", ");
                }
                self.param(value.clone(), i.model.columns.get(usize::from(*column)));
            }
            self.sql.push(')');
        }
        self.returning(i.model);
    }

    fn update(&mut self, u: &Update) {
        self.sql.push_str("UPDATE ");
        self.table(u.model);
        self.sql.push_str(" SET ");
        if u.sets.is_empty() {
            // Nothing to change: assign the first primary key column to itself.
            let pk = u.model.primary_key.first().copied().unwrap_or(0);
            self.column_name(u.model, pk);
            self.sql.push_str(" = ");
            self.column_name(u.model, pk);
        }
        for (n, (column, op)) in u.sets.iter().enumerate() {
            if n > 0 {
                self.sql.push_str(", ");
            }
            let meta = u.model.columns.get(usize::from(*column));
            self.column_name(u.model, *column);
            self.sql.push_str(" = ");
            let (operator, value) = match op {
                SetOp::Set(v) => ("", v),
                SetOp::Increment(v) => (" + ", v),
                SetOp::Decrement(v) => (" - ", v),
                SetOp::Multiply(v) => (" * ", v),
                SetOp::Divide(v) => (" / ", v),
            };
            if !operator.is_empty() {
                self.column_name(u.model, *column);
                self.sql.push_str(operator);
            }
            self.param(value.clone(), meta);
        }
        self.where_clause(u.model, &u.filter);
        if u.returning && self.dialect.update_returning() {
            self.returning(u.model);
        }
    }

    fn delete(&mut self, d: &Delete) {
        self.sql.push_str("DELETE FROM ");
        self.table(d.model);
        self.where_clause(d.model, &d.filter);
        if d.returning {
            self.returning(d.model);
        }
    }

    fn count(&mut self, c: &Count) {
        // COUNT(*), not COUNT(column): it allows index-only scans.
        self.sql.push_str("SELECT COUNT(*) FROM ");
        self.table(c.model);
        self.where_clause(c.model, &c.filter);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_doubles_embedded_quotes() {
        assert_eq!(Dialect::Postgres.quote(r#"a"b"#), r#""a""b""#);
        assert_eq!(Dialect::Sqlite.quote(r#"a"b"#), r#""a""b""#);
        assert_eq!(Dialect::MySql.quote("a`b"), "`a``b`");
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern(LikeKind::Contains, r"50%_a\b"), r"%50\%\_a\\b%");
        assert_eq!(like_pattern(LikeKind::StartsWith, "ab"), "ab%");
        assert_eq!(like_pattern(LikeKind::EndsWith, "ab"), "%ab");
    }
}
