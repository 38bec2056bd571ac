//! An in-process fake of the CARTO Developers API (contract v0,
//! `shared/docs/oauth-clients-contract.md`) that mirrors every create and
//! update into the e2e authorization server's admin API, so that a callback
//! added through `carto-mcp` really lets the login through.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

pub const TOKEN: &str = "fake-carto-api-token";

#[derive(Clone)]
struct Shared {
    clients: Arc<Mutex<HashMap<String, Value>>>,
    as_admin: String,
    /// Every PATCH body received, for assertions.
    patches: Arc<Mutex<Vec<Value>>>,
}

/// A running fake; stopped when dropped.
pub struct FakeApi {
    pub url: String,
    shared: Shared,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for FakeApi {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl FakeApi {
    pub fn start(as_admin: &str) -> Self {
        let shared = Shared {
            clients: Arc::default(),
            as_admin: as_admin.to_string(),
            patches: Arc::default(),
        };
        let (url_tx, url_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let s2 = shared.clone();
        let thread = std::thread::spawn(move || {
            crate::stack::block_on(async move {
                let app = axum::Router::new()
                    .route("/oauth-clients/{id}", get(get_client).patch(patch_client))
                    .with_state(s2);
                let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                url_tx
                    .send(format!("http://{}", l.local_addr().unwrap()))
                    .unwrap();
                axum::serve(l, app)
                    .with_graceful_shutdown(async {
                        let _ = stop_rx.await;
                    })
                    .await
                    .unwrap();
            });
        });
        let url = url_rx.recv().expect("fake API started");
        FakeApi {
            url,
            shared,
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }

    /// Seeds a client (contract v0 object) and mirrors it to the AS.
    pub fn seed(&self, id: &str, secret: &str, callbacks: &[&str]) {
        let obj = json!({
            "clientId": id, "clientSecret": secret, "type": "spa", "name": id,
            "callbacks": callbacks, "allowedLogoutUrls": [], "webOrigins": [],
            "allowedOrigins": [], "loginUri": null, "useDefaultUrls": false,
            "createdAt": "2026-01-01T00:00:00Z",
        });
        self.shared
            .clients
            .lock()
            .unwrap()
            .insert(id.to_string(), obj.clone());
        crate::stack::block_on(mirror(&self.shared.as_admin, &obj)).expect("mirror to the AS");
    }

    pub fn callbacks(&self, id: &str) -> Vec<String> {
        let c = self.shared.clients.lock().unwrap();
        serde_json::from_value(c[id]["callbacks"].clone()).unwrap()
    }

    pub fn patches(&self) -> Vec<Value> {
        self.shared.patches.lock().unwrap().clone()
    }
}

/// PUTs the client into the AS (the browser interaction).
async fn mirror(as_admin: &str, obj: &Value) -> Result<(), String> {
    let id = obj["clientId"].as_str().unwrap_or_default();
    let body = json!({
        "client_secret": obj["clientSecret"],
        "redirect_uris": obj["callbacks"],
        "interaction": "browser",
    });
    let r = reqwest::Client::new()
        .put(format!("{as_admin}/clients/{id}"))
        .json(&body)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if r.status().is_success() {
        Ok(())
    } else {
        Err(format!(
            "{}: {}",
            r.status(),
            r.text().await.unwrap_or_default()
        ))
    }
}

fn authorized(h: &HeaderMap) -> bool {
    h.get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == format!("Bearer {TOKEN}"))
}

fn error(status: StatusCode, code: &str, desc: &str) -> Response {
    (status, Json(json!({"error": code, "description": desc}))).into_response()
}

async fn get_client(State(s): State<Shared>, Path(id): Path<String>, h: HeaderMap) -> Response {
    if !authorized(&h) {
        return error(StatusCode::UNAUTHORIZED, "unauthorized", "bad token");
    }
    match s.clients.lock().unwrap().get(&id) {
        Some(c) => Json(c.clone()).into_response(),
        None => error(StatusCode::NOT_FOUND, "not_found", "no such client"),
    }
}

async fn patch_client(
    State(s): State<Shared>,
    Path(id): Path<String>,
    h: HeaderMap,
    Json(patch): Json<Value>,
) -> Response {
    if !authorized(&h) {
        return error(StatusCode::UNAUTHORIZED, "unauthorized", "bad token");
    }
    s.patches.lock().unwrap().push(patch.clone());
    let updated = {
        let mut all = s.clients.lock().unwrap();
        let Some(c) = all.get_mut(&id) else {
            return error(StatusCode::NOT_FOUND, "not_found", "no such client");
        };
        if let (Some(obj), Some(p)) = (c.as_object_mut(), patch.as_object()) {
            for (k, v) in p {
                obj.insert(k.clone(), v.clone());
            }
        }
        c.clone()
    };
    if let Err(e) = mirror(&s.as_admin, &updated).await {
        return error(StatusCode::UNPROCESSABLE_ENTITY, "invalid", &e);
    }
    Json(updated).into_response()
}
