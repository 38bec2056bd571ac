//! Who you are at CARTO: the access token, from the first source that has
//! one (`--token-stdin`/`CARTO_API_TOKEN`, the CARTO CLI's credentials file,
//! an M2M client, a stored `carto-mcp auth login`).
//! (Stub: filled in by the client-provisioning work.)

use crate::error::{Classify, ExitKind};

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("not logged in to CARTO")]
    NoCredentials,
}

impl Classify for AuthError {
    fn exit_kind(&self) -> ExitKind {
        ExitKind::NotAuthenticated
    }
}
