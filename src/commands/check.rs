//! `carto-mcp check`. (Stub.)

use super::Ctx;
use crate::cli::CheckArgs;
use crate::error::Failure;

pub async fn run(_ctx: &Ctx<'_>, _args: CheckArgs) -> anyhow::Result<()> {
    Err(Failure::new(
        crate::error::ExitKind::Error,
        "`check` is not implemented yet",
    )
    .into())
}
