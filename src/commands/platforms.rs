//! `carto-mcp platforms`: the preset table.

use serde::Serialize;

use super::Ctx;
use crate::cli::PlatformsArgs;
use crate::platforms::{PLATFORMS, Platform, Source};

#[derive(Serialize)]
struct Row<'a> {
    #[serde(flatten)]
    platform: &'a Platform,
    from_carto_docs: bool,
}

pub fn run(ctx: &Ctx<'_>, args: &PlatformsArgs) -> anyhow::Result<()> {
    let ui = ctx.ui;
    let chosen: Vec<&Platform> = PLATFORMS
        .iter()
        .filter(|p| !args.carto_only || p.source == Source::CartoDocs)
        .collect();
    if ui.json {
        let rows: Vec<Row> = chosen
            .iter()
            .map(|p| Row {
                platform: p,
                from_carto_docs: p.source == Source::CartoDocs,
            })
            .collect();
        return ui.print_json(&rows);
    }
    let rows = chosen
        .iter()
        .map(|p| {
            vec![
                p.name.to_string(),
                p.display.to_string(),
                p.callbacks.join("\n"),
                match p.source {
                    Source::CartoDocs => "CARTO docs".to_string(),
                    Source::PublicDocs => "public docs (not CARTO's)".to_string(),
                },
            ]
        })
        .collect();
    ui.print_table(&["preset", "platform", "callback urls", "source"], rows);
    ui.out("");
    ui.out("Where the client ID and secret go:");
    for p in &chosen {
        ui.out(format!("  {:<13} {}", p.name, p.setup));
    }
    Ok(())
}
