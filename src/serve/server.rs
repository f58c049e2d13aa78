//! The accept loop: every connection is a tokio task (an idle connection or an open event
//! stream costs no OS thread), their number is capped, and a connection past the cap gets a
//! plain 503 instead of waiting or failing mid-way.

use super::http::{busy, Cap};
use super::{Log, ServeError};
use crate::diag::msg;
use crate::diag::{io_error, Lang};
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::Semaphore;

/// A connection that has not sent a whole request head within this time is closed (an idle
/// keep-alive connection too), so forgotten or half-open connections give their place back.
const HEAD_TIMEOUT: Duration = Duration::from_secs(30);

/// How many connections past the cap are answered 503 at once; beyond that they are closed
/// at once (each takes a file descriptor for as long as it is being answered).
const REFUSERS: usize = 64;

/// How long a connection past the cap has to send its request before it is closed.
const REFUSER_TIMEOUT: Duration = Duration::from_secs(2);

/// File descriptors kept for everything but connections: the watcher, the source files a
/// rebuild reads, `--output`, the 503 answers.
const OTHER_FILES: u64 = 256;

/// Listens on `addr` (inside a tokio runtime). A port in use is explained.
pub(super) fn listen(addr: SocketAddr) -> Result<TcpListener, ServeError> {
    let failed = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            ServeError::PortInUse { bind: addr.ip(), port: addr.port(), next: addr.port().saturating_add(1) }
        } else {
            ServeError::Listen { addr, message: io_error(&e) }
        }
    };
    let socket = if addr.is_ipv4() { TcpSocket::new_v4() } else { TcpSocket::new_v6() }.map_err(failed)?;
    // As std's TcpListener::bind does on Unix: a restarted preview can take its port back at
    // once, while connections of the last one linger in TIME_WAIT.
    #[cfg(unix)]
    socket.set_reuseaddr(true).map_err(failed)?;
    socket.bind(addr).map_err(failed)?;
    // A longer queue than std's 128: many tabs reconnect at once when the preview restarts.
    socket.listen(1024).map_err(failed)
}

/// The number of connections the preview takes at once: `wanted`, or fewer if the process may
/// not open that many files. Raises the soft limit on open files (up to the hard limit) when
/// it is too low for `wanted`, as it often is (1024 on many systems).
pub(super) fn connection_cap(wanted: usize, log: &Log, lang: Lang) -> usize {
    let need = u64::try_from(wanted).unwrap_or(u64::MAX).saturating_add(OTHER_FILES);
    match rlimit::increase_nofile_limit(need) {
        Ok(limit) if limit < need => {
            let fit = usize::try_from(limit.saturating_sub(OTHER_FILES)).unwrap_or(usize::MAX).max(16).min(wanted);
            log(&msg!("serve-file-limit", limit = limit, fit = fit).render(lang));
            fit
        }
        _ => wanted,
    }
}

/// Accepts connections for ever. Each is served on a task of its own while it holds one of
/// `max_connections` places; a connection past them is answered 503 and closed.
/// `lang`: the language of its warnings and of the 503 answers.
pub(super) async fn serve(listener: TcpListener, app: Router, max_connections: usize, log: Log, lang: Lang) {
    let places = Arc::new(Semaphore::new(max_connections));
    let refusers = Arc::new(Semaphore::new(REFUSERS));
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(HEAD_TIMEOUT);
    let mut refusing = http1::Builder::new();
    refusing.timer(TokioTimer::new()).header_read_timeout(REFUSER_TIMEOUT).keep_alive(false);
    // When the cap or an accept error was last told (at most once a minute each).
    let mut told_full: Option<Instant> = None;
    let mut told_error: Option<Instant> = None;
    let due = |told: &mut Option<Instant>| {
        let now = Instant::now();
        let due = told.is_none_or(|t| now.duration_since(t) > Duration::from_secs(60));
        if due {
            *told = Some(now);
        }
        due
    };
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors, or a connection reset before it was accepted:
                // wait a moment (so a lack of descriptors is not a busy loop) and go on.
                if due(&mut told_error) {
                    log(&msg!("serve-accept-failed", why = io_error(&e).render(lang)).render(lang));
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        match places.clone().try_acquire_owned() {
            Ok(place) => {
                let connection = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
                tokio::spawn(async move {
                    let _ = connection.await;
                    drop(place);
                });
            }
            Err(_) => {
                if due(&mut told_full) {
                    log(&msg!("serve-connections-full", count = max_connections).render(lang));
                }
                let Ok(refuser) = refusers.clone().try_acquire_owned() else { continue };
                let service = hyper::service::service_fn(move |_| async move {
                    Ok::<_, std::convert::Infallible>(busy(Cap::Connections, lang))
                });
                let connection = refusing.serve_connection(TokioIo::new(stream), service);
                tokio::spawn(async move {
                    let _ = connection.await;
                    drop(refuser);
                });
            }
        }
    }
}
