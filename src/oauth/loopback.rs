//! The one-shot loopback listener: binds exactly the redirect URI's loopback
//! address and port, accepts one request on its path whose `state` matches,
//! answers the browser with a short page, and closes.
//!
//! A request with another state is refused (and remembered, to explain a
//! timeout); the listener keeps waiting for the real one, so a stray or
//! forged request cannot end the login.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use secrecy::{ExposeSecret, SecretString};
use tokio::sync::oneshot;
use url::Url;

use super::OAuthError;
use super::authorize::CallbackParams;

struct Shared {
    path: String,
    state: SecretString,
    tx: Mutex<Option<oneshot::Sender<CallbackParams>>>,
    wrong_state: AtomicBool,
}

/// A bound listener, waiting for the browser.
pub struct Listener {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    rx: oneshot::Receiver<CallbackParams>,
    stop: Option<tokio::sync::watch::Sender<bool>>,
    task: tokio::task::JoinHandle<()>,
}

/// The address to bind for a loopback redirect URI: `localhost` is bound as
/// 127.0.0.1 (the address that must work; [`bind`] also listens on [::1]
/// for it when the machine has IPv6 loopback).
pub fn bind_addr(redirect_uri: &Url) -> Result<SocketAddr, OAuthError> {
    let host = redirect_uri.host_str().unwrap_or_default();
    if !crate::callback::is_loopback_host(host) {
        return Err(OAuthError::RedirectNotLoopback(redirect_uri.to_string()));
    }
    let ip: IpAddr = if host.eq_ignore_ascii_case("localhost") {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    } else {
        host.trim_start_matches('[')
            .trim_end_matches(']')
            .parse()
            .map_err(|_| OAuthError::RedirectNotLoopback(redirect_uri.to_string()))?
    };
    let port = redirect_uri.port_or_known_default().unwrap_or(80);
    Ok(SocketAddr::new(ip, port))
}

/// Binds the redirect URI's address; fails at once when the port is taken.
pub async fn bind(redirect_uri: &Url, state: SecretString) -> Result<Listener, OAuthError> {
    let addr = bind_addr(redirect_uri)?;
    let tcp = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| OAuthError::Bind {
            addr: addr.to_string(),
            detail: e.to_string(),
        })?;
    let addr = tcp.local_addr().unwrap_or(addr);
    let (tx, rx) = oneshot::channel();
    let shared = Arc::new(Shared {
        path: redirect_uri.path().to_string(),
        state,
        tx: Mutex::new(Some(tx)),
        wrong_state: AtomicBool::new(false),
    });
    let app = axum::Router::new()
        .fallback(handle)
        .with_state(shared.clone());
    // `localhost` may be tried as [::1] first by a browser: listen there too
    // when this machine has IPv6 loopback (best effort: 127.0.0.1 is the
    // address that must work).
    let tcp6 = if redirect_uri
        .host_str()
        .is_some_and(|h| h.eq_ignore_ascii_case("localhost"))
    {
        tokio::net::TcpListener::bind((std::net::Ipv6Addr::LOCALHOST, addr.port()))
            .await
            .ok()
    } else {
        None
    };
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let serve = |tcp: tokio::net::TcpListener| {
        let mut stop = stop_rx.clone();
        let app = app.clone();
        async move {
            let _ = axum::serve(tcp, app)
                .with_graceful_shutdown(async move {
                    let _ = stop.wait_for(|s| *s).await;
                })
                .await;
        }
    };
    let v4 = serve(tcp);
    let v6 = tcp6.map(serve);
    let task = tokio::spawn(async move {
        match v6 {
            Some(v6) => {
                tokio::join!(v4, v6);
            }
            None => v4.await,
        }
    });
    Ok(Listener {
        addr,
        shared,
        rx,
        stop: Some(stop_tx),
        task,
    })
}

impl Listener {
    /// Waits for the callback, at most `timeout`, and stops listening
    /// whatever happens. (Ctrl-C is the command's: it drops this future,
    /// and dropping the listener frees the port.)
    pub async fn wait(mut self, timeout: Duration) -> Result<CallbackParams, OAuthError> {
        let result = tokio::select! {
            r = &mut self.rx => r.map_err(|_| OAuthError::Other("the listener stopped".into())),
            () = tokio::time::sleep(timeout) => Err(OAuthError::LoginTimeout {
                secs: timeout.as_secs(),
                wrong_state: self.shared.wrong_state.load(Ordering::SeqCst),
            }),
        };
        self.close().await;
        result
    }

    /// Did a request with a wrong state arrive?
    pub fn saw_wrong_state(&self) -> bool {
        self.shared.wrong_state.load(Ordering::SeqCst)
    }

