//! SQL rendering per dialect: small queries built through the typed API, compared as exact
//! strings (with their parameters).

mod common;

use common::{Post, Role, User, post, user};
use orm_query_engine::dialect::{Dialect, max_params, render, render_insert_many, render_related};
use orm_query_engine::meta::{ColumnDefault, ColumnMeta, ColumnType, ModelMeta};
use orm_query_engine::query::{
    Count, Delete, FilterNode, Insert, InsertMany, Order, Query, RelatedSelect, Select, SetOp, Statement,
    Update,
};
use orm_query_engine::typed::{Filter, Model, Set};
use orm_query_engine::value::Value;

const PG: Dialect = Dialect::Postgres;
const MY: Dialect = Dialect::MySql;
const LITE: Dialect = Dialect::Sqlite;

const USER_COLS_PG: &str = r#""id", "email", "name", "role"::text AS "role", "score", "balance", "data", "avatar", "created_at", "updatedAt""#;
const USER_COLS_LITE: &str =
    r#""id", "email", "name", "role", "score", "balance", "data", "avatar", "created_at", "updatedAt""#;
const USER_COLS_MY: &str =
    "`id`, `email`, `name`, `role`, `score`, `balance`, `data`, `avatar`, `created_at`, `updatedAt`";
const POST_COLS_PG: &str = r#""id", "title", "published", "views", "authorId", "editorId""#;
const POST_COLS_MY: &str = "`id`, `title`, `published`, `views`, `authorId`, `editorId`";

fn select<M: Model>(filter: Option<Filter<M>>) -> Select {
    Select { model: M::META, filter: filter.map(|f| f.node), order_by: Vec::new(), skip: None, take: None }
}

fn sel(dialect: Dialect, s: Select) -> Statement {
    render(dialect, &Query::Select(s))
}

fn where_sql<M: Model>(dialect: Dialect, filter: impl Into<Filter<M>>) -> (String, Vec<Value>) {
    let stmt = sel(dialect, select::<M>(Some(filter.into())));
    let sql = stmt.sql.split_once(" WHERE ").map(|(_, w)| w.to_owned()).unwrap_or_default();
    (sql, stmt.params)
}

fn s(v: &str) -> Value {
    Value::String(v.to_owned())
}

