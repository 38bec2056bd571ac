//! Exit codes and the error every command returns.
//!
//! Domain modules raise their own typed errors (thiserror); each of those
//! implements [`Classify`] so that the edge can turn any error into one exit
//! code and a list of hints without knowing where it came from. The exit
//! codes are a contract with scripts and are documented in the README.

use std::fmt;
use std::process::ExitCode;

/// The documented exit codes. Never renumber these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExitKind {
    /// 0: everything went as asked.
    Ok,
    /// 1: an error that is none of the below (network, I/O, a bug).
    Error,
    /// 2: the command line or its input is wrong; nothing was sent.
    Usage,
    /// 3: not authenticated at CARTO, or the token expired.
    NotAuthenticated,
    /// 4: the CARTO API refused the request.
    Refused,
    /// 5: `check` or `diagnose` found a problem.
    CheckFailed,
}

impl ExitKind {
    pub const fn code(self) -> u8 {
        match self {
            ExitKind::Ok => 0,
            ExitKind::Error => 1,
            ExitKind::Usage => 2,
            ExitKind::NotAuthenticated => 3,
            ExitKind::Refused => 4,
            ExitKind::CheckFailed => 5,
        }
    }
}

impl From<ExitKind> for ExitCode {
    fn from(kind: ExitKind) -> Self {
        ExitCode::from(kind.code())
    }
}

/// Implemented by every typed error of the domain modules.
pub trait Classify {
    fn exit_kind(&self) -> ExitKind;
    /// What the user can do about it, one line each.
    fn hints(&self) -> Vec<String> {
        Vec::new()
    }
}

/// An error raised by a command itself: a message, its exit kind, and hints.
#[derive(Debug)]
pub struct Failure {
    pub kind: ExitKind,
    pub message: String,
    pub hints: Vec<String>,
}

impl Failure {
    pub fn new(kind: ExitKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ExitKind::Usage, message)
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

impl Classify for Failure {
    fn exit_kind(&self) -> ExitKind {
        self.kind
    }
    fn hints(&self) -> Vec<String> {
        self.hints.clone()
    }
}

/// A command finished, did not error, but its verdict is a failure (a check
/// that failed, a mismatch that was found): the report has been printed, only
/// the exit code is left to give.
#[derive(Debug)]
pub struct Verdict(pub ExitKind);

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "finished with exit code {}", self.0.code())
    }
}

impl std::error::Error for Verdict {}

/// What the edge needs to print an error and exit.
#[derive(Debug, serde::Serialize)]
pub struct Classified {
    pub kind: ExitKind,
    pub message: String,
    pub hints: Vec<String>,
    /// Set when the error is only a verdict: nothing more to print.
    #[serde(skip)]
    pub silent: bool,
}

/// Finds the first error in the chain that knows its exit kind.
pub fn classify(err: &anyhow::Error) -> Classified {
    let message = format!("{err:#}");
    for cause in err.chain() {
        if let Some(v) = cause.downcast_ref::<Verdict>() {
            return Classified {
                kind: v.0,
                message,
                hints: Vec::new(),
                silent: true,
            };
        }
        if let Some(c) = as_classify(cause) {
            return Classified {
                kind: c.exit_kind(),
                message,
                hints: c.hints(),
                silent: false,
            };
        }
    }
    Classified {
        kind: ExitKind::Error,
        message,
        hints: Vec::new(),
        silent: false,
    }
}

/// The one list of typed errors that carry an exit kind. A new domain error
/// type is added here once.
fn as_classify<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a dyn Classify> {
    macro_rules! try_types {
        ($($t:ty),* $(,)?) => {
            $( if let Some(x) = e.downcast_ref::<$t>() { return Some(x); } )*
        };
    }
    try_types!(
        Failure,
        crate::callback::CallbackError,
        crate::callback::input::InputError,
        crate::platforms::UnknownPlatform,
        crate::http::HttpError,
        crate::carto::ApiError,
        crate::carto::AuthError,
        crate::oauth::OAuthError,
        crate::sandbox::SandboxError,
    );
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_are_the_documented_ones() {
        let all = [
            (ExitKind::Ok, 0),
            (ExitKind::Error, 1),
            (ExitKind::Usage, 2),
            (ExitKind::NotAuthenticated, 3),
            (ExitKind::Refused, 4),
            (ExitKind::CheckFailed, 5),
        ];
        for (kind, code) in all {
            assert_eq!(kind.code(), code, "{kind:?}");
        }
    }

    #[test]
    fn classify_finds_a_typed_error_under_context() {
        let err = anyhow::Error::new(Failure::new(ExitKind::Refused, "no").hint("try again"))
            .context("creating the client");
        let c = classify(&err);
        assert_eq!(c.kind, ExitKind::Refused);
        assert_eq!(c.hints, vec!["try again".to_string()]);
        assert!(c.message.starts_with("creating the client: no"));
    }

    #[test]
    fn an_unknown_error_is_exit_1() {
        let c = classify(&anyhow::anyhow!("boom"));
        assert_eq!(c.kind, ExitKind::Error);
    }
}
