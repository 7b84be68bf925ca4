//! Quick throughput check of the PostgreSQL path: `find_unique` by primary key through the
//! client versus raw tokio-postgres running the same SQL on a dedicated connection, interleaved
//! in rounds, at concurrency 1 and 8. Prints ratios (client / raw); no assertions.
//!
//! `ORM_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test cargo run --release -p orm-query-engine --example pk_lookup`

use std::time::{Duration, Instant};

use orm_query_engine::Client;
use orm_query_engine::meta::{ColumnDefault, ColumnMeta, ColumnType, ModelMeta};
use orm_query_engine::query::ColumnIdx;
use orm_query_engine::row::RowReader;
use orm_query_engine::typed::{CreateInput, Field, Model, Unique};
use orm_query_engine::value::Value;

/// `model User { id Int @id  email String @unique  name String? }`.
#[derive(Debug)]
struct User {
    id: i32,
    email: String,
    name: Option<String>,
}

const fn col(name: &'static str, ty: ColumnType, nullable: bool) -> ColumnMeta {
    ColumnMeta {
        name,
        column: name,
        ty,
        nullable,
        list: false,
        default: ColumnDefault::None,
        updated_at: false,
    }
}

const META: ModelMeta = ModelMeta {
    name: "User",
    table: "bench_user",
    schema: None,
    columns: &[
        col("id", ColumnType::Int, false),
        col("email", ColumnType::String, false),
        col("name", ColumnType::String, true),
    ],
    primary_key: &[0],
    unique_criteria: &[&[0], &[1]],
};

struct Create;

impl CreateInput<User> for Create {
    fn into_values(self, _: &mut Vec<(ColumnIdx, Value)>) {}
}

impl Model for User {
    const META: &'static ModelMeta = &META;
    type Create = Create;
    fn from_row(row: &mut RowReader<'_>) -> orm_query_engine::Result<Self> {
        Ok(User { id: row.next()?, email: row.next()?, name: row.next()? })
    }
}

const fn id() -> Field<User, i32, Unique> {
    Field::new(0)
}

const ROWS: i32 = 10_000;
const PER_ROUND: usize = 2_000;

async fn ours(client: &Client, concurrency: usize) -> Duration {
    let start = Instant::now();
    let mut tasks = Vec::new();
    for t in 0..concurrency {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..PER_ROUND / concurrency {
                let key = ((i * 7919 + t * 104_729) % ROWS as usize) as i32 + 1;
                let user = client.actions::<User>().find_unique(id().equals(key)).await.expect("find");
                std::hint::black_box(user.map(|u| (u.id, u.email.len(), u.name.is_some())));
            }
        }));
    }
    for task in tasks {
        task.await.expect("join");
    }
    start.elapsed()
}

async fn raw(clients: &[std::sync::Arc<tokio_postgres::Client>], sql: &str, concurrency: usize) -> Duration {
    let start = Instant::now();
    let mut tasks = Vec::new();
    for (t, client) in clients.iter().take(concurrency).enumerate() {
        let client = std::sync::Arc::clone(client);
        let sql = sql.to_owned();
        tasks.push(tokio::spawn(async move {
            let stmt = client.prepare(&sql).await.expect("prepare");
            for i in 0..PER_ROUND / concurrency {
                let key = ((i * 7919 + t * 104_729) % ROWS as usize) as i32 + 1;
                let rows = client.query(&stmt, &[&key]).await.expect("query");
                for row in rows {
                    let user = User {
                        id: row.get(0),
                        email: row.get::<_, String>(1),
                        name: row.get::<_, Option<String>>(2),
                    };
                    std::hint::black_box((user.id, user.email.len(), user.name.is_some()));
                }
            }
        }));
    }
    for task in tasks {
        task.await.expect("join");
    }
    start.elapsed()
}

#[tokio::main]
async fn main() {
    let Ok(url) = std::env::var("ORM_TEST_POSTGRES_URL") else {
        eprintln!("set ORM_TEST_POSTGRES_URL");
        return;
    };
    let client = Client::connect(&url).await.expect("connect");
    client
        .execute_raw(&format!(
            "DROP TABLE IF EXISTS bench_user; CREATE TABLE bench_user (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT); \
             INSERT INTO bench_user SELECT g, 'user' || g || '@example.com', CASE WHEN g % 2 = 0 THEN 'n' || g END FROM generate_series(1, {ROWS}) g"
        ))
        .await
        .expect("seed");
    let mut raw_clients = Vec::new();
    for _ in 0..8 {
        let (c, conn) = tokio_postgres::connect(&url, tokio_postgres::NoTls).await.expect("raw connect");
        tokio::spawn(conn);
        raw_clients.push(std::sync::Arc::new(c));
    }
    let sql = client.actions::<User>().find_unique(id().equals(1)).statement().sql;
    println!("SQL: {sql}");
    for concurrency in [1, 8] {
        let (mut ours_total, mut raw_total) = (Duration::ZERO, Duration::ZERO);
        ours(&client, concurrency).await; // warm-up: connections and prepared statements
        raw(&raw_clients, &sql, concurrency).await;
        let mut ratios = Vec::new();
        for _ in 0..5 {
            let o = ours(&client, concurrency).await;
            let r = raw(&raw_clients, &sql, concurrency).await;
            ours_total += o;
            raw_total += r;
            ratios.push(r.as_secs_f64() / o.as_secs_f64());
        }
        ratios.sort_by(f64::total_cmp);
        println!(
            "c={concurrency}: ours {:.0} ops/s, raw {:.0} ops/s, median ratio {:.2} (1.00 = raw tokio-postgres)",
            (5 * PER_ROUND) as f64 / ours_total.as_secs_f64(),
            (5 * PER_ROUND) as f64 / raw_total.as_secs_f64(),
            ratios[2]
        );
    }
    client.execute_raw("DROP TABLE bench_user").await.expect("drop");
}
