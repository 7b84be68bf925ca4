//! Scenarios every backend runs against a real database (see `backend_tests!`).

use orm_query_engine::dialect::Dialect;
use orm_query_engine::typed::{Field, Filter};
use orm_query_engine::types::{Decimal, Utc};
use orm_query_engine::{Client, DbErrorKind, Error};

use super::{Post, Role, User, assert_db_error, post, user};

/// Three users (one with NULL name and score) and four posts.
pub async fn seed(client: &Client) -> (Vec<User>, Vec<Post>) {
    let users = client.actions::<User>();
    let alice = users
        .create(user::Create {
            name: Some("Alice".into()),
            score: Some(10.5),
            balance: Some(Decimal::new(12345, 2)),
            role: Some(Role::Admin),
            ..user::create("alice@example.com")
        })
        .await
        .expect("create alice");
    let bob = users
        .create(user::Create {
            name: Some("Bob".into()),
            score: Some(3.0),
            ..user::create("bob@example.com")
        })
        .await
        .expect("create bob");
    let carol = users.create(user::create("carol@test.org")).await.expect("create carol");
    let posts = client.actions::<Post>();
    let mut created = Vec::new();
    for (title, author, editor, published) in [
        ("Rust 101", alice.id, Some(bob.id), true),
        ("Rust async", alice.id, None, false),
        ("SQL joins", bob.id, Some(alice.id), true),
        ("Nothing", alice.id, None, true),
    ] {
        let p = posts
            .create(post::Create {
                editor_id: editor,
                published: Some(published),
                ..post::create(title, author)
            })
            .await
            .expect("create post");
        created.push(p);
    }
    (vec![alice, bob, carol], created)
}

fn emails(users: &[User]) -> Vec<&str> {
    users.iter().map(|u| u.email.as_str()).collect()
}

pub async fn create_with_defaults(client: &Client) {
    let before = Utc::now() - chrono::Duration::seconds(5);
    let u = client.actions::<User>().create(user::create("dee@example.com")).await.expect("create");
    assert!(u.id > 0);
    assert_eq!(u.email, "dee@example.com");
    assert_eq!(u.name, None);
    assert_eq!(u.role, Role::User, "database default");
    assert!(u.created_at > before && u.created_at < Utc::now() + chrono::Duration::seconds(5));
    assert!(u.updated_at > before);
    let p = client.actions::<Post>().create(post::create("hello", u.id)).await.expect("create post");
    assert_eq!(p.id.len(), 25, "cuid: {}", p.id);
    assert!(p.id.starts_with('c'));
    assert!(!p.published);
    assert_eq!(p.views, 0);
    assert_eq!(p.editor_id, None);
    let explicit = client
        .actions::<Post>()
        .create(post::Create {
            id: Some("my-id".into()),
            views: Some(5_000_000_000),
            ..post::create("x", u.id)
        })
        .await
        .expect("create explicit");
    assert_eq!(explicit.id, "my-id");
    assert_eq!(explicit.views, 5_000_000_000);
}

pub async fn scalar_round_trip(client: &Client) {
    let data = serde_json::json!({"tags": ["a", "b"], "n": 1, "nested": {"ok": true}});
    let avatar = vec![0u8, 1, 2, 255, 254];
    let created = client
        .actions::<User>()
        .create(user::Create {
            name: Some("Zoë 🙂".into()),
            score: Some(-0.25),
            balance: Some(Decimal::new(-987_654, 4)),
            data: Some(data.clone()),
            avatar: Some(avatar.clone()),
            role: Some(Role::Admin),
            ..user::create("zoe@example.com")
        })
        .await
        .expect("create");
    let found = client
        .actions::<User>()
        .find_unique(user::id().equals(created.id))
        .await
        .expect("find")
        .expect("some");
    assert_eq!(found, created);
    assert_eq!(found.name.as_deref(), Some("Zoë 🙂"));
    assert_eq!(found.score, Some(-0.25));
    assert_eq!(found.balance, Some(Decimal::new(-987_654, 4)));
    assert_eq!(found.data, Some(data));
    assert_eq!(found.avatar, Some(avatar));
    assert_eq!(found.role, Role::Admin);
}

