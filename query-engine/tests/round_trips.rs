//! Round trips on the wire: a TCP proxy between the client and the real server counts the
//! requests the client sends, per operation, once statements are prepared.
//!
//! - PostgreSQL (<https://www.postgresql.org/docs/current/protocol-message-formats.html>): every
//!   extended-protocol round trip ends with one `Sync` (`S`) message; `Parse` (`P`) means a
//!   statement was (re)prepared.
//! - MySQL (<https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_command_phase.html>):
//!   every command packet has sequence id 0; its first byte is the command (`0x17`
//!   `COM_STMT_EXECUTE`, `0x16` `COM_STMT_PREPARE`, `0x0e` `COM_PING`, `0x03` `COM_QUERY`).

mod common;

use std::sync::{Arc, Mutex};

use common::{Post, User, post, user};
use orm_query_engine::Client;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Clone, Copy, PartialEq)]
enum Protocol {
    Postgres,
    MySql,
}

/// Message types (PostgreSQL) or command bytes (MySQL) sent by clients through the proxy.
type Log = Arc<Mutex<Vec<u8>>>;

/// Starts a proxy to `upstream` (`host:port`) and returns its port.
async fn proxy(upstream: String, protocol: Protocol, log: Log) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let Ok(server) = TcpStream::connect(&upstream).await else { return };
            let (mut client_read, mut client_write) = client.into_split();
            let (mut server_read, mut server_write) = server.into_split();
            tokio::spawn(async move {
                let _ = tokio::io::copy(&mut server_read, &mut client_write).await;
            });
            let log = Arc::clone(&log);
            tokio::spawn(async move {
                let mut parser = Parser { protocol, buf: Vec::new(), startup_done: false };
                let mut chunk = vec![0u8; 64 * 1024];
                loop {
                    let n = match client_read.read(&mut chunk).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => n,
                    };
                    parser.feed(&chunk[..n], &log);
                    if server_write.write_all(&chunk[..n]).await.is_err() {
                        break;
                    }
                }
            });
        }
    });
    port
}

struct Parser {
    protocol: Protocol,
    buf: Vec<u8>,
    startup_done: bool,
}

impl Parser {
    fn feed(&mut self, data: &[u8], log: &Log) {
        self.buf.extend_from_slice(data);
        loop {
            let consumed = match self.protocol {
                Protocol::Postgres => self.next_postgres(log),
                Protocol::MySql => self.next_mysql(log),
            };
            match consumed {
                Some(n) => {
                    self.buf.drain(..n);
                }
                None => break,
            }
        }
    }

    fn next_postgres(&mut self, log: &Log) -> Option<usize> {
        if !self.startup_done {
            // Untyped: SSLRequest / GSSENCRequest / StartupMessage (length, code).
            let len = u32::from_be_bytes(self.buf.get(0..4)?.try_into().ok()?) as usize;
            let code = u32::from_be_bytes(self.buf.get(4..8)?.try_into().ok()?);
            if self.buf.len() < len {
                return None;
            }
            if code != 80_877_103 && code != 80_877_104 {
                self.startup_done = true;
            }
            return Some(len);
        }
        let ty = *self.buf.first()?;
        let len = u32::from_be_bytes(self.buf.get(1..5)?.try_into().ok()?) as usize;
        if self.buf.len() < len + 1 {
            return None;
        }
        log.lock().expect("log").push(ty);
        Some(len + 1)
    }

    fn next_mysql(&mut self, log: &Log) -> Option<usize> {
        let header = self.buf.get(0..4)?;
        let len = usize::from(header[0]) | usize::from(header[1]) << 8 | usize::from(header[2]) << 16;
        let seq = header[3];
        if self.buf.len() < 4 + len {
            return None;
        }
        if seq == 0 && len > 0 {
            log.lock().expect("log").push(self.buf[4]);
        }
        Some(4 + len)
    }
}

fn take(log: &Log) -> Vec<u8> {
    std::mem::take(&mut *log.lock().expect("log"))
}

/// (round trips, prepares) in the PostgreSQL log: `Sync` and simple `Query` messages, `Parse`.
fn pg_counts(messages: &[u8]) -> (usize, usize) {
    let trips = messages.iter().filter(|&&m| m == b'S' || m == b'Q').count();
    let parses = messages.iter().filter(|&&m| m == b'P').count();
    (trips, parses)
}

