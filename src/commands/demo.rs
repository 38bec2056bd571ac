//! `carto-mcp demo`. (Stub.)

use super::Ctx;
use crate::cli::DemoArgs;
use crate::error::Failure;

pub async fn run(_ctx: &Ctx<'_>, _args: DemoArgs) -> anyhow::Result<()> {
    Err(Failure::new(
        crate::error::ExitKind::Error,
        "`demo` is not implemented yet",
    )
    .into())
}
