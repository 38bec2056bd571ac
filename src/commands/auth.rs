//! `carto-mcp auth`. (Stub.)

use super::Ctx;
use crate::cli::AuthCommand;
use crate::error::Failure;

pub async fn run(_ctx: &Ctx<'_>, _args: AuthCommand) -> anyhow::Result<()> {
    Err(Failure::new(
        crate::error::ExitKind::Error,
        "`auth` is not implemented yet",
    )
    .into())
}
