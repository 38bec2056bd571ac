//! The output policy: every byte a command prints goes through [`Ui`].
//!
//! Data goes to stdout (tables, JSON, the secret when it is asked for);
//! progress, hints, warnings, prompts and errors go to stderr. Colour follows
//! `--no-color`, `NO_COLOR`, `CLICOLOR_FORCE` and `TERM=dumb`, and is only used
//! on a terminal. Prompts are only shown when stdin and stderr are terminals
//! and `--no-input` was not given.

use std::fmt::Display;
use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::cli::GlobalArgs;
use crate::error::{Classified, ExitKind, Failure};

#[derive(Debug, Clone)]
pub struct Ui {
    pub json: bool,
    pub verbose: u8,
    pub yes: bool,
    color_out: bool,
    color_err: bool,
    stdout_tty: bool,
    stderr_tty: bool,
    interactive: bool,
}

impl Ui {
    pub fn new(g: &GlobalArgs) -> Self {
        let stdout_tty = std::io::stdout().is_terminal();
        let stderr_tty = std::io::stderr().is_terminal();
        let stdin_tty = std::io::stdin().is_terminal();
        let env = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
        let no_color =
            g.no_color || env("NO_COLOR") || std::env::var("TERM").is_ok_and(|t| t == "dumb");
        let force = env("CLICOLOR_FORCE") && !no_color;
        Self {
            json: g.json,
            verbose: g.verbose,
            yes: g.yes,
            color_out: force || (!no_color && stdout_tty),
            color_err: force || (!no_color && stderr_tty),
            stdout_tty,
            stderr_tty,
            interactive: stdin_tty && stderr_tty && !g.no_input,
        }
    }

    /// A plain policy for tests: no colour, no terminal, no prompts.
    pub fn plain(json: bool) -> Self {
        Self {
            json,
            verbose: 0,
            yes: false,
            color_out: false,
            color_err: false,
            stdout_tty: false,
            stderr_tty: false,
            interactive: false,
        }
    }

    /// May we ask the user something?
    pub fn interactive(&self) -> bool {
        self.interactive
    }

    pub fn stderr_is_terminal(&self) -> bool {
        self.stderr_tty
    }

    pub fn stdout_is_terminal(&self) -> bool {
        self.stdout_tty
    }

    // ----- stdout: data -------------------------------------------------

    /// One line of data on stdout.
    pub fn out(&self, line: impl Display) {
        let mut o = std::io::stdout().lock();
        let _ = writeln!(o, "{line}");
    }

    /// A JSON document on stdout (pretty on a terminal, compact otherwise is
    /// not worth the surprise: always pretty, always one trailing newline).
    pub fn print_json<T: Serialize + ?Sized>(&self, value: &T) -> anyhow::Result<()> {
        let text = serde_json::to_string_pretty(value)?;
        self.out(text);
        Ok(())
    }

    /// A table on stdout.
    pub fn print_table(&self, header: &[&str], rows: Vec<Vec<String>>) {
        self.out(self.render_table(header, rows));
    }

