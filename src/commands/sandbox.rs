//! `carto-mcp sandbox`. (Stub.)

use super::Ctx;
use crate::cli::SandboxArgs;
use crate::error::Failure;

pub async fn run(_ctx: &Ctx<'_>, _args: SandboxArgs) -> anyhow::Result<()> {
    Err(Failure::new(
        crate::error::ExitKind::Error,
        "`sandbox` is not implemented yet",
    )
    .into())
}
