//! `carto-mcp client`. (Stub.)

use super::Ctx;
use crate::cli::ClientCommand;
use crate::error::Failure;

pub async fn run(_ctx: &Ctx<'_>, _args: ClientCommand) -> anyhow::Result<()> {
    Err(Failure::new(
        crate::error::ExitKind::Error,
        "`client` is not implemented yet",
    )
    .into())
}