pub async fn find_unique(client: &Client) {
    let (users, _) = seed(client).await;
    let by_email =
        client.actions::<User>().find_unique(user::email().equals("bob@example.com")).await.expect("find");
    assert_eq!(by_email.as_ref().map(|u| u.id), Some(users[1].id));
    let by_id =
        client.actions::<User>().find_unique(user::id().equals(users[0].id)).exec().await.expect("find");
    assert_eq!(by_id, Some(users[0].clone()));
    let missing = client.actions::<User>().find_unique(user::id().equals(999_999)).await.expect("find");
    assert_eq!(missing, None);
}

/// Emails of users matching `filter`, ordered by email.
async fn matching(client: &Client, filter: impl Into<Filter<User>>) -> Vec<String> {
    let found = client
        .actions::<User>()
        .find_many()
        .filter(filter)
        .order_by(user::email().asc())
        .await
        .expect("find_many");
    emails(&found).into_iter().map(str::to_owned).collect()
}

pub async fn filter_operators(client: &Client) {
    let (users, _) = seed(client).await;
    let (a, b, c) = ("alice@example.com", "bob@example.com", "carol@test.org");
    assert_eq!(matching(client, user::name().equals("Alice")).await, [a]);
    // `not` is NULL-safe: carol has no name and matches.
    assert_eq!(matching(client, user::name().not("Alice")).await, [b, c]);
    assert_eq!(matching(client, user::id().in_([users[0].id, users[2].id])).await, [a, c]);
    assert_eq!(matching(client, user::id().not_in([users[0].id])).await, [b, c]);
    assert_eq!(matching(client, user::id().in_(Vec::<i32>::new())).await, Vec::<String>::new());
    assert_eq!(matching(client, user::id().not_in(Vec::<i32>::new())).await, [a, b, c]);
    assert_eq!(matching(client, user::score().lt(10.5)).await, [b]);
    assert_eq!(matching(client, user::score().lte(10.5)).await, [a, b]);
    assert_eq!(matching(client, user::score().gt(3.0)).await, [a]);
    assert_eq!(matching(client, user::score().gte(3.0)).await, [a, b]);
    assert_eq!(matching(client, user::balance().gt(Decimal::new(100, 0))).await, [a]);
    assert_eq!(matching(client, user::email().contains("example")).await, [a, b]);
    assert_eq!(matching(client, user::email().starts_with("car")).await, [c]);
    assert_eq!(matching(client, user::email().ends_with(".org")).await, [c]);
    assert_eq!(matching(client, user::name().is_null()).await, [c]);
    assert_eq!(matching(client, user::name().is_not_null()).await, [a, b]);
    assert_eq!(matching(client, user::role().equals(Role::Admin)).await, [a]);
    assert_eq!(matching(client, user::role().in_([Role::User])).await, [b, c]);
    assert_eq!(matching(client, user::role().not(Role::Admin)).await, [b, c]);
    assert_eq!(
        matching(client, user::created_at().gt(Utc::now() - chrono::Duration::hours(1))).await,
        [a, b, c]
    );
    assert_eq!(
        matching(client, user::created_at().lt(Utc::now() - chrono::Duration::hours(1))).await,
        Vec::<String>::new()
    );
    assert_eq!(matching(client, user::name().equals("Alice").or(user::name().equals("Bob"))).await, [a, b]);
    assert_eq!(matching(client, user::email().contains("example").and(user::score().gt(5.0))).await, [a]);
    assert_eq!(matching(client, !user::email().contains("example")).await, [c]);
    assert_eq!(matching(client, Filter::<User>::all([])).await, [a, b, c]);
    assert_eq!(matching(client, Filter::<User>::any([])).await, Vec::<String>::new());
    // Repeated `.filter` calls AND together.
    let both = client
        .actions::<User>()
        .find_many()
        .filter(user::email().contains("example"))
        .filter(user::role().equals(Role::User))
        .await
        .expect("find_many");
    assert_eq!(emails(&both), [b]);
    let published =
        client.actions::<Post>().find_many().filter(post::published().equals(false)).await.expect("posts");
    assert_eq!(published.iter().map(|p| p.title.as_str()).collect::<Vec<_>>(), ["Rust async"]);
    let by_author = client
        .actions::<Post>()
        .find_many()
        .filter(post::editor_id().is_null())
        .filter(post::author_id().equals(users[0].id))
        .order_by(post::title().asc())
        .await
        .expect("posts");
    assert_eq!(by_author.iter().map(|p| p.title.as_str()).collect::<Vec<_>>(), ["Nothing", "Rust async"]);
}

