//! `carto-mcp diagnose`. (Stub.)

use super::Ctx;
use crate::cli::DiagnoseArgs;
use crate::error::Failure;

pub async fn run(_ctx: &Ctx<'_>, _args: DiagnoseArgs) -> anyhow::Result<()> {
    Err(Failure::new(
        crate::error::ExitKind::Error,
        "`diagnose` is not implemented yet",
    )
    .into())
}
