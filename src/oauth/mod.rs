//! The OAuth engine: discovery, registration, authorization (PKCE, state,
//! browser modes), the loopback listener, the token exchange.
//! No terminal I/O here. (Stub: filled in by the `check` work.)

use crate::error::{Classify, ExitKind};

#[derive(Debug, thiserror::Error)]
pub enum OAuthError {
    #[error("{0}")]
    Other(String),
}

impl Classify for OAuthError {
    fn exit_kind(&self) -> ExitKind {
        ExitKind::NotAuthenticated
    }
}