pub async fn order_skip_take(client: &Client) {
    seed(client).await;
    let users = client.actions::<User>();
    let desc = users.find_many().order_by(user::email().desc()).await.expect("desc");
    assert_eq!(emails(&desc), ["carol@test.org", "bob@example.com", "alice@example.com"]);
    let page = users.find_many().order_by(user::email().asc()).skip(1).take(1).await.expect("page");
    assert_eq!(emails(&page), ["bob@example.com"]);
    let skipped = users.find_many().order_by(user::email().asc()).skip(2).await.expect("skip only");
    assert_eq!(emails(&skipped), ["carol@test.org"]);
    let taken = users.find_many().order_by(user::email().asc()).take(2).await.expect("take only");
    assert_eq!(emails(&taken), ["alice@example.com", "bob@example.com"]);
    let two_keys = client
        .actions::<Post>()
        .find_many()
        .order_by(post::author_id().asc())
        .order_by(post::title().desc())
        .await
        .expect("two keys");
    assert_eq!(
        two_keys.iter().map(|p| p.title.as_str()).collect::<Vec<_>>(),
        ["Rust async", "Rust 101", "Nothing", "SQL joins"]
    );
    let first = users
        .find_first()
        .filter(user::email().contains("example"))
        .order_by(user::email().desc())
        .await
        .expect("first");
    assert_eq!(first.map(|u| u.email), Some("bob@example.com".to_owned()));
    let none = users.find_first().filter(user::email().equals("nobody")).await.expect("first");
    assert_eq!(none, None);
}

pub async fn include_to_many(client: &Client) {
    let (users, posts) = seed(client).await;
    let with_posts = client
        .actions::<User>()
        .find_many()
        .order_by(user::email().asc())
        .include(user::posts())
        .await
        .expect("include");
    assert_eq!(with_posts.len(), 3);
    assert_eq!(with_posts[0].record, users[0]);
    // Children come in primary-key order; cuids grow with creation time.
    let mut alice_posts: Vec<&Post> = posts.iter().filter(|p| p.author_id == users[0].id).collect();
    alice_posts.sort_by(|x, y| x.id.cmp(&y.id));
    assert_eq!(with_posts[0].related.iter().collect::<Vec<_>>(), alice_posts);
    assert_eq!(with_posts[1].related.iter().map(|p| p.title.as_str()).collect::<Vec<_>>(), ["SQL joins"]);
    assert!(with_posts[2].related.is_empty(), "carol has no posts");
    // Deref to the record.
    assert_eq!(with_posts[1].email, "bob@example.com");
    let edited = client
        .actions::<User>()
        .find_unique(user::id().equals(users[1].id))
        .include(user::edited())
        .await
        .expect("include unique")
        .expect("found");
    assert_eq!(edited.related.iter().map(|p| p.title.as_str()).collect::<Vec<_>>(), ["Rust 101"]);
    let nobody = client
        .actions::<User>()
        .find_many()
        .filter(user::email().equals("nobody"))
        .include(user::posts())
        .await
        .expect("include none");
    assert!(nobody.is_empty());
}

