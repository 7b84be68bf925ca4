//! Execution tests against a real SQLite database file per test.

mod common;

backend_tests!(common::sqlite_some, "lite": create_with_defaults, scalar_round_trip, find_unique, filter_operators, order_skip_take, include_to_many, include_to_one, update_one, delete_and_count, constraint_errors, like_escaping, injection_stays_value, statement_is_inspectable,
    transactions,
    create_many,
    include_with_options,);

/// Prisma-style `file:` URLs work and create the file.
#[tokio::test]
async fn file_url_creates_database() {
    let path = std::env::temp_dir().join(format!("orm-qe-file-url-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let client =
        orm_query_engine::Client::connect(&format!("file:{}", path.display())).await.expect("connect");
    assert_eq!(client.dialect(), orm_query_engine::dialect::Dialect::Sqlite);
    client.execute_raw("CREATE TABLE t (id INTEGER PRIMARY KEY)").await.expect("create");
    assert!(path.exists());
}

/// Foreign keys are enforced on every pooled connection (`PRAGMA foreign_keys = ON`).
#[tokio::test]
async fn foreign_keys_on_every_connection() {
    let client = common::sqlite("fk_every_conn").await;
    let clients: Vec<_> = (0..4).map(|_| client.clone()).collect();
    let mut handles = Vec::new();
    for (i, c) in clients.into_iter().enumerate() {
        handles.push(tokio::spawn(async move {
            c.actions::<common::Post>().create(common::post::create(format!("p{i}"), 4242)).await
        }));
    }
    for h in handles {
        let result = h.await.expect("join");
        assert!(
            matches!(result, Err(orm_query_engine::Error::Database(ref e)) if e.kind == orm_query_engine::DbErrorKind::ForeignKeyViolation),
            "{result:?}"
        );
    }
}

#[tokio::test]
async fn unsupported_url_is_an_error() {
    let err = orm_query_engine::Client::connect("mongodb://u:secret@h/db").await.expect_err("unsupported");
    let text = err.to_string();
    assert!(text.contains("mongodb://u:***@h/db") && !text.contains("secret"), "{text}");
}

/// A stored value the Rust type cannot hold is a decode error naming model and column.
#[tokio::test]
async fn unknown_enum_value_is_a_decode_error() {
    use common::{User, user};
    let client = common::sqlite("decode_error").await;
    client
        .execute_raw(r#"INSERT INTO "User" ("email", "role", "created_at", "updatedAt") VALUES ('x@y', 'OWNER', '2024-01-01 00:00:00', 1704067200000)"#)
        .await
        .expect("insert raw");
    let err = client.actions::<User>().find_unique(user::email().equals("x@y")).await.expect_err("decode");
    match err {
        orm_query_engine::Error::Decode { model, column, message } => {
            assert_eq!((model, column.as_str()), ("User", "role"));
            assert!(message.contains("OWNER"), "{message}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    // Date-times stored as text or as Unix milliseconds (Prisma's SQLite layout) both decode.
    client.execute_raw(r#"UPDATE "User" SET "role" = 'USER'"#).await.expect("fix role");
    let u = client
        .actions::<User>()
        .find_unique(user::email().equals("x@y"))
        .await
        .expect("find")
        .expect("found");
    assert_eq!(u.created_at.to_rfc3339(), "2024-01-01T00:00:00+00:00");
    assert_eq!(u.updated_at, u.created_at);
}
