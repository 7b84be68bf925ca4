//! A counting TCP proxy for the PostgreSQL wire protocol: forwards every byte between a client and
//! the server, and counts the frontend messages that end a round trip: `S` (Sync, which ends an
//! extended-query sequence) and `Q` (simple query).
//!
//! Framing (<https://www.postgresql.org/docs/current/protocol-overview.html#PROTOCOL-MESSAGE-CONCEPTS>):
//! the first frontend messages have no type byte (`i32` length including itself, `i32` code:
//! `SSLRequest` 80877103 and `GSSENCRequest` 80877104 are followed by another untyped message; the
//! startup message ends the untyped phase); every later message is a type byte plus an `i32` length
//! that includes itself but not the type byte.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Counters shared by every proxied connection.
#[derive(Debug, Default)]
pub struct Counts {
    /// `S` (Sync) messages sent by clients.
    pub sync: AtomicU64,
    /// `Q` (simple query) messages sent by clients.
    pub query: AtomicU64,
}

impl Counts {
    /// Round trips so far: Syncs plus simple queries.
    pub fn round_trips(&self) -> u64 {
        self.sync.load(Ordering::SeqCst) + self.query.load(Ordering::SeqCst)
    }
}

/// SSL and GSS encryption request codes, sent before the real startup message.
const SSL_REQUEST: i32 = 80_877_103;
const GSSENC_REQUEST: i32 = 80_877_104;

/// Starts the proxy on `127.0.0.1:<ephemeral>` forwarding to `upstream` (`host:port`); returns the
/// port it listens on and the counters.
///
/// # Errors
/// When the listening socket cannot be bound.
pub async fn start(upstream: String) -> std::io::Result<(u16, Arc<Counts>)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let port = listener.local_addr()?.port();
    let counts = Arc::new(Counts::default());
    let shared = Arc::clone(&counts);
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let counts = Arc::clone(&shared);
            let upstream = upstream.clone();
            tokio::spawn(async move {
                if let Ok(server) = TcpStream::connect(&upstream).await {
                    let _ = client.set_nodelay(true);
                    let _ = server.set_nodelay(true);
                    let (mut cr, mut cw) = client.into_split();
                    let (mut sr, mut sw) = server.into_split();
                    let down = tokio::spawn(async move { tokio::io::copy(&mut sr, &mut cw).await });
                    let _ = forward_frontend(&mut cr, &mut sw, &counts).await;
                    let _ = sw.shutdown().await;
                    let _ = down.await;
                }
            });
        }
    });
    Ok((port, counts))
}

/// Copies frontend messages one by one, counting `S` and `Q`.
async fn forward_frontend(
    from: &mut tokio::net::tcp::OwnedReadHalf,
    to: &mut tokio::net::tcp::OwnedWriteHalf,
    counts: &Counts,
) -> std::io::Result<()> {
    // Untyped phase.
    loop {
        let len = from.read_i32().await?;
        let body_len = usize::try_from(len - 4).unwrap_or(0);
        let mut body = vec![0u8; body_len];
        from.read_exact(&mut body).await?;
        let code = body.get(..4).map_or(0, |b| i32::from_be_bytes([b[0], b[1], b[2], b[3]]));
        to.write_all(&len.to_be_bytes()).await?;
        to.write_all(&body).await?;
        if code != SSL_REQUEST && code != GSSENC_REQUEST {
            break;
        }
    }
    // Typed phase.
    let mut body = Vec::new();
    loop {
        let ty = from.read_u8().await?;
        let len = from.read_i32().await?;
        body.resize(usize::try_from(len - 4).unwrap_or(0), 0);
        from.read_exact(&mut body).await?;
        match ty {
            b'S' => counts.sync.fetch_add(1, Ordering::SeqCst),
            b'Q' => counts.query.fetch_add(1, Ordering::SeqCst),
            _ => 0,
        };
        let mut frame = Vec::with_capacity(5 + body.len());
        frame.push(ty);
        frame.extend_from_slice(&len.to_be_bytes());
        frame.extend_from_slice(&body);
        to.write_all(&frame).await?;
    }
}