pub async fn include_to_one(client: &Client) {
    let (users, _) = seed(client).await;
    let with_author = client
        .actions::<Post>()
        .find_many()
        .order_by(post::title().asc())
        .include(post::author())
        .await
        .expect("include author");
    let pairs: Vec<(&str, &str)> =
        with_author.iter().map(|p| (p.title.as_str(), p.related.email.as_str())).collect();
    assert_eq!(
        pairs,
        [
            ("Nothing", "alice@example.com"),
            ("Rust 101", "alice@example.com"),
            ("Rust async", "alice@example.com"),
            ("SQL joins", "bob@example.com"),
        ]
    );
    assert_eq!(with_author[0].related, users[0]);
    let with_editor = client
        .actions::<Post>()
        .find_many()
        .order_by(post::title().asc())
        .include(post::editor())
        .await
        .expect("include editor");
    let editors: Vec<Option<&str>> =
        with_editor.iter().map(|p| p.related.as_ref().map(|u| u.email.as_str())).collect();
    assert_eq!(editors, [None, Some("bob@example.com"), None, Some("alice@example.com")]);
    let first = client
        .actions::<Post>()
        .find_first()
        .filter(post::title().equals("SQL joins"))
        .include(post::author())
        .await
        .expect("first")
        .expect("found");
    assert_eq!(first.related.email, "bob@example.com");
}

pub async fn update_one(client: &Client) {
    let (users, _) = seed(client).await;
    let alice = &users[0];
    let updated = client
        .actions::<User>()
        .update(
            user::id().equals(alice.id),
            [user::name().set(Some("Al".to_owned())), user::score().increment(1.5)],
        )
        .await
        .expect("update");
    assert_eq!(updated.name.as_deref(), Some("Al"));
    assert_eq!(updated.score, Some(12.0));
    assert_eq!(updated.email, alice.email);
    assert!(updated.updated_at >= alice.updated_at, "@updatedAt moves forward");
    let cleared = client
        .actions::<User>()
        .update(user::email().equals("alice@example.com"), [user::name().set(None::<String>)])
        .await
        .expect("set null");
    assert_eq!(cleared.name, None);
    // Updating the column of the unique filter itself.
    let renamed = client
        .actions::<User>()
        .update(user::email().equals("alice@example.com"), [user::email().set("alice@new.example")])
        .await
        .expect("rename");
    assert_eq!(renamed.email, "alice@new.example");
    assert_eq!(renamed.id, alice.id);
    let views = client
        .actions::<Post>()
        .update_many(post::author_id().equals(alice.id), [post::views().increment(7_i64)])
        .await
        .expect("update_many");
    assert_eq!(views, 3);
    let total: i64 = client.actions::<Post>().find_many().await.expect("posts").iter().map(|p| p.views).sum();
    assert_eq!(total, 21);
    let none = client
        .actions::<User>()
        .update(user::id().equals(424_242), [user::name().set(Some("x".to_owned()))])
        .await;
    assert!(matches!(none, Err(Error::RecordNotFound { model: "User" })), "{none:?}");
    let zero = client
        .actions::<User>()
        .update_many(user::email().equals("nobody"), [user::name().set(Some("x".to_owned()))])
        .await
        .expect("update_many none");
    assert_eq!(zero, 0);
}

