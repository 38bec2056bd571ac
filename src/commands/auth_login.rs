//! `carto-mcp auth login`: PKCE login to CARTO itself, on the OAuth engine.
//! (Stub: filled in by the `check` work.)

use super::Ctx;
use crate::cli::AuthLoginArgs;
use crate::error::Failure;

pub async fn run(_ctx: &Ctx<'_>, _args: AuthLoginArgs) -> anyhow::Result<()> {
    Err(Failure::new(crate::error::ExitKind::Error, "`auth login` is not implemented yet").into())
}
