//! The model of a check: an ordered list of steps, each with its outcome,
//! duration, evidence and hint; budgets; the verdict. `check`, `diagnose
//! --live`, `demo` and `auth login` run on it. (Stub: filled in by the
//! `check` work.)