pub async fn delete_and_count(client: &Client) {
    let (users, _) = seed(client).await;
    let posts = client.actions::<Post>();
    assert_eq!(posts.count().await.expect("count"), 4);
    assert_eq!(posts.count().filter(post::published().equals(true)).await.expect("count"), 3);
    assert_eq!(
        posts
            .count()
            .filter(post::published().equals(true))
            .filter(post::author_id().equals(users[0].id))
            .await
            .expect("count"),
        2
    );
    let rust =
        posts.find_first().filter(post::title().equals("Rust 101")).await.expect("find").expect("found");
    let deleted = posts.delete(post::id().equals(rust.id.clone())).await.expect("delete");
    assert_eq!(deleted, rust);
    let again = posts.delete(post::id().equals(rust.id.clone())).await;
    assert!(matches!(again, Err(Error::RecordNotFound { model: "Post" })), "{again:?}");
    let n = posts.delete_many(post::author_id().equals(users[0].id)).await.expect("delete_many");
    assert_eq!(n, 2);
    assert_eq!(posts.count().await.expect("count"), 1);
    let carol =
        client.actions::<User>().delete(user::email().equals("carol@test.org")).await.expect("delete carol");
    assert_eq!(carol.id, users[2].id);
    assert_eq!(client.actions::<User>().count().await.expect("count users"), 2);
}

pub async fn constraint_errors(client: &Client) {
    let (users, posts) = seed(client).await;
    let dup = client
        .actions::<User>()
        .create(user::create("alice@example.com"))
        .await
        .expect_err("duplicate email");
    assert_db_error(dup, DbErrorKind::UniqueViolation, "User", Some("email"));

    let dangling =
        client.actions::<Post>().create(post::create("orphan", 987_654)).await.expect_err("missing author");
    // SQLite does not say which foreign key failed.
    let fk_field = (client.dialect() != Dialect::Sqlite).then_some("authorId");
    assert_db_error(dangling, DbErrorKind::ForeignKeyViolation, "Post", fk_field);

    let referenced =
        client.actions::<User>().delete(user::id().equals(users[0].id)).await.expect_err("still referenced");
    assert_db_error(referenced, DbErrorKind::ForeignKeyViolation, "User", None);

    // A NULL into a required column, through a deliberately mistyped field.
    let title_as_optional: Field<Post, Option<String>> = Field::new(1);
    let null = client
        .actions::<Post>()
        .update(post::id().equals(posts[0].id.clone()), [title_as_optional.set(None::<String>)])
        .await
        .expect_err("not null");
    assert_db_error(null, DbErrorKind::NotNullViolation, "Post", Some("title"));

    let message =
        client.actions::<User>().create(user::create("bob@example.com")).await.expect_err("dup").to_string();
    assert!(message.contains("User") && message.contains("email"), "{message}");
}

