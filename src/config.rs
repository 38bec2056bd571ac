//! Where carto-mcp keeps files, and how it writes the ones holding secrets.
//!
//! Config (stored logins) under `$XDG_CONFIG_HOME/carto-mcp`, cache (the M2M
//! token) under `$XDG_CACHE_HOME/carto-mcp`, `~/.config` and `~/.cache` by
//! default on every OS, like gh and stripe. Files with secrets are written
//! 0600 through a temporary file and a rename, so no reader ever sees a
//! half-written or world-readable secret.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use etcetera::BaseStrategy;

const APP: &str = "carto-mcp";

fn base() -> anyhow::Result<etcetera::base_strategy::Xdg> {
    etcetera::base_strategy::Xdg::new().context("cannot find the home directory (set HOME)")
}

pub fn config_dir() -> anyhow::Result<PathBuf> {
    Ok(base()?.config_dir().join(APP))
}

pub fn cache_dir() -> anyhow::Result<PathBuf> {
    Ok(base()?.cache_dir().join(APP))
}

pub fn home_dir() -> anyhow::Result<PathBuf> {
    Ok(base()?.home_dir().to_path_buf())
}

/// Writes `contents` to `path` readable by the owner only (0600), creating
/// the parent directory (0700) when needed.
pub fn write_private(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().context("path has no parent directory")?;
    create_private_dir(dir)?;
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("file"),
        std::process::id()
    ));
    {
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts
            .open(&tmp)
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        f.write_all(contents)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
        .with_context(|| format!("cannot create {}", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn private_files_are_0600() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("sub/secret.json");
        write_private(&p, b"{}").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        write_private(&p, b"{\"a\":1}").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "{\"a\":1}");
    }
}