    /// Stops the server and waits (briefly) until the port is released.
    pub async fn close(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(true);
        }
        if tokio::time::timeout(Duration::from_secs(2), &mut self.task)
            .await
            .is_err()
        {
            self.task.abort();
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn handle(State(s): State<Arc<Shared>>, uri: Uri, RawQuery(q): RawQuery) -> Response {
    if uri.path() != s.path {
        return page(
            StatusCode::NOT_FOUND,
            "Not the login callback",
            "This address only answers the OAuth callback of carto-mcp.",
        );
    }
    let params = CallbackParams::from_query(q.as_deref().unwrap_or(""));
    if params.state.as_deref() != Some(s.state.expose_secret()) {
        s.wrong_state.store(true, Ordering::SeqCst);
        return page(
            StatusCode::BAD_REQUEST,
            "Login refused: state mismatch",
            "This callback does not belong to the login carto-mcp started (its state differs). It was ignored; finish the login in the tab carto-mcp opened.",
        );
    }
    let Some(tx) = s.tx.lock().ok().and_then(|mut t| t.take()) else {
        return page(
            StatusCode::GONE,
            "Already done",
            "carto-mcp already received the login callback.",
        );
    };
    let resp = match (&params.error, &params.code) {
        (Some(e), _) => page(
            StatusCode::OK,
            "Login failed",
            &format!(
                "The authorization server answered: {e}{}. Return to the terminal.",
                params
                    .error_description
                    .as_deref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default()
            ),
        ),
        (None, Some(_)) => page(
            StatusCode::OK,
            "Login complete",
            "carto-mcp received the authorization code. You can close this tab and return to the terminal.",
        ),
        (None, None) => page(
            StatusCode::BAD_REQUEST,
            "Login failed",
            "The callback carried neither a code nor an error. Return to the terminal.",
        ),
    };
    let _ = tx.send(params);
    resp
}

fn page(status: StatusCode, title: &str, text: &str) -> Response {
    let body = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title></head>\
         <body style=\"font-family:sans-serif;max-width:36em;margin:3em auto\"><h1>{t}</h1><p>{x}</p></body></html>",
        t = html_escape::encode_text(title),
        x = html_escape::encode_text(text)
    );
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONNECTION, "close"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn get(addr: SocketAddr, path_q: &str) -> (u16, String) {
        let c = reqwest::Client::new();
        let r = c
            .get(format!("http://{addr}{path_q}"))
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }

    fn uri() -> Url {
        Url::parse("http://127.0.0.1:0/callback").unwrap()
    }

    #[tokio::test]
    async fn a_wrong_state_is_refused_and_the_right_one_accepted() {
        let l = bind(&uri(), SecretString::from("good".to_string()))
            .await
            .unwrap();
        let addr = l.addr;
        let (st, body) = get(addr, "/callback?code=evil&state=bad").await;
        assert_eq!(st, 400);
        assert!(body.contains("state mismatch"), "{body}");
        assert!(l.saw_wrong_state());
        let (st, _) = get(addr, "/other?code=x&state=good").await;
        assert_eq!(st, 404);
        let waiter = tokio::spawn(l.wait(Duration::from_secs(10)));
        let (st, body) = get(addr, "/callback?code=c0de&state=good").await;
        assert_eq!(st, 200);
        assert!(body.contains("Login complete"));
        let p = waiter.await.unwrap().unwrap();
        assert_eq!(p.code.unwrap().expose_secret(), "c0de");
        // Nothing is left listening.
        assert!(
            tokio::net::TcpStream::connect(addr).await.is_err(),
            "the listener is still open"
        );
    }

    #[tokio::test]
    async fn localhost_is_answered_on_ipv6_loopback_too() {
        if std::net::TcpListener::bind("[::1]:0").is_err() {
            eprintln!("no IPv6 loopback on this machine: nothing to check");
            return;
        }
        let u = Url::parse("http://localhost:0/callback").unwrap();
        let l = bind(&u, SecretString::from("good".to_string()))
            .await
            .unwrap();
        let v6 = SocketAddr::new(IpAddr::V6(std::net::Ipv6Addr::LOCALHOST), l.addr.port());
        let waiter = tokio::spawn(l.wait(Duration::from_secs(10)));
        let (st, body) = get(v6, "/callback?code=c0de&state=good").await;
        assert_eq!(st, 200, "{body}");
        let p = waiter.await.unwrap().unwrap();
        assert_eq!(p.code.unwrap().expose_secret(), "c0de");
        assert!(
            tokio::net::TcpStream::connect(v6).await.is_err(),
            "the IPv6 listener is still open"
        );
    }

    #[tokio::test]
    async fn only_a_wrong_state_ends_in_a_clear_timeout() {
        let l = bind(&uri(), SecretString::from("good".to_string()))
            .await
            .unwrap();
        let addr = l.addr;
        let (st, _) = get(addr, "/callback?code=evil&state=bad").await;
        assert_eq!(st, 400);
        let err = l.wait(Duration::from_millis(300)).await.unwrap_err();
        assert!(
            matches!(
                err,
                OAuthError::LoginTimeout {
                    wrong_state: true,
                    ..
                }
            ),
            "{err:?}"
        );
        use crate::error::Classify;
        assert!(err.hints()[0].contains("state"));
    }

    #[tokio::test]
    async fn the_server_error_reaches_the_caller() {
        let l = bind(&uri(), SecretString::from("s".to_string()))
            .await
            .unwrap();
        let addr = l.addr;
        let waiter = tokio::spawn(l.wait(Duration::from_secs(10)));
        let (_, body) = get(
            addr,
            "/callback?error=access_denied&error_description=nope&state=s",
        )
        .await;
        assert!(body.contains("access_denied"));
        let p = waiter.await.unwrap().unwrap();
        let e = p
            .into_code(&SecretString::from("s".to_string()))
            .unwrap_err();
        assert!(matches!(e, OAuthError::Denied { ref error, .. } if error == "access_denied"));
    }

    #[tokio::test]
    async fn a_taken_port_is_a_clear_error() {
        let held = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = held.local_addr().unwrap().port();
        let u = Url::parse(&format!("http://localhost:{port}/callback")).unwrap();
        let e = bind(&u, SecretString::from("s".to_string()))
            .await
            .err()
            .unwrap();
        assert!(matches!(e, OAuthError::Bind { .. }), "{e:?}");
    }

    #[test]
    fn only_loopback_hosts_are_bound() {
        let u = Url::parse("https://claude.ai/api/mcp/auth_callback").unwrap();
        assert!(matches!(
            bind_addr(&u),
            Err(OAuthError::RedirectNotLoopback(_))
        ));
        let u = Url::parse("http://[::1]:9/cb").unwrap();
        assert_eq!(bind_addr(&u).unwrap().to_string(), "[::1]:9");
    }
}
