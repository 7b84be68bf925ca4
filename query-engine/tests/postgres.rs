//! Execution tests against a real PostgreSQL (`ORM_TEST_POSTGRES_URL`), one schema per test.

mod common;

use common::{Role, User, user};
use orm_query_engine::{Client, Error};

backend_tests!(common::postgres, "pg": create_with_defaults, scalar_round_trip, find_unique, filter_operators, order_skip_take, include_to_many, include_to_one, update_one, delete_and_count, constraint_errors, like_escaping, injection_stays_value, statement_is_inspectable,);

/// Enum columns use the native type; parameters are cast and values read back as text.
#[tokio::test]
async fn native_enum() {
    let Some(client) = common::postgres("pg_native_enum").await else { return };
    let u = client
        .actions::<User>()
        .create(user::Create { role: Some(Role::Admin), ..user::create("e@x") })
        .await
        .expect("create");
    assert_eq!(u.role, Role::Admin);
    let stmt = client.actions::<User>().find_many().filter(user::role().equals(Role::Admin)).statement();
    assert!(stmt.sql.contains(r#"$1::"Role""#), "{}", stmt.sql);
    assert!(stmt.sql.contains(r#""role"::text"#), "{}", stmt.sql);
    let n = client
        .actions::<User>()
        .count()
        .filter(user::role().in_([Role::Admin, Role::User]))
        .await
        .expect("count");
    assert_eq!(n, 1);
    let updated = client
        .actions::<User>()
        .update(user::id().equals(u.id), [user::role().set(Role::User)])
        .await
        .expect("update");
    assert_eq!(updated.role, Role::User);
    // A label the enum type does not have is rejected by the database, as a value.
    let err = client.execute_raw(r#"INSERT INTO "User" (email, role, created_at, "updatedAt") VALUES ('z', 'OWNER', now(), now())"#).await;
    assert!(matches!(err, Err(Error::Database(_))), "{err:?}");
}

/// The SQL of an IN list does not depend on its length (one array parameter).
#[tokio::test]
async fn in_list_text_is_constant() {
    let Some(client) = common::postgres("pg_in_constant").await else { return };
    let one = client.actions::<User>().find_many().filter(user::id().in_([1])).statement();
    let three = client.actions::<User>().find_many().filter(user::id().in_([1, 2, 3])).statement();
    let none = client.actions::<User>().find_many().filter(user::id().in_(Vec::<i32>::new())).statement();
    assert_eq!(one.sql, three.sql);
    assert_eq!(one.sql, none.sql);
    assert_eq!(three.params.len(), 1);
    assert!(
        client
            .actions::<User>()
            .find_many()
            .filter(user::id().in_(Vec::<i32>::new()))
            .await
            .expect("empty in")
            .is_empty()
    );
}

/// A wrong password is a connection error whose message hides the password.
#[tokio::test]
async fn connect_error_redacts_password() {
    let Some(url) = common::backend_url("ORM_TEST_POSTGRES_URL") else { return };
    let _ = url;
    let err = Client::connect("postgres://nobody:hunter2@127.0.0.1:1/none").await.expect_err("refused");
    let text = err.to_string();
    assert!(matches!(err, Error::Connect { .. }), "{err:?}");
    assert!(!text.contains("hunter2") && text.contains("***"), "{text}");
}