pub async fn like_escaping(client: &Client) {
    let (users, _) = seed(client).await;
    let posts = client.actions::<Post>();
    for title in ["100% sure", "100 percent", "a_b", "axb", r"back\slash", "backslash"] {
        posts.create(post::create(title, users[2].id)).await.expect("create");
    }
    let titles = |found: Vec<Post>| {
        let mut t: Vec<String> = found.into_iter().map(|p| p.title).collect();
        t.sort();
        t
    };
    let mine = post::author_id().equals(users[2].id);
    assert_eq!(
        titles(posts.find_many().filter(mine.clone()).filter(post::title().contains("%")).await.expect("%")),
        ["100% sure"]
    );
    assert_eq!(
        titles(posts.find_many().filter(mine.clone()).filter(post::title().contains("_")).await.expect("_")),
        ["a_b"]
    );
    assert_eq!(
        titles(
            posts.find_many().filter(mine.clone()).filter(post::title().contains(r"\")).await.expect(r"\")
        ),
        [r"back\slash"]
    );
    assert_eq!(
        titles(
            posts
                .find_many()
                .filter(mine.clone())
                .filter(post::title().starts_with("100%"))
                .await
                .expect("100%")
        ),
        ["100% sure"]
    );
    assert_eq!(
        titles(posts.find_many().filter(mine).filter(post::title().ends_with("_b")).await.expect("_b")),
        ["a_b"]
    );
}

pub async fn injection_stays_value(client: &Client) {
    let evil = r#"x'); DROP TABLE "User"; DROP TABLE `User`; --"#;
    let created = client.actions::<User>().create(user::create(evil)).await.expect("create");
    assert_eq!(created.email, evil);
    let found = client.actions::<User>().find_unique(user::email().equals(evil)).await.expect("find");
    assert_eq!(found.map(|u| u.email), Some(evil.to_owned()));
    let like =
        client.actions::<User>().find_many().filter(user::email().contains("'); DROP")).await.expect("like");
    assert_eq!(like.len(), 1);
    let quoted =
        client.actions::<User>().find_many().filter(user::name().equals("' OR '1'='1")).await.expect("or");
    assert!(quoted.is_empty());
    assert_eq!(client.actions::<User>().count().await.expect("table still there"), 1);
}

pub async fn statement_is_inspectable(client: &Client) {
    let stmt =
        client.actions::<Post>().find_many().filter(post::title().contains("Rust")).take(5).statement();
    assert!(stmt.sql.starts_with("SELECT "), "{}", stmt.sql);
    assert_eq!(stmt.params.len(), 2);
    let count = client.actions::<Post>().count().statement();
    assert!(count.sql.contains("COUNT(*)"), "{}", count.sql);
}

pub async fn transactions(client: &Client) {
    // Commit: a user and three posts.
    let tx = client.begin().await.expect("begin");
    let u = tx.actions::<User>().create(user::create("tx@example.com")).await.expect("create in tx");
    for title in ["t1", "t2", "t3"] {
        tx.actions::<Post>().create(post::create(title, u.id)).await.expect("post in tx");
    }
    // Visible inside the transaction, through the same connection.
    assert_eq!(tx.actions::<Post>().count().await.expect("count in tx"), 3);
    let with_posts = tx
        .actions::<User>()
        .find_unique(user::id().equals(u.id))
        .include(user::posts())
        .await
        .expect("include");
    assert_eq!(with_posts.map(|w| w.related.len()), Some(3));
    tx.commit().await.expect("commit");
    assert_eq!(client.actions::<Post>().count().await.expect("count"), 3);

    // Rollback.
    let tx = client.begin().await.expect("begin");
    tx.actions::<Post>().delete_many(post::author_id().equals(u.id)).await.expect("delete in tx");
    tx.actions::<User>()
        .update(user::id().equals(u.id), [user::name().set(Some("gone".to_owned()))])
        .await
        .expect("update in tx");
    tx.rollback().await.expect("rollback");
    assert_eq!(client.actions::<Post>().count().await.expect("count"), 3);
    assert_eq!(
        client
            .actions::<User>()
            .find_unique(user::id().equals(u.id))
            .await
            .expect("find")
            .and_then(|u| u.name),
        None
    );

    // Dropped without commit: rolled back, and the pool keeps working.
    {
        let tx = client.begin().await.expect("begin");
        tx.actions::<User>().create(user::create("dropped@example.com")).await.expect("create");
    }
    assert_eq!(
        client
            .actions::<User>()
            .count()
            .filter(user::email().equals("dropped@example.com"))
            .await
            .expect("count"),
        0
    );

    // A failed statement inside the transaction, then rollback.
    let tx = client.begin().await.expect("begin");
    let dup = tx.actions::<User>().create(user::create("tx@example.com")).await.expect_err("duplicate");
    assert_db_error(dup, DbErrorKind::UniqueViolation, "User", Some("email"));
    tx.rollback().await.expect("rollback after error");
    assert_eq!(client.actions::<User>().count().await.expect("count"), 1);
}

pub async fn create_many(client: &Client) {
    let (users, _) = seed(client).await;
    let posts = client.actions::<Post>();
    // 12,000 rows of 3 columns (36,000 parameters): one statement on PostgreSQL/MySQL, two in a
    // transaction on SQLite (32,766 parameters at most).
    let n = posts
        .create_many((0..12_000).map(|i| post::create(format!("bulk {i}"), users[i % 3].id)))
        .await
        .expect("create_many");
    assert_eq!(n, 12_000);
    assert_eq!(posts.count().filter(post::title().starts_with("bulk ")).await.expect("count"), 12_000);
    assert_eq!(posts.count().filter(post::author_id().equals(users[2].id)).await.expect("count"), 4000);
    // Mixed field sets and explicit values.
    let n = posts
        .create_many([
            post::Create { published: Some(true), ..post::create("mixed a", users[0].id) },
            post::create("mixed b", users[0].id),
            post::Create {
                id: Some("fixed-id".into()),
                views: Some(9),
                ..post::create("mixed c", users[1].id)
            },
        ])
        .await
        .expect("mixed");
    assert_eq!(n, 3);
    let fixed = posts.find_unique(post::id().equals("fixed-id")).await.expect("find").expect("found");
    assert_eq!((fixed.title.as_str(), fixed.views, fixed.published), ("mixed c", 9, false));
    // One bad row: nothing of that batch is inserted.
    let before = posts.count().await.expect("count");
    let err = posts
        .create_many(
            (0..10).map(|i| post::create(format!("bad {i}"), if i == 7 { 999_999 } else { users[0].id })),
        )
        .await
        .expect_err("foreign key");
    assert_db_error(err, DbErrorKind::ForeignKeyViolation, "Post", None);
    assert_eq!(posts.count().await.expect("count"), before);
    assert_eq!(posts.create_many(Vec::new()).await.expect("empty"), 0);
    let stmt = posts.create_many([post::create("s", 1)]).statement().expect("statement");
    assert!(stmt.sql.starts_with("INSERT INTO "), "{}", stmt.sql);
}

pub async fn include_with_options(client: &Client) {
    seed(client).await;
    let titles = |with: &orm_query_engine::typed::Included<User, Vec<Post>>| {
        with.related.iter().map(|p| p.title.clone()).collect::<Vec<_>>()
    };
    let users = client.actions::<User>();
    // Newest-first style: order within each parent, at most 2 per parent.
    let top = users
        .find_many()
        .order_by(user::email().asc())
        .include(user::posts().order_by(post::title().desc()).take(2))
        .await
        .expect("take per parent");
    assert_eq!(titles(&top[0]), ["Rust async", "Rust 101"]);
    assert_eq!(titles(&top[1]), ["SQL joins"]);
    assert!(top[2].related.is_empty());
    // Skip per parent, and a filter on the related records.
    let skipped = users
        .find_many()
        .order_by(user::email().asc())
        .include(user::posts().order_by(post::title().asc()).skip(1))
        .await
        .expect("skip per parent");
    assert_eq!(titles(&skipped[0]), ["Rust 101", "Rust async"]);
    assert!(skipped[1].related.is_empty());
    let published = users
        .find_many()
        .order_by(user::email().asc())
        .include(user::posts().filter(post::published().equals(true)).order_by(post::title().asc()))
        .await
        .expect("filtered");
    assert_eq!(titles(&published[0]), ["Nothing", "Rust 101"]);
    let one = users
        .find_first()
        .filter(user::email().equals("alice@example.com"))
        .include(
            user::posts().filter(post::title().starts_with("Rust")).order_by(post::title().desc()).take(1),
        )
        .await
        .expect("first")
        .expect("found");
    assert_eq!(titles(&one), ["Rust async"]);
}

/// One `#[tokio::test]` per scenario, on the backend made by `$setup(name) -> Option<Client>`.
#[macro_export]
macro_rules! backend_tests {
    ($setup:path, $prefix:literal: $($name:ident),* $(,)?) => {$(
        #[tokio::test]
        async fn $name() {
            let Some(client) = $setup(concat!($prefix, "_", stringify!($name))).await else { return };
            common::scenarios::$name(&client).await;
        }
    )*};
}