    pub fn render_table(&self, header: &[&str], rows: Vec<Vec<String>>) -> String {
        let mut t = Table::new();
        t.load_style(presets::NOTHING);
        if self.stdout_tty {
            t.set_content_arrangement(ContentArrangement::Dynamic);
        } else {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
        t.set_header(header.iter().map(|h| h.to_uppercase()));
        for r in rows {
            t.add_row(r);
        }
        for c in t.column_iter_mut() {
            c.set_padding((0, 2));
        }
        // comfy-table pads every line to the column width; trailing blanks
        // only get in the way of copy-paste and snapshots.
        t.to_string()
            .lines()
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join("\n")
    }

    // ----- stderr: people ----------------------------------------------

    /// A progress or status line on stderr.
    pub fn status(&self, msg: impl Display) {
        let mut e = std::io::stderr().lock();
        let _ = writeln!(e, "{msg}");
    }

    pub fn success(&self, msg: impl Display) {
        self.status(format!("{} {msg}", self.green_err("✓")));
    }

    pub fn warn(&self, msg: impl Display) {
        self.status(format!("{} {msg}", self.yellow_err("warning:")));
    }

    pub fn hint(&self, msg: impl Display) {
        self.status(format!("{} {msg}", self.cyan_err("hint:")));
    }

    /// Prints an error the way every command does, and its JSON form on
    /// stdout when `--json` was given (so scripts get a document either way).
    pub fn report_error(&self, c: &Classified) {
        self.status(format!("{} {}", self.red_err("error:"), c.message));
        for h in &c.hints {
            self.hint(h);
        }
        if self.json {
            let doc = serde_json::json!({
                "error": {
                    "exit_code": c.kind.code(),
                    "kind": c.kind,
                    "message": c.message,
                    "hints": c.hints,
                }
            });
            let _ = self.print_json(&doc);
        }
    }

    // ----- prompts -------------------------------------------------------

    /// Asks for a yes/no confirmation. `--yes` answers yes; without a
    /// terminal (or with `--no-input`) it fails naming `--yes`.
    pub fn confirm(&self, question: &str, default: bool) -> anyhow::Result<bool> {
        if self.yes {
            return Ok(true);
        }
        if !self.interactive {
            return Err(Failure::usage(format!(
                "{question} Refusing to ask without a terminal; pass --yes to confirm."
            ))
            .into());
        }
        Ok(dialoguer::Confirm::new()
            .with_prompt(question)
            .default(default)
            .interact_on(&console::Term::stderr())?)
    }

    /// Asks for one line of text; an empty answer gives `default` (or "").
    /// Fails with a usage error without a terminal, naming `missing`.
    pub fn input(
        &self,
        prompt: &str,
        default: Option<&str>,
        missing: &str,
    ) -> anyhow::Result<String> {
        self.require_interactive(missing)?;
        let mut input = dialoguer::Input::<String>::new()
            .with_prompt(prompt)
            .allow_empty(true);
        if let Some(d) = default {
            input = input.default(d.to_string());
        }
        Ok(input.interact_text_on(&console::Term::stderr())?)
    }

    /// Asks to pick one of `items`; returns its index. Fails with a usage
    /// error without a terminal, naming `missing`.
    pub fn select(
        &self,
        prompt: &str,
        items: &[String],
        default: usize,
        missing: &str,
    ) -> anyhow::Result<usize> {
        self.require_interactive(missing)?;
        Ok(dialoguer::Select::new()
            .with_prompt(prompt)
            .items(items)
            .default(default)
            .interact_on(&console::Term::stderr())?)
    }

    /// Fails with a usage error naming the flags that would have answered a
    /// prompt, unless prompting is allowed.
    pub fn require_interactive(&self, missing: &str) -> anyhow::Result<()> {
        if self.interactive {
            Ok(())
        } else {
            Err(Failure::new(
                ExitKind::Usage,
                format!("{missing} (not asking: stdin is not a terminal or --no-input was given)"),
            )
            .into())
        }
    }

    // ----- spinner -------------------------------------------------------

    /// A spinner on stderr with `msg`, while something is awaited; only on a
    /// terminal (`None` otherwise). It stops and clears its line when
    /// dropped.
    pub fn spinner(&self, msg: &str) -> Option<Spinner> {
        if !self.stderr_tty {
            return None;
        }
        let stop = Arc::new(AtomicBool::new(false));
        let s2 = stop.clone();
        let msg = msg.to_string();
        let thread = std::thread::spawn(move || {
            let frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
            let mut i = 0;
            while !s2.load(Ordering::SeqCst) {
                let mut e = std::io::stderr().lock();
                let _ = write!(e, "\r     {} {msg}", frames[i % frames.len()]);
                let _ = e.flush();
                drop(e);
                i += 1;
                std::thread::sleep(Duration::from_millis(100));
            }
            let mut e = std::io::stderr().lock();
            let _ = write!(e, "\r\x1b[2K");
            let _ = e.flush();
        });
        Some(Spinner {
            stop,
            thread: Some(thread),
        })
    }

    // ----- styling -------------------------------------------------------

    fn paint(
        &self,
        on: bool,
        s: &str,
        f: fn(console::StyledObject<&str>) -> console::StyledObject<&str>,
    ) -> String {
        if on {
            f(console::style(s)).force_styling(true).to_string()
        } else {
            s.to_string()
        }
    }

    pub fn green_err(&self, s: &str) -> String {
        self.paint(self.color_err, s, |x| x.green())
    }
    pub fn red_err(&self, s: &str) -> String {
        self.paint(self.color_err, s, |x| x.red().bold())
    }
    pub fn yellow_err(&self, s: &str) -> String {
        self.paint(self.color_err, s, |x| x.yellow().bold())
    }
    pub fn cyan_err(&self, s: &str) -> String {
        self.paint(self.color_err, s, |x| x.cyan())
    }
    pub fn dim_err(&self, s: &str) -> String {
        self.paint(self.color_err, s, |x| x.dim())
    }
    pub fn bold_err(&self, s: &str) -> String {
        self.paint(self.color_err, s, |x| x.bold())
    }
    pub fn bold_out(&self, s: &str) -> String {
        self.paint(self.color_out, s, |x| x.bold())
    }
    pub fn green_out(&self, s: &str) -> String {
        self.paint(self.color_out, s, |x| x.green())
    }
    pub fn red_out(&self, s: &str) -> String {
        self.paint(self.color_out, s, |x| x.red())
    }
}

/// A running spinner (see [`Ui::spinner`]).
#[derive(Debug)]
pub struct Spinner {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Spinner {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Masks a secret for display: the first four characters and a fixed run of
/// stars, so the length is not given away.
pub fn mask(secret: &str) -> String {
    let head: String = secret.chars().take(4).collect();
    if secret.chars().count() <= 8 {
        "********".to_string()
    } else {
        format!("{head}********")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_hides_all_but_a_short_prefix() {
        assert_eq!(mask("abcdefghijklmnop"), "abcd********");
        assert_eq!(mask("short"), "********");
        assert!(!mask("supersecretvalue123").contains("secret"));
    }

    #[test]
    fn tables_have_no_trailing_blanks() {
        let ui = Ui::plain(false);
        let t = ui.render_table(&["id", "name"], vec![vec!["a".into(), "b c".into()]]);
        assert!(t.lines().all(|l| !l.ends_with(' ')), "{t:?}");
        assert!(t.starts_with("ID"), "{t:?}");
    }

    #[test]
    fn confirm_without_terminal_names_yes() {
        let ui = Ui::plain(false);
        let err = ui.confirm("Delete it?", false).unwrap_err();
        assert!(format!("{err}").contains("--yes"));
    }
}
