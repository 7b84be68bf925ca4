//! Execution tests against a real PostgreSQL (`ORM_TEST_POSTGRES_URL`), one schema per test.

mod common;

use common::{Role, User, user};
use orm_query_engine::{Client, Error};

backend_tests!(common::postgres, "pg": create_with_defaults, scalar_round_trip, find_unique, filter_operators, order_skip_take, include_to_many, include_to_one, update_one, delete_and_count, constraint_errors, like_escaping, injection_stays_value, statement_is_inspectable,
    transactions,
    create_many,
    include_with_options,);

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

/// `model Tagged { id Int @id @default(autoincrement())  tags String[]  roles Role[]  nums Int[] }`,
/// written as codegen writes it.
mod tagged {
    use orm_query_engine::meta::{ColumnDefault, ColumnMeta, ColumnType, ModelMeta};
    use orm_query_engine::query::ColumnIdx;
    use orm_query_engine::row::RowReader;
    use orm_query_engine::typed::{CreateInput, Field, Model, Unique};
    use orm_query_engine::value::{ToValue, Value};

    use super::Role;

    #[derive(Debug, Clone, PartialEq)]
    pub struct Tagged {
        pub id: i32,
        pub tags: Vec<String>,
        pub roles: Vec<Role>,
        pub nums: Vec<i32>,
    }

    impl Model for Tagged {
        const META: &'static ModelMeta = &META;
        type Create = Create;
        fn from_row(row: &mut RowReader<'_>) -> orm_query_engine::Result<Self> {
            Ok(Tagged { id: row.next()?, tags: row.next()?, roles: row.next()?, nums: row.next()? })
        }
    }

    const fn list(name: &'static str, ty: ColumnType) -> ColumnMeta {
        ColumnMeta {
            name,
            column: name,
            ty,
            nullable: false,
            list: true,
            default: ColumnDefault::None,
            updated_at: false,
        }
    }

    pub const META: ModelMeta = ModelMeta {
        name: "Tagged",
        table: "Tagged",
        schema: None,
        columns: &[
            ColumnMeta {
                name: "id",
                column: "id",
                ty: ColumnType::Int,
                nullable: false,
                list: false,
                default: ColumnDefault::Database,
                updated_at: false,
            },
            list("tags", ColumnType::String),
            list("roles", ColumnType::Enum("Role")),
            list("nums", ColumnType::Int),
        ],
        primary_key: &[0],
        unique_criteria: &[&[0]],
    };

    pub const fn id() -> Field<Tagged, i32, Unique> {
        Field::new(0)
    }
    pub const fn tags() -> Field<Tagged, Vec<String>> {
        Field::new(1)
    }
    pub const fn roles() -> Field<Tagged, Vec<Role>> {
        Field::new(2)
    }

    pub struct Create {
        pub tags: Vec<String>,
        pub roles: Vec<Role>,
        pub nums: Vec<i32>,
    }

    impl CreateInput<Tagged> for Create {
        fn into_values(self, out: &mut Vec<(ColumnIdx, Value)>) {
            out.push((1, self.tags.to_value()));
            out.push((2, self.roles.to_value()));
            out.push((3, self.nums.to_value()));
        }
    }
}

/// Scalar lists are PostgreSQL arrays, enum arrays included.
#[tokio::test]
async fn scalar_lists() {
    use tagged::Tagged;
    let Some(client) = common::postgres("pg_scalar_lists").await else { return };
    client
        .execute_raw(r#"CREATE TABLE "Tagged" ("id" SERIAL PRIMARY KEY, "tags" TEXT[], "roles" "Role"[], "nums" INTEGER[])"#)
        .await
        .expect("create table");
    let created = client
        .actions::<Tagged>()
        .create(tagged::Create {
            tags: vec!["a".into(), "b,\"c\"".into()],
            roles: vec![Role::Admin, Role::User],
            nums: vec![3, -1],
        })
        .await
        .expect("create");
    assert_eq!(created.tags, ["a", "b,\"c\""]);
    assert_eq!(created.roles, [Role::Admin, Role::User]);
    assert_eq!(created.nums, [3, -1]);
    let updated = client
        .actions::<Tagged>()
        .update(
            tagged::id().equals(created.id),
            [tagged::tags().set(Vec::<String>::new()), tagged::roles().set(vec![Role::User])],
        )
        .await
        .expect("update");
    assert!(updated.tags.is_empty());
    assert_eq!(updated.roles, [Role::User]);
    let found = client
        .actions::<Tagged>()
        .find_many()
        .filter(tagged::roles().equals(vec![Role::User]))
        .await
        .expect("find");
    assert_eq!(found, [updated]);
}

/// Prisma URLs: `?schema=` selects the schema (quoted, so any name works) and
/// `connection_limit` sizes the pool.
#[tokio::test]
async fn prisma_schema_parameter() {
    let Some(url) = common::backend_url("ORM_TEST_POSTGRES_URL") else { return };
    let schema = format!("qe_Prisma Schema_{}", std::process::id());
    let admin = Client::connect(&url).await.expect("connect");
    admin
        .execute_raw(&format!(
            "DROP SCHEMA IF EXISTS \"{schema}\" CASCADE; CREATE SCHEMA \"{schema}\"; SET search_path TO \"{schema}\"; {} RESET search_path;",
            common::ddl(orm_query_engine::dialect::Dialect::Postgres)
        ))
        .await
        .expect("create schema");
    let sep = if url.contains('?') { '&' } else { '?' };
    let client =
        Client::connect(&format!("{url}{sep}schema={}&connection_limit=2", schema.replace(' ', "%20")))
            .await
            .expect("connect with schema");
    client.actions::<User>().create(user::create("in-schema@example.com")).await.expect("create");
    assert_eq!(client.actions::<User>().count().await.expect("count"), 1);
    admin.execute_raw(&format!("DROP SCHEMA \"{schema}\" CASCADE")).await.expect("drop");
}

/// A cached prepared statement whose result type changed (`ALTER COLUMN … TYPE`) is prepared
/// again instead of failing.
#[tokio::test]
async fn stale_prepared_statement_is_reprepared() {
    use common::{Post, post};
    let Some(client) = common::postgres("pg_stale_plan").await else { return };
    let (users, _) = common::scenarios::seed(&client).await;
    let before = client
        .actions::<Post>()
        .find_many()
        .filter(post::author_id().equals(users[0].id))
        .await
        .expect("first");
    client.execute_raw(r#"ALTER TABLE "Post" ALTER COLUMN "views" TYPE INTEGER"#).await.expect("alter");
    let after = client
        .actions::<Post>()
        .find_many()
        .filter(post::author_id().equals(users[0].id))
        .await
        .expect("after alter");
    assert_eq!(before, after);
}