#[test]
fn select_1_all_columns_in_order() {
    assert_eq!(sel(PG, select::<User>(None)).sql, format!(r#"SELECT {USER_COLS_PG} FROM "User""#));
    assert_eq!(sel(LITE, select::<User>(None)).sql, format!(r#"SELECT {USER_COLS_LITE} FROM "User""#));
    assert_eq!(sel(MY, select::<User>(None)).sql, format!("SELECT {USER_COLS_MY} FROM `User`"));
}

#[test]
fn select_2_equals() {
    assert_eq!(where_sql(PG, post::title().equals("a")), (r#""title" = $1"#.to_owned(), vec![s("a")]));
    assert_eq!(where_sql(LITE, post::title().equals("a")), (r#""title" = ?"#.to_owned(), vec![s("a")]));
    assert_eq!(where_sql(MY, post::title().equals("a")), ("`title` = ?".to_owned(), vec![s("a")]));
}

#[test]
fn select_3_not_is_null_safe() {
    assert_eq!(where_sql(PG, post::title().not("a")).0, r#""title" IS DISTINCT FROM $1"#);
    assert_eq!(where_sql(LITE, post::title().not("a")).0, r#""title" IS NOT ?"#);
    assert_eq!(where_sql(MY, post::title().not("a")).0, "NOT (`title` <=> ?)");
}

#[test]
fn select_4_comparisons() {
    let f = post::views()
        .gt(1_i64)
        .and(post::views().lte(9_i64))
        .and(post::views().lt(5_i64).or(post::views().gte(7_i64)));
    assert_eq!(
        where_sql(PG, f.clone()),
        (
            r#"("views" > $1 AND "views" <= $2 AND ("views" < $3 OR "views" >= $4))"#.to_owned(),
            vec![Value::BigInt(1), Value::BigInt(9), Value::BigInt(5), Value::BigInt(7)]
        )
    );
    assert_eq!(where_sql(MY, f).0, "(`views` > ? AND `views` <= ? AND (`views` < ? OR `views` >= ?))");
}

#[test]
fn select_5_in_is_one_array_on_postgres() {
    assert_eq!(
        where_sql(PG, user::id().in_([1, 2, 3])),
        (
            r#""id" = ANY($1)"#.to_owned(),
            vec![Value::List(vec![Value::Int(1), Value::Int(2), Value::Int(3)])]
        )
    );
    assert_eq!(where_sql(PG, user::id().in_([7])).0, where_sql(PG, user::id().in_([1, 2, 3])).0);
    assert_eq!(where_sql(PG, user::id().not_in([1])).0, r#""id" <> ALL($1)"#);
}

#[test]
fn select_6_in_with_placeholders_elsewhere() {
    assert_eq!(
        where_sql(LITE, user::id().in_([1, 2])),
        (r#""id" IN (?, ?)"#.to_owned(), vec![Value::Int(1), Value::Int(2)])
    );
    assert_eq!(where_sql(MY, user::id().not_in([1, 2, 3])).0, "`id` NOT IN (?, ?, ?)");
}

#[test]
fn select_7_empty_in_lists() {
    let empty: Vec<i32> = Vec::new();
    assert_eq!(where_sql(LITE, user::id().in_(empty.clone())), ("1 = 0".to_owned(), vec![]));
    assert_eq!(where_sql(MY, user::id().not_in(empty.clone())), ("1 = 1".to_owned(), vec![]));
    // PostgreSQL keeps the constant text: `= ANY('{}')` is false, `<> ALL('{}')` true.
    assert_eq!(
        where_sql(PG, user::id().in_(empty)),
        (r#""id" = ANY($1)"#.to_owned(), vec![Value::List(vec![])])
    );
}

#[test]
fn select_8_like_escapes_wildcards() {
    assert_eq!(
        where_sql(PG, post::title().contains(r"50%_\")),
        (r#""title" LIKE $1 ESCAPE '\'"#.to_owned(), vec![s(r"%50\%\_\\%")])
    );
    assert_eq!(
        where_sql(LITE, post::title().starts_with("a_")),
        (r#""title" LIKE ? ESCAPE '\'"#.to_owned(), vec![s(r"a\_%")])
    );
    assert_eq!(
        where_sql(MY, post::title().ends_with("%")),
        (r"`title` LIKE ? ESCAPE '\\'".to_owned(), vec![s(r"%\%")])
    );
}

#[test]
fn select_9_null_checks() {
    assert_eq!(where_sql(PG, user::name().is_null()), (r#""name" IS NULL"#.to_owned(), vec![]));
    assert_eq!(where_sql(MY, user::name().is_not_null()).0, "`name` IS NOT NULL");
}

#[test]
fn select_10_not_and_empty_junctions() {
    assert_eq!(where_sql(LITE, !post::published().equals(true)).0, r#"NOT ("published" = ?)"#);
    assert_eq!(where_sql(PG, Filter::<Post>::all([])).0, "1 = 1");
    assert_eq!(where_sql(PG, Filter::<Post>::any([])).0, "1 = 0");
}

#[test]
fn select_11_enum_params_are_cast_on_postgres() {
    assert_eq!(
        where_sql(PG, user::role().equals(Role::Admin)),
        (r#""role" = $1::"Role""#.to_owned(), vec![Value::Enum("ADMIN")])
    );
    assert_eq!(where_sql(PG, user::role().in_([Role::User])).0, r#""role" = ANY($1::"Role"[])"#);
    assert_eq!(where_sql(MY, user::role().equals(Role::Admin)).0, "`role` = ?");
}

#[test]
fn select_12_order_limit_offset() {
    let mut q = select::<Post>(None);
    q.order_by = vec![(1, Order::Asc), (3, Order::Desc)];
    q.take = Some(20);
    q.skip = Some(40);
    let stmt = sel(PG, q.clone());
    assert_eq!(
        stmt.sql,
        format!(r#"SELECT {POST_COLS_PG} FROM "Post" ORDER BY "title" ASC, "views" DESC LIMIT $1 OFFSET $2"#)
    );
    assert_eq!(stmt.params, vec![Value::BigInt(20), Value::BigInt(40)]);
    assert_eq!(
        sel(MY, q).sql,
        format!("SELECT {POST_COLS_MY} FROM `Post` ORDER BY `title` ASC, `views` DESC LIMIT ? OFFSET ?")
    );
}

#[test]
fn select_13_offset_without_limit() {
    let mut q = select::<Post>(None);
    q.skip = Some(5);
    assert!(sel(PG, q.clone()).sql.ends_with(r#"FROM "Post" OFFSET $1"#));
    assert!(sel(LITE, q.clone()).sql.ends_with(r#"FROM "Post" LIMIT -1 OFFSET ?"#));
    assert!(sel(MY, q).sql.ends_with("FROM `Post` LIMIT 18446744073709551615 OFFSET ?"));
}

#[test]
fn select_14_values_never_in_sql() {
    let evil = r#"'; DROP TABLE "User"; --"#;
    let stmt = sel(PG, select::<User>(Some(user::email().equals(evil).into())));
    assert!(!stmt.sql.contains("DROP"));
    assert_eq!(stmt.params, vec![s(evil)]);
}

static QUOTED_COLUMNS: [ColumnMeta; 1] = [ColumnMeta {
    name: "weird",
    column: r#"we"ird`col"#,
    ty: ColumnType::Int,
    nullable: false,
    list: false,
    default: ColumnDefault::None,
    updated_at: false,
}];
static QUOTED: ModelMeta = ModelMeta {
    name: "Quoted",
    table: r#"ta"ble`"#,
    schema: Some("my schema"),
    columns: &QUOTED_COLUMNS,
    primary_key: &[0],
    unique_criteria: &[&[0]],
};

#[test]
fn select_15_identifiers_double_embedded_quotes() {
    let q = Select { model: &QUOTED, filter: None, order_by: vec![], skip: None, take: None };
    assert_eq!(sel(PG, q.clone()).sql, r#"SELECT "we""ird`col" FROM "my schema"."ta""ble`""#);
    assert_eq!(sel(MY, q).sql, "SELECT `we\"ird``col` FROM `my schema`.`ta\"ble```");
}

#[test]
fn count_1_star() {
    let c = Query::Count(Count { model: Post::META, filter: Some(post::published().equals(true).node) });
    assert_eq!(render(PG, &c).sql, r#"SELECT COUNT(*) FROM "Post" WHERE "published" = $1"#);
    assert_eq!(render(MY, &c).sql, "SELECT COUNT(*) FROM `Post` WHERE `published` = ?");
}

#[test]
fn insert_1_returning_all_columns() {
    let i = Query::Insert(Insert { model: Post::META, values: vec![(1, s("t")), (4, Value::Int(1))] });
    assert_eq!(
        render(PG, &i).sql,
        format!(r#"INSERT INTO "Post" ("title", "authorId") VALUES ($1, $2) RETURNING {POST_COLS_PG}"#)
    );
    assert_eq!(
        render(MY, &i).sql,
        format!("INSERT INTO `Post` (`title`, `authorId`) VALUES (?, ?) RETURNING {POST_COLS_MY}")
    );
    assert_eq!(render(LITE, &i).params, vec![s("t"), Value::Int(1)]);
}

#[test]
fn insert_2_enum_cast_and_default_values() {
    let i = Query::Insert(Insert { model: User::META, values: vec![(3, Value::Enum("ADMIN"))] });
    assert!(
        render(PG, &i).sql.starts_with(r#"INSERT INTO "User" ("role") VALUES ($1::"Role") RETURNING "id""#)
    );
    let empty = Query::Insert(Insert { model: Post::META, values: vec![] });
    assert!(render(PG, &empty).sql.starts_with(r#"INSERT INTO "Post" DEFAULT VALUES RETURNING"#));
    assert!(render(LITE, &empty).sql.starts_with(r#"INSERT INTO "Post" DEFAULT VALUES RETURNING"#));
    assert!(render(MY, &empty).sql.starts_with("INSERT INTO `Post` () VALUES () RETURNING"));
}

fn update(filter: Option<FilterNode>, sets: Vec<Set<Post>>, returning: bool) -> Query {
    Query::Update(Update {
        model: Post::META,
        filter,
        sets: sets.into_iter().map(|s| (s.column, s.op)).collect(),
        returning,
    })
}

#[test]
fn update_1_sets_and_returning() {
    let u = update(
        Some(post::id().equals("p1").node),
        vec![post::title().set("new"), post::views().increment(2_i64), post::views().decrement(1_i64)],
        true,
    );
    let stmt = render(PG, &u);
    assert_eq!(
        stmt.sql,
        format!(
            r#"UPDATE "Post" SET "title" = $1, "views" = "views" + $2, "views" = "views" - $3 WHERE "id" = $4 RETURNING {POST_COLS_PG}"#
        )
    );
    assert_eq!(stmt.params, vec![s("new"), Value::BigInt(2), Value::BigInt(1), s("p1")]);
}

#[test]
fn update_2_no_returning_on_mysql() {
    let u = update(Some(post::id().equals("p1").node), vec![post::title().set("x")], true);
    assert_eq!(render(MY, &u).sql, "UPDATE `Post` SET `title` = ? WHERE `id` = ?");
    assert!(
        render(LITE, &u)
            .sql
            .ends_with(r#"RETURNING "id", "title", "published", "views", "authorId", "editorId""#)
    );
}

#[test]
fn update_3_many_without_returning() {
    let u = update(Some(post::published().equals(false).node), vec![post::published().set(true)], false);
    assert_eq!(render(PG, &u).sql, r#"UPDATE "Post" SET "published" = $1 WHERE "published" = $2"#);
    let raw = Query::Update(Update {
        model: Post::META,
        filter: None,
        sets: vec![(3, SetOp::Multiply(Value::BigInt(2))), (3, SetOp::Divide(Value::BigInt(3)))],
        returning: false,
    });
    assert_eq!(render(LITE, &raw).sql, r#"UPDATE "Post" SET "views" = "views" * ?, "views" = "views" / ?"#);
}

#[test]
fn delete_1_returning_and_many() {
    let one = Query::Delete(Delete {
        model: Post::META,
        filter: Some(post::id().equals("p").node),
        returning: true,
    });
    assert_eq!(
        render(PG, &one).sql,
        format!(r#"DELETE FROM "Post" WHERE "id" = $1 RETURNING {POST_COLS_PG}"#)
    );
    let many = Query::Delete(Delete {
        model: Post::META,
        filter: Some(post::views().gt(3_i64).node),
        returning: false,
    });
    assert_eq!(render(MY, &many).sql, "DELETE FROM `Post` WHERE `views` > ?");
}

#[test]
fn insert_many_1_rows_of_placeholders() {
    let batch = |rows: usize| InsertMany {
        model: Post::META,
        columns: vec![1, 4],
        rows: (0..rows).map(|i| vec![s(&format!("t{i}")), Value::Int(1)]).collect(),
    };
    let stmt = render_insert_many(PG, batch(2));
    assert_eq!(stmt.sql, r#"INSERT INTO "Post" ("title", "authorId") VALUES ($1, $2), ($3, $4)"#);
    assert_eq!(stmt.params, vec![s("t0"), Value::Int(1), s("t1"), Value::Int(1)]);
    assert_eq!(
        render_insert_many(MY, batch(1)).sql,
        "INSERT INTO `Post` (`title`, `authorId`) VALUES (?, ?)"
    );
    assert_eq!(max_params(LITE), 32_766);
}

#[test]
fn related_1_window_per_parent() {
    let mut q = select::<Post>(Some(post::author_id().in_([1, 2])));
    q.order_by = vec![(1, Order::Desc)];
    let related = RelatedSelect { select: q.clone(), partition_by: vec![4], skip: 0, take: Some(10) };
    let stmt = render_related(PG, &related);
    assert_eq!(
        stmt.sql,
        format!(
            r#"SELECT {POST_COLS_PG} FROM (SELECT {POST_COLS_PG}, ROW_NUMBER() OVER (PARTITION BY "authorId" ORDER BY "title" DESC) AS "__orm_rn" FROM "Post" WHERE "authorId" = ANY($1)) AS "__orm_t" WHERE "__orm_rn" > $2 AND "__orm_rn" <= $3 ORDER BY "__orm_rn""#
        )
    );
    assert_eq!(stmt.params[1..], [Value::BigInt(0), Value::BigInt(10)]);
    let plain = RelatedSelect { select: q, partition_by: vec![4], skip: 0, take: None };
    assert_eq!(
        render_related(LITE, &plain).sql,
        r#"SELECT "id", "title", "published", "views", "authorId", "editorId" FROM "Post" WHERE "authorId" IN (?, ?) ORDER BY "title" DESC"#
    );
}