/// (round trips, prepares) in the MySQL log: every command but `COM_STMT_CLOSE` (no reply).
fn my_counts(commands: &[u8]) -> (usize, usize) {
    let trips = commands.iter().filter(|&&c| c != 0x19).count();
    let prepares = commands.iter().filter(|&&c| c == 0x16).count();
    (trips, prepares)
}

/// Runs every operation twice and checks the round trips of the second run.
async fn check(client: &Client, counts: fn(&[u8]) -> (usize, usize), log: &Log, update_trips: usize) {
    let (users, posts) = common::scenarios::seed(client).await;
    let alice = users[0].id;
    for round in 0..2 {
        take(log);
        let expect = |what: &str, trips: usize| {
            let (n, prepares) = counts(&take(log));
            if round == 1 {
                assert_eq!(n, trips, "{what}: round trips");
                assert_eq!(prepares, 0, "{what}: statements prepared again");
            }
        };
        client.actions::<User>().find_unique(user::id().equals(alice)).await.expect("find_unique");
        expect("find_unique", 1);
        client
            .actions::<User>()
            .find_unique(user::email().equals("bob@example.com"))
            .await
            .expect("by email");
        expect("find_unique by email", 1);
        client
            .actions::<Post>()
            .find_many()
            .filter(post::title().contains("Rust").and(post::published().equals(true)))
            .order_by(post::title().desc())
            .take(20)
            .await
            .expect("find_many");
        expect("find_many", 1);
        client.actions::<User>().find_many().take(50).include(user::posts()).await.expect("include");
        expect("find_many include", 2);
        let p = client.actions::<Post>().create(post::create("new", alice)).await.expect("create");
        expect("create", 1);
        client
            .actions::<Post>()
            .update(post::id().equals(p.id.clone()), [post::views().increment(1_i64)])
            .await
            .expect("update");
        expect("update", update_trips);
        client
            .actions::<Post>()
            .update_many(post::author_id().equals(alice), [post::published().set(true)])
            .await
            .expect("update_many");
        expect("update_many", 1);
        client.actions::<Post>().count().filter(post::author_id().equals(alice)).await.expect("count");
        expect("count", 1);
        client.actions::<Post>().delete(post::id().equals(p.id)).await.expect("delete");
        expect("delete", 1);
        client
            .actions::<Post>()
            .delete_many(post::title().equals("nothing such"))
            .await
            .expect("delete_many");
        expect("delete_many", 1);
    }
    assert!(!posts.is_empty());
}

#[tokio::test]
async fn postgres_one_round_trip_per_statement() {
    let Some(url) = common::backend_url("ORM_TEST_POSTGRES_URL") else { return };
    // Create the schema directly, then connect through the proxy.
    drop(common::postgres("rt_pg").await);
    let upstream =
        url.split('@').nth(1).and_then(|rest| rest.split('/').next()).unwrap_or("127.0.0.1:5432").to_owned();
    let log: Log = Arc::default();
    let port = proxy(upstream.clone(), Protocol::Postgres, Arc::clone(&log)).await;
    let proxied = url.replacen(&upstream, &format!("127.0.0.1:{port}"), 1);
    let sep = if proxied.contains('?') { '&' } else { '?' };
    let client =
        Client::connect(&format!("{proxied}{sep}options=-csearch_path%3D{}", common::unique_name("rt_pg")))
            .await
            .expect("connect");
    check(&client, pg_counts, &log, 1).await;
}

#[tokio::test]
async fn mysql_one_round_trip_per_statement() {
    let Some(url) = common::backend_url("ORM_TEST_MYSQL_URL") else { return };
    drop(common::mysql("rt_my").await);
    let upstream =
        url.split('@').nth(1).and_then(|rest| rest.split('/').next()).unwrap_or("127.0.0.1:3306").to_owned();
    let log: Log = Arc::default();
    let port = proxy(upstream.clone(), Protocol::MySql, Arc::clone(&log)).await;
    let proxied = url.replacen(&upstream, &format!("127.0.0.1:{port}"), 1);
    let (base, _) = proxied.rsplit_once('/').expect("database in URL");
    let client = Client::connect(&format!("{base}/{}", common::unique_name("rt_my"))).await.expect("connect");
    // MySQL has no UPDATE … RETURNING: UPDATE, then SELECT on the same connection.
    check(&client, my_counts, &log, 2).await;
}
